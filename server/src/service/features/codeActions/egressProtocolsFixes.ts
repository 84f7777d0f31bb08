// Quick fixes for the egressProtocols rule family (IE415–IE429), by the `fix` name their
// diagnostics carry (port and SNI replacements use the shared `replace` fix). Each re-reads the
// resource under the diagnostic and edits only what it must.
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { RouteKind } from '../../index/facts';
import type { Resource } from '../../index/workspaceIndex';
import { locate, nodeAtPath } from '../../parse/yamlPath';
import { protocolFamily } from '../../schema/common';
import { protocolOfName } from '../diagnostics/rules/serviceEntryModel';
import type { FixContext, FixProvider } from './types';
import { addMappingKey, appendSequenceItem, replaceSpan, type DocumentEdit } from './yamlEdits';
import { addKeys, editAction, removeKey, underDiagnostic } from './egressProtocolsFixesEdits';
import { gatewayMtls, originate } from './egressProtocolsFixesTls';
import { resourceNamed, specOf } from './workspaceEdits';

const KINDS: readonly RouteKind[] = ['http', 'tls', 'tcp'];
const isKind = (value: unknown): value is RouteKind => KINDS.includes(value as RouteKind);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * IE421/IE422: rename the route list (adding or dropping `sniHosts`), or correct the ServiceEntry
 * port. `tls` rules on a port declared HTTP mean TLS traffic: correcting the port comes first.
 */
const routeKind: FixProvider = (context) => {
  const { data } = context;
  const found = underDiagnostic(context);
  if (!found || !isKind(data.from)) return [];
  const switched = isKind(data.to) ? switchList(context, found.resource, data.from, data.to, strings(data.sniHosts)) : [];
  const portFirst = data.from === 'tls';
  const declared = declarePort(context, data.protocol, portFirst || !switched.length);
  return portFirst ? [...declared, ...switched.map((action) => ({ ...action, isPreferred: declared.length ? undefined : action.isPreferred }))] : [...switched, ...declared];
};

/** Sets the protocol of a ServiceEntry port, and renames a port named after the old protocol (`http-443` → `tls-443`) so that IE228 stays quiet. */
function declarePort(context: FixContext, value: unknown, preferred: boolean): CodeAction[] {
  const protocol = value as { namespace?: unknown; name?: unknown; port?: unknown; value?: unknown } | undefined;
  if (!protocol || typeof protocol.value !== 'string' || typeof protocol.port !== 'number') return [];
  const se = resourceNamed(context.workspace, 'ServiceEntry', protocol.namespace, protocol.name);
  const ports = se?.facts.serviceEntry?.ports ?? [];
  const port = ports.find((candidate) => candidate.number?.value === protocol.port);
  if (!se || !port?.protocol) return [];
  const name = port.name && renamedPort(port.name.value, protocol.value);
  const rename = name && !ports.some((other) => other.name?.value === name) ? [replaceSpan(port.name!.span, name)] : [];
  const title = `Declare port ${protocol.port} of ServiceEntry ${se.namespace}/${se.name} as ${protocol.value}${rename.length ? ` named ${name}` : ''}`;
  return editAction(context, se, title, [...rename, replaceSpan(port.protocol.span, protocol.value)], preferred);
}

/** A port name whose protocol prefix announces another protocol family, with that prefix replaced. */
function renamedPort(name: string, protocol: string): string | undefined {
  const named = protocolOfName(name);
  if (!named || protocolFamily(named) === protocolFamily(protocol)) return undefined;
  const prefix = named === 'GRPC-Web' ? 'grpc-web'.length : name.split('-')[0].length;
  return `${protocol.toLowerCase()}${name.slice(prefix)}`;
}

function switchList(context: FixContext, vs: Resource, from: RouteKind, to: RouteKind, sniHosts: string[]): CodeAction[] {
  const spec = specOf(vs);
  if (!isMap(spec) || spec.has(to)) return [];
  const pair = spec.items.find((item) => (item.key as { value?: unknown } | null)?.value === from);
  const key = pair?.key as Node | undefined;
  const list = spec.get(from, true);
  if (!key?.range || !isSeq(list)) return [];
  const edits: Array<DocumentEdit | undefined> = [replaceSpan({ start: key.range[0], end: key.range[1] }, to)];
  for (const rule of list.items) {
    if (!isMap(rule)) return [];
    const matches = rule.get('match', true);
    if (to === 'tls') {
      if (!sniHosts.length) return [];
      if (matches === undefined || matches === null) edits.push(addKeys(vs.doc, rule, { match: [{ sniHosts }] }));
      else if (isSeq(matches)) {
        for (const match of matches.items) {
          if (!isMap(match)) return [];
          if (!match.has('sniHosts')) edits.push(addKeys(vs.doc, match, { sniHosts }));
        }
      } else return [];
    } else if (isSeq(matches)) {
      for (const match of matches.items) if (isMap(match) && match.has('sniHosts')) edits.push(removeKey(vs.doc, match as YAMLMap, 'sniHosts'));
    }
  }
  const title = to === 'tls' ? `Make these \`tls\` rules matching sniHosts [${sniHosts.join(', ')}]` : `Make these \`${to}\` rules`;
  return editAction(context, vs, title, edits);
}

/** IE423: add the SNI name to the `sniHosts` list of the gateway-side rule (its entry at `data.at`). */
const addSni: FixProvider = (context) => {
  const found = underDiagnostic(context);
  const { sni, at } = context.data;
  const root = found?.resource.doc.yaml?.contents as Node | undefined;
  if (!found || typeof sni !== 'string' || typeof at !== 'number' || !root) return [];
  const path = locate(root, at).path;
  const list = nodeAtPath(root, path.slice(0, -1));
  if (!isSeq(list) || path[path.length - 2] !== 'sniHosts') return [];
  return editAction(context, found.resource, `Add '${sni}' to the gateway-side sniHosts`, [appendSequenceItem(found.resource.doc, list, sni)]);
};

/** IE424 (no `sni`): add `sni` next to the TLS mode under the diagnostic. */
const addSniField: FixProvider = (context) => {
  const found = underDiagnostic(context);
  const { sni } = context.data;
  const root = found?.resource.doc.yaml?.contents as Node | undefined;
  if (!found || typeof sni !== 'string' || !root) return [];
  const tls = locate(root, found.offset).parentMap;
  if (!tls || tls.has('sni')) return [];
  return editAction(context, found.resource, `Add 'sni: ${sni}'`, [addMappingKey(found.resource.doc, tls, 'sni', sni)]);
};

/** IE420: declare the protocol of the ServiceEntry port whose number is under the diagnostic. */
const portProtocol: FixProvider = (context) => {
  const found = underDiagnostic(context);
  const { protocol } = context.data;
  const root = found?.resource.doc.yaml?.contents as Node | undefined;
  if (!found || typeof protocol !== 'string' || !root) return [];
  const port = locate(root, found.offset).parentMap;
  if (!port || port.has('protocol')) return [];
  return editAction(context, found.resource, `Declare the port's protocol as ${protocol}`, [addKeys(found.resource.doc, port, { protocol })]);
};

export const EGRESS_PROTOCOLS_FIXES: Record<string, FixProvider> = {
  'egress-protocols-route-kind': routeKind,
  'egress-protocols-add-sni': addSni,
  'egress-protocols-add-sni-field': addSniField,
  'egress-protocols-gateway-mtls': gatewayMtls,
  'egress-protocols-originate': originate,
  'egress-protocols-port-protocol': portProtocol,
};
