// The `replace-gateway` quick fix (IE300) `{ reference (as written), candidates }`: one action per
// existing Gateway, writing it wherever this VirtualService names the missing Gateway, in
// `spec.gateways` and in `match.gateways` alike (the same slip, or the matches stop matching).
// Preferred when there is a single candidate.
import { gatewayName } from '../../index/gatewayRefs';
import type { Spanned } from '../../index/facts';
import { quickFix } from './quickFix';
import type { FixProvider } from './types';
import { resourceAt } from './workspaceEdits';
import { toTextEdit } from './yamlEdits';

const REFERENCE = /^[-a-z0-9.*~/]{1,253}$/;

const replaceGateway: FixProvider = ({ document, diagnostic, data, workspace }) => {
  const { reference } = data;
  const candidates = Array.isArray(data.candidates) ? data.candidates.filter((item): item is string => typeof item === 'string' && REFERENCE.test(item)) : [];
  const file = workspace.file(document.uri);
  const vs = resourceAt(workspace, document.uri, diagnostic.range.start.line);
  const facts = vs?.facts.virtualService;
  const placed = vs && workspace.index.placement(vs);
  // Only edit a parse of exactly the text the client has.
  if (typeof reference !== 'string' || !candidates.length || !file || file.text !== document.getText() || !vs || !facts || !placed) return [];
  const missing = gatewayName(reference, vs.namespace);
  const same = (entry: Spanned<string>) => {
    const named = gatewayName(entry.value, vs.namespace);
    return !!named && !!missing && named.namespace === missing.namespace && named.name === missing.name;
  };
  const inSpec = facts.gateways.filter(same);
  const inMatches = facts.routes.flatMap((route) => route.matches.flatMap((match) => match.gateways.filter(same)));
  if (!inSpec.length) return [];
  const also = inMatches.length ? ` (and in ${inMatches.length} match${inMatches.length > 1 ? 'es' : ''})` : '';
  return candidates.slice(0, 5).map((candidate) =>
    quickFix(
      `Change to '${candidate}'${also}`,
      document,
      diagnostic,
      [...inSpec, ...inMatches].map((entry) => toTextEdit(placed, { start: entry.span.start, end: entry.span.end, text: candidate })),
      candidates.length === 1,
    ),
  );
};

export const GATEWAY_REFERENCE_FIXES: Record<string, FixProvider> = { 'replace-gateway': replaceGateway };
