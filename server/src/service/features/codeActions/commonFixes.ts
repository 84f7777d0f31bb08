// Quick fixes for the common rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const COMMON_FIXES: Record<string, FixProvider> = {};
