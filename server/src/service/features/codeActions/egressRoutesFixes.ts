// Quick fixes for the egress route checks (IE400–IE410), by the `fix` name their diagnostics
// carry. Each re-reads the resource under the diagnostic (or, for IE410, the ServiceEntry it
// names) and edits only what it must.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Resource } from '../../index/workspaceIndex';
import type { ParsedDocument } from '../../parse/parsedDocument';
import {
  isBindFixData,
  isGatewayHostFixData,
  isRedirectFixData,
  isResolutionFixData,
  isRoutesFixData,
  isSelectorFixData,
  ruleValue,
} from '../diagnostics/rules/egressRoutesData';
import { addKeyAfter, appendItem, insertItemBefore, prependKey, replaceMapping } from './egressRoutesEdits';
import { quickFix, workspaceFix } from './quickFix';
import type { FixContext, FixProvider } from './types';
import { editResource, resourceAt, resourceNamed, specOf } from './workspaceEdits';
import { addMappingKey, replaceSpan, toTextEdit, type DocumentEdit } from './yamlEdits';

/** The resource under the diagnostic, its spec mapping, and a way to turn local edits into an action. */
function target({ workspace, document, diagnostic }: FixContext): { resource: Resource; spec: YAMLMap; action: (title: string, edits: Array<DocumentEdit | undefined>, preferred?: boolean) => CodeAction[] } | undefined {
  const resource = resourceAt(workspace, document.uri, diagnostic.range.start.line);
  const spec = resource && specOf(resource);
  const placed = resource && workspace.index.placement(resource);
  if (!resource || !isMap(spec) || !placed) return undefined;
  const action = (title: string, edits: Array<DocumentEdit | undefined>, preferred = true) => {
    if (!edits.length || edits.some((edit) => !edit)) return [];
    const changes = { [resource.uri]: (edits as DocumentEdit[]).map((edit) => toTextEdit(placed, edit)) };
    return [workspaceFix(title, diagnostic, { changes }, preferred)];
  };
  return { resource, spec, action };
}

const asMap = (node: unknown): YAMLMap | undefined => (isMap(node) ? node : undefined);

/** Adds names to spec.gateways; without the key, writes it with `mesh` first (its absence meant mesh). */
function bindEdits(resource: Resource, spec: YAMLMap, names: readonly string[]): Array<DocumentEdit | undefined> {
  if (!names.length) return [];
  const list = spec.get('gateways', true);
  if (isSeq(list)) return names.map((name) => appendItem(resource.doc, list, name));
  if (list !== undefined && list !== null) return [undefined];
  return [addKeyAfter(resource.doc, spec, 'hosts', 'gateways', [...new Set(['mesh', ...names])])];
}

/** Limits a rule to gateways: every match clause without `gateways` gets them; a rule without a match gets one. */
function scopeEdits(resource: Resource, rule: unknown, gateways: string[]): Array<DocumentEdit | undefined> {
  const map = asMap(rule);
  if (!map) return [undefined];
  const match = map.get('match', true);
  if (!isSeq(match) || match.items.length === 0) return [match === undefined ? prependKey(resource.doc, map, 'match', [{ gateways }]) : undefined];
  return match.items.flatMap((clause) => {
    const clauseMap = asMap(clause);
    if (!clauseMap) return [undefined];
    return clauseMap.has('gateways') ? [] : [prependKey(resource.doc, clauseMap, 'gateways', gateways)];
  });
}

const routes: FixProvider = (context) => {
  const { data } = context;
  const found = isRoutesFixData(data) ? target(context) : undefined;
  if (!found || !isRoutesFixData(data)) return [];
  const { resource, spec, action } = found;
  const list = spec.get(data.kind, true);
  if (!isSeq(list)) return [];
  const edits: Array<DocumentEdit | undefined> = [];
  if (data.add) {
    const value = ruleValue(data.add.rule);
    edits.push(data.add.before === undefined ? appendItem(resource.doc, list, value) : insertItemBefore(resource.doc, list, data.add.before, value));
  }
  for (const scope of data.scope ?? []) edits.push(...scopeEdits(resource, list.items[scope.index], scope.gateways));
  edits.push(...bindEdits(resource, spec, data.bind));
  return action(data.title, edits);
};

const bind: FixProvider = (context) => {
  const { data, document, diagnostic } = context;
  const found = isBindFixData(data) ? target(context) : undefined;
  if (!found || !isBindFixData(data)) return [];
  const replacements = data.replacements.slice(0, 3).map((name, index) => quickFix(`Change to '${name}'`, document, diagnostic, [{ range: diagnostic.range, newText: name }], index === 0));
  const add = found.action(`Add '${data.name}' to gateways`, bindEdits(found.resource, found.spec, [data.name]), replacements.length === 0);
  return [...replacements, ...add];
};

const redirect: FixProvider = (context) => {
  const { data } = context;
  const found = isRedirectFixData(data) ? target(context) : undefined;
  if (!found || !isRedirectFixData(data)) return [];
  const { resource, spec, action } = found;
  const list = spec.get(data.kind, true);
  const rule = isSeq(list) ? asMap(list.items[data.index]) : undefined;
  const routeList = rule?.get('route', true);
  const destinations = isSeq(routeList) ? routeList.items.map((item) => asMap(asMap(item)?.get('destination', true))).filter((item): item is YAMLMap => !!item) : [];
  const destination = destinations[data.destination];
  const host = destination?.get('host', true) as Node | undefined;
  if (!destination || !isScalar(host) || !host.range) return [];
  const edits: Array<DocumentEdit | undefined> = [replaceSpan({ start: host.range[0], end: host.range[1] }, data.host)];
  const port = asMap(destination.get('port', true))?.get('number', true) as Node | undefined;
  if (data.port !== undefined) {
    if (isScalar(port) && port.range && port.value !== data.port) edits.push(replaceSpan({ start: port.range[0], end: port.range[1] }, String(data.port)));
    else if (!port) edits.push(addKeyAfter(resource.doc, destination, 'host', 'port', { number: data.port }));
  }
  return action(`Send it to ${data.host}`, edits);
};

const selector: FixProvider = (context) => {
  const { data } = context;
  const found = isSelectorFixData(data) ? target(context) : undefined;
  if (!found || !isSelectorFixData(data)) return [];
  const { resource, spec, action } = found;
  const map = asMap(spec.get('selector', true));
  if (!map) return [];
  const keys = map.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
  const title = `Select the ${data.workload} pods`;
  // Keys the workload also carries keep their place (and comments); only their values change.
  if (keys.length && keys.every((key) => key in data.labels)) {
    const edits = map.items.flatMap((pair) => {
      const value = pair.value as Node | null;
      const wanted = data.labels[String((pair.key as { value: unknown }).value)];
      if (!isScalar(value) || !value.range) return [undefined];
      return String(value.value) === wanted ? [] : [replaceSpan({ start: value.range[0], end: value.range[1] }, wanted)];
    });
    return action(title, edits);
  }
  const labels = 'istio' in data.labels ? { istio: data.labels.istio } : data.labels;
  return action(title, [replaceMapping(resource.doc, map, labels)]);
};

const gatewayHost: FixProvider = (context) => {
  const { data } = context;
  const found = isGatewayHostFixData(data) ? target(context) : undefined;
  if (!found || !isGatewayHostFixData(data)) return [];
  const servers = found.spec.get('servers', true);
  const hosts = isSeq(servers) ? asMap(servers.items[data.server])?.get('hosts', true) : undefined;
  return isSeq(hosts) ? found.action(`Add '${data.host}' to the server's hosts`, [appendItem(found.resource.doc, hosts, data.host)]) : [];
};

/** IE410: `resolution: DNS` on the ServiceEntry, while it still declares the host with resolution NONE. */
const resolution: FixProvider = (context) => {
  const { data, workspace, diagnostic } = context;
  if (!isResolutionFixData(data)) return [];
  const se = resourceNamed(workspace, 'ServiceEntry', data.serviceEntry.namespace, data.serviceEntry.name);
  const facts = se?.facts.serviceEntry;
  const spec = se && specOf(se);
  if (!se || !facts || !isMap(spec) || (facts.resolution?.value ?? 'NONE') !== 'NONE' || !facts.hosts.some((host) => host.value === data.host)) return [];
  const edit = facts.resolution ? replaceSpan(facts.resolution.span, 'DNS') : insertResolution(se.doc, spec);
  const change = editResource(workspace.index, se, edit);
  return change ? [workspaceFix(`Set resolution: DNS on ServiceEntry ${se.namespace}/${se.name}`, diagnostic, change, data.preferred)] : [];
};

/** `resolution: DNS` where Istio's docs write it: after `location` or `ports`, whichever comes last. */
function insertResolution(doc: ParsedDocument, spec: YAMLMap): DocumentEdit | undefined {
  if (spec.flow) return addMappingKey(doc, spec, 'resolution', 'DNS');
  const anchors = spec.items.flatMap((pair) => (isScalar(pair.key) && (pair.key.value === 'location' || pair.key.value === 'ports') ? [String(pair.key.value)] : []));
  return addKeyAfter(doc, spec, anchors[anchors.length - 1] ?? '', 'resolution', 'DNS');
}

export const EGRESS_ROUTES_FIXES: Record<string, FixProvider> = {
  'egress-routes': routes,
  'egress-bind': bind,
  'egress-redirect': redirect,
  'egress-selector': selector,
  'egress-gateway-host': gatewayHost,
  'egress-se-resolution': resolution,
};
