// Every quick-fix provider, by the `fix` name diagnostics carry in their data.
import { COMMON_FIXES } from './commonFixes';
import { CONFLICTS_FIXES } from './conflictsFixes';
import { DESTINATION_RULE_FIXES } from './destinationRuleFixes';
import { EGRESS_PROTOCOLS_FIXES } from './egressProtocolsFixes';
import { EGRESS_ROUTES_FIXES } from './egressRoutesFixes';
import { GATEWAY_FIXES } from './gatewayFixes';
import { REFERENCE_FIXES } from './referencesFixes';
import { SCHEMA_FIXES } from './schemaFixes';
import { SERVICE_ENTRY_FIXES } from './serviceEntryFixes';
import { SIDECAR_FIXES } from './sidecarFixes';
import { VIRTUAL_SERVICE_FIXES } from './virtualServiceFixes';
import { VISIBILITY_FIXES } from './visibilityFixes';
import type { FixProvider } from './types';

export const FIX_PROVIDERS: Record<string, FixProvider> = {
  ...SCHEMA_FIXES,
  ...REFERENCE_FIXES,
  ...COMMON_FIXES,
  ...SERVICE_ENTRY_FIXES,
  ...GATEWAY_FIXES,
  ...DESTINATION_RULE_FIXES,
  ...VIRTUAL_SERVICE_FIXES,
  ...SIDECAR_FIXES,
  ...CONFLICTS_FIXES,
  ...VISIBILITY_FIXES,
  ...EGRESS_ROUTES_FIXES,
  ...EGRESS_PROTOCOLS_FIXES,
};
