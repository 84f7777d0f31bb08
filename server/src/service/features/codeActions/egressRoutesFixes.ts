// Quick fixes for the egressRoutes rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const EGRESS_ROUTES_FIXES: Record<string, FixProvider> = {};
