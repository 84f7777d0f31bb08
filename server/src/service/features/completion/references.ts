// Completion of values that name other resources: Gateways in a VirtualService, destination
// hosts, subsets and ports, SNI hosts, Gateway selector labels, DestinationRule hosts and
// Sidecar egress hosts. Candidates come from keyed lookups or one pass over a kind.
import { isSeq, type Node } from 'yaml';
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { resourceFacts } from '../../index/extractFacts';
import type { ResourceFacts } from '../../index/facts';
import { resolveGateway, resourcesOfKind, type IndexView } from '../../index/queries';
import { scalarString, type ParsedDocument } from '../../parse/parsedDocument';
import type { PlacedDocument } from '../../parse/parsedFile';
import { nodeAtPath } from '../../parse/yamlPath';
import { lettersInOrder } from '../navigation/symbols';
import { rememberQuery, viewOf, type ReferenceWorkspace } from '../navigation/workspace';
import type { CursorContext } from './cursorContext';
import { hostCandidates, portCandidates, sidecarHostCandidates, subsetCandidates, unique, type Candidate } from './referenceCandidates';
import { referenceSlot, type Insertion, type ReferenceField } from './referenceFields';

/**
 * At most this many items go to the client. A workspace can hold thousands of hosts; beyond
 * this the list is filtered by what is typed and marked incomplete, so the editor asks again.
 */
export const REFERENCE_LIMIT = 200;

export interface ReferenceCompletions {
  items: CompletionItem[];
  /** Set when the items were cut to the limit: the client must ask again as the user types. */
  incomplete: boolean;
}

export function referenceCompletions(placed: PlacedDocument, context: CursorContext, range: Range, workspace: ReferenceWorkspace): ReferenceCompletions {
  const { doc } = placed;
  const slot = referenceSlot(doc.header.istioKind, context);
  if (!slot) return { items: [], incomplete: false };
  const view = viewOf(workspace);
  // Read from this document's own parse: it may be half-written and not yet what the index holds.
  const facts = resourceFacts(doc);
  const namespace = doc.header.namespace || view.settings.defaultNamespace;
  const taken = slot.insertion.as === 'item' ? otherEntries(doc, slot.insertion) : context.siblings;
  const quoted = doc.text[context.replaceStart] === '"' || doc.text[context.replaceStart] === "'";
  let candidates = candidatesFor(slot.target, { workspace, view, doc, facts, namespace }).filter((candidate) => !taken.has(candidate.key ?? candidate.value));
  const incomplete = candidates.length > REFERENCE_LIMIT;
  if (incomplete) {
    // The editor's own filter is fuzzy: keep what it would keep (the typed letters, in order).
    const typed = context.prefix.toLowerCase();
    candidates = candidates
      .filter((candidate) => lettersInOrder(candidate.value.toLowerCase(), typed))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, REFERENCE_LIMIT);
  }
  return { items: candidates.map((candidate, index) => completionItem(candidate, index, slot.insertion, context.needsSpace, quoted, range)), incomplete };
}

interface Editing {
  workspace: ReferenceWorkspace;
  view: IndexView;
  doc: ParsedDocument;
  facts: ResourceFacts | undefined;
  namespace: string;
}

function candidatesFor(target: ReferenceField, editing: Editing): Candidate[] {
  const { workspace, view, doc, facts, namespace } = editing;
  const ownHosts = facts?.virtualService?.hosts.map((host) => host.value) ?? [];
  switch (target.field) {
    case 'gateways':
      return gatewayCandidates(workspace, namespace, facts, target.inMatch);
    case 'destination-host':
      return hostCandidates(workspace, namespace, ownHosts);
    case 'destination-rule-host':
      return hostCandidates(workspace, namespace);
    case 'subset':
    case 'port': {
      const host = scalarString(nodeAtPath(doc.yaml?.contents, [...target.destination, 'host']) as Node | undefined);
      if (!host) return [];
      return target.field === 'subset' ? subsetCandidates(workspace, host, namespace) : portCandidates(view, host, namespace);
    }
    case 'sni-hosts':
      return unique(ownHosts.filter((host) => host !== '*').map((value) => ({ value, detail: 'host of this VirtualService', rank: 0, kind: CompletionItemKind.Reference })));
    case 'sidecar-hosts':
      return sidecarHostCandidates(workspace, namespace);
    case 'selector':
      return unique(gatewayLabels(view).map(({ key, value, ...rest }) => ({ ...rest, value: `${key}: ${value}`, key, verbatim: true })));
    case 'selector-value':
      return unique(gatewayLabels(view).filter((label) => label.key === target.key).map(({ key: _key, ...rest }) => rest));
  }
}

/**
 * `mesh` and every Gateway, by bare name in the VirtualService's namespace and `ns/name`
 * elsewhere. In a match, what spec.gateways lists comes first (all a match usually picks from).
 */
function gatewayCandidates(workspace: ReferenceWorkspace, namespace: string, facts: ResourceFacts | undefined, inMatch: boolean): Candidate[] {
  const view = viewOf(workspace);
  const vs = facts?.virtualService;
  const listed = inMatch ? (vs?.gatewaysWritten ? vs.gateways.map((gateway) => gateway.value) : ['mesh']) : [];
  // Entries are compared by the Gateway they name, whichever way they are written.
  const identity = (reference: string) => {
    const resolved = resolveGateway(view, reference, namespace);
    return resolved ? `${resolved.namespace}/${resolved.name}` : reference;
  };
  const listedIdentities = new Set(listed.map(identity));
  const offers: Candidate[] = listed.map((value) => ({ value, detail: 'listed in spec.gateways', rank: 0, kind: CompletionItemKind.Reference }));
  if (!listedIdentities.has('mesh')) offers.push({ value: 'mesh', detail: 'every sidecar in the mesh', documentation: '`mesh` is reserved: the rule applies to the sidecars of every workload.', rank: 1, kind: CompletionItemKind.Keyword });
  const gateways = rememberQuery(workspace, `gateways ${namespace}`, (lookups) => gatewaysAsSeenFrom(lookups, namespace));
  for (const gateway of gateways) if (!listedIdentities.has(gateway.identity)) offers.push(gateway);
  return unique(offers);
}

function gatewaysAsSeenFrom(view: IndexView, namespace: string): Array<Candidate & { identity: string }> {
  return resourcesOfKind(view, 'Gateway')
    .filter((gateway) => gateway.name)
    .map((gateway) => ({
      identity: `${gateway.namespace}/${gateway.name}`,
      value: gateway.namespace === namespace ? gateway.name : `${gateway.namespace}/${gateway.name}`,
      detail: `Gateway ${gateway.namespace}/${gateway.name}`,
      documentation: describeGateway(gateway.facts),
      rank: 2,
      kind: CompletionItemKind.Reference,
    }));
}

function describeGateway(facts: ResourceFacts): string {
  const selector = Object.entries(facts.gateway?.selector?.value ?? {}).map(([key, value]) => `${key}=${value}`);
  const servers = (facts.gateway?.servers ?? []).map((server) => `- ${server.port?.number?.value ?? '?'}/${server.port?.protocol?.value ?? '?'} ${server.hosts.map((host) => `\`${host.value}\``).join(', ')}`);
  return [`Selector: ${selector.length ? `\`${selector.join(', ')}\`` : 'none'}`, '', ...servers].join('\n');
}

/** The labels of the configured gateway workloads, egress gateways first. */
function gatewayLabels(view: IndexView): Array<Candidate & { key: string }> {
  const workloads = [...view.settings.gateways].sort((a, b) => (a.role === b.role ? 0 : a.role === 'egress' ? -1 : 1));
  return workloads.flatMap((workload, order) =>
    Object.entries(workload.labels).map(([key, value]) => ({
      key,
      value,
      detail: `selects ${workload.service} (${workload.namespace})`,
      documentation: `Pods of the configured ${workload.role} gateway ${workload.service} in \`${workload.namespace}\` carry this label.`,
      // `istio: …` is the label Istio's own examples select on.
      rank: order * 2 + (key === 'istio' ? 0 : 1),
      kind: CompletionItemKind.Property,
    })),
  );
}

/** The other entries already in the list being completed, to leave them out. */
function otherEntries(doc: ParsedDocument, insertion: Extract<Insertion, { as: 'item' }>): Set<string> {
  const list = nodeAtPath(doc.yaml?.contents, insertion.list);
  const values = new Set<string>();
  if (!isSeq(list)) return values;
  list.items.forEach((item, index) => {
    const value = index === insertion.index ? undefined : scalarString(item as Node);
    if (value) values.add(value);
  });
  return values;
}

function completionItem(offer: Candidate, index: number, insertion: Insertion, needsSpace: boolean, quoted: boolean, range: Range): CompletionItem {
  const text = offer.verbatim ? offer.value : yamlScalar(offer.value, quoted);
  const body = insertion.as === 'list' ? `[${text}]` : insertion.as === 'map' ? `{${text}}` : text;
  return {
    label: offer.value,
    kind: offer.kind,
    detail: offer.detail,
    ...(offer.documentation ? { documentation: { kind: 'markdown', value: offer.documentation } } : {}),
    sortText: `${String(offer.rank).padStart(2, '0')}${String(index).padStart(5, '0')}`,
    filterText: quoted ? text : offer.value,
    textEdit: { range, newText: (needsSpace ? ' ' : '') + body },
  };
}

/** Plain when YAML reads it back as the same string; double-quoted otherwise (e.g. `*.example.com`). */
function yamlScalar(value: string, quoted: boolean): string {
  const plain = /^[A-Za-z0-9._~/][^\s#,[\]{}]*$/.test(value) && !value.includes(': ') && !/^(true|false|null|~|[-+]?\d[\d_.eE+-]*)$/i.test(value);
  return quoted || !plain ? JSON.stringify(value) : value;
}
