// apiVersion and kind: is this an Istio resource we know, in a version Istio serves?
import type { ParsedDocument } from '../../../parse/parsedDocument';
import { API_VERSION, CURRENT_API_VERSION, ISTIO_NETWORKING_GROUP, KIND_NAMES } from '../../../schema/kinds';
import { listWords, suggest } from '../../../util/suggest';
import { keySpan, type Report } from '../finding';

/** Istio networking kinds outside our scope: valid, so never reported as unknown. */
const OTHER_NETWORKING_KINDS = new Set(['EnvoyFilter', 'WorkloadEntry', 'WorkloadGroup', 'ProxyConfig']);
const SERVED_VERSIONS = API_VERSION.values.map((value) => value.value);

export function checkResourceHeader(doc: ParsedDocument, report: Report): void {
  const { header } = doc;
  if (header.role !== 'istio') return;
  const { apiVersion, apiVersionNode, kind, kindNode } = header;
  if (apiVersion !== undefined && apiVersionNode && !SERVED_VERSIONS.includes(apiVersion)) {
    const candidates = apiVersionCandidates(apiVersion);
    report({
      ...keySpan(apiVersionNode),
      code: 'IE110',
      message:
        `Unknown apiVersion \`${apiVersion}\`: Istio serves networking resources as ${listWords(SERVED_VERSIONS)}. ` +
        `Use \`${candidates[0]}\`.`,
      data: { fix: 'replace', candidates },
    });
  } else if (apiVersion && apiVersionNode && apiVersion !== CURRENT_API_VERSION && header.istioKind) {
    // Only our five kinds have a v1; EnvoyFilter, for one, exists only as v1alpha3.
    report({
      ...keySpan(apiVersionNode),
      code: 'IE112',
      message: `\`${apiVersion}\` still works but is a legacy version with the same schema as \`${CURRENT_API_VERSION}\`, the current one. Switch to v1 when convenient.`,
      data: { fix: 'replace', candidates: [CURRENT_API_VERSION] },
    });
  }
  if (kind !== undefined && kindNode && !header.istioKind && !OTHER_NETWORKING_KINDS.has(kind)) {
    const suggestions = suggest(kind, KIND_NAMES);
    const hint = suggestions.length ? `Did you mean ${listWords(suggestions)}?` : `Use one of ${listWords(KIND_NAMES)}.`;
    report({
      ...keySpan(kindNode),
      code: 'IE111',
      message: `Unknown kind \`${kind}\` for ${ISTIO_NETWORKING_GROUP}. ${hint}`,
      data: suggestions.length ? { fix: 'replace', candidates: suggestions } : undefined,
    });
  }
}

/** The served version closest to what was written, keeping the version part when it exists. */
function apiVersionCandidates(apiVersion: string): string[] {
  const version = apiVersion.split('/')[1] ?? '';
  const sameVersion = SERVED_VERSIONS.find((served) => served.endsWith(`/${version}`));
  const close = suggest(version, ['v1', 'v1beta1', 'v1alpha3']).map((v) => `${ISTIO_NETWORKING_GROUP}/${v}`);
  const ordered = [sameVersion, ...close, CURRENT_API_VERSION].filter((value): value is string => !!value);
  return [...new Set(ordered)];
}
