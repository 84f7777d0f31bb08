// Quick fixes for the sidecar rule family: write out the outbound traffic policy mode.
import { isMap } from 'yaml';
import { quickFix } from './quickFix';
import type { FixProvider } from './types';
import { toTextEdit } from './yamlEdits';
import { diagnosticSite, mapAround, setMappingValue } from './gatewayFixes';

/** REGISTRY_ONLY first: it is what Istio applies to a policy without a mode, so the fix changes nothing. */
const explicitMode: FixProvider = (context) => {
  const { document, diagnostic } = context;
  const site = diagnosticSite(context);
  const spec = site && mapAround(site.placed, site.offset, ['outboundTrafficPolicy']);
  const policy = spec?.get('outboundTrafficPolicy', true);
  if (!site || !isMap(policy)) return [];
  return (['REGISTRY_ONLY', 'ALLOW_ANY'] as const).flatMap((mode, index) => {
    const edit = setMappingValue(site.placed, policy, 'mode', mode);
    return edit ? [quickFix(`Make the mode explicit: ${mode}`, document, diagnostic, [toTextEdit(site.placed, edit)], index === 0)] : [];
  });
};

export const SIDECAR_FIXES: Record<string, FixProvider> = { 'sidecar-explicit-mode': explicitMode };
