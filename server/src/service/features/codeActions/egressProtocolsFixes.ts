// Quick fixes for the egressProtocols rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const EGRESS_PROTOCOLS_FIXES: Record<string, FixProvider> = {};
