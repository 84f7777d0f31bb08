// Every quick-fix provider, by the `fix` name diagnostics carry in their data.
import { REFERENCE_FIXES } from './referencesFixes';
import { SCHEMA_FIXES } from './schemaFixes';
import type { FixProvider } from './types';

export const FIX_PROVIDERS: Record<string, FixProvider> = {
  ...SCHEMA_FIXES,
  ...REFERENCE_FIXES,
};
