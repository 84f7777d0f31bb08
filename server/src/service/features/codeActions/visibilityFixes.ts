// Quick fixes for the visibility rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const VISIBILITY_FIXES: Record<string, FixProvider> = {};
