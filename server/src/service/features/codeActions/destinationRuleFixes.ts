// Quick fixes for the destinationRule rule family, by the `fix` name their diagnostics carry.
import type { FixProvider } from './types';

export const DESTINATION_RULE_FIXES: Record<string, FixProvider> = {};
