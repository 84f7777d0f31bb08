// Quick fixes for the serviceEntry rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const SERVICE_ENTRY_FIXES: Record<string, FixProvider> = {};
