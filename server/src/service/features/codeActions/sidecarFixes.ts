// Quick fixes for the sidecar rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const SIDECAR_FIXES: Record<string, FixProvider> = {};
