// Quick fixes for the conflicts rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const CONFLICTS_FIXES: Record<string, FixProvider> = {};
