// Quick fixes for the virtualService rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const VIRTUAL_SERVICE_FIXES: Record<string, FixProvider> = {};
