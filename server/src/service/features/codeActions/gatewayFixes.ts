// Quick fixes for the gateway rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const GATEWAY_FIXES: Record<string, FixProvider> = {};
