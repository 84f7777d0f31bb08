// Quick fixes that write DestinationRule TLS for the egress chain: Istio mutual TLS from the
// sidecars to the egress gateway (IE427), and TLS origination at the gateway (IE429). Both set
// the TLS of one port (portLevelSettings, as Istio's egress docs do) in the rule that applies,
// or create that rule right after the VirtualService.
import { isMap, type Node } from 'yaml';
import { filePosition } from '../../parse/parsedFile';
import { locate, nodeAtPath } from '../../parse/yamlPath';
import { CURRENT_API_VERSION } from '../../schema/kinds';
import { routeNames } from '../scaffold/names';
import { workspaceFix } from './quickFix';
import type { FixContext, FixProvider } from './types';
import { editAction, setPortTls, styledBlock, underDiagnostic } from './egressProtocolsFixesEdits';
import { resourceNamed, specOf } from './workspaceEdits';


function createAfter(context: FixContext, title: string, name: string, namespace: string | undefined, spec: Record<string, unknown>) {
  const vs = underDiagnostic(context)?.resource;
  const placed = vs && context.workspace.index.placement(vs);
  if (!vs || !placed) return [];
  const rule = { apiVersion: CURRENT_API_VERSION, kind: 'DestinationRule', metadata: namespace ? { name, namespace } : { name }, spec };
  // A new `---` document right after the VirtualService, written in the file's sequence style.
  const end = placed.doc.text.length;
  const text = `${end > 0 && !/[\r\n]$/.test(placed.doc.text) ? '\n' : ''}---\n${styledBlock(vs.doc, rule, '')}\n`;
  const at = filePosition(placed, end);
  return [workspaceFix(title, context.diagnostic, { changes: { [vs.uri]: [{ range: { start: at, end: at }, newText: text }] } }, true)];
}

export const gatewayMtls: FixProvider = (context) => {
  const { port, sni, create } = context.data as { port?: unknown; sni?: unknown; create?: { host?: unknown; subset?: unknown; namespace?: unknown } };
  if (typeof port !== 'number') return [];
  const tls: Record<string, string> = { mode: 'ISTIO_MUTUAL' };
  if (typeof sni === 'string') tls.sni = sni;
  const title = `Use Istio mutual TLS to the egress gateway on port ${port}${tls.sni ? ` (SNI ${tls.sni})` : ''}`;
  const entry = { port: { number: port }, tls };
  if (create) {
    if (typeof create.host !== 'string' || typeof create.namespace !== 'string') return [];
    const subset = typeof create.subset === 'string' ? create.subset : undefined;
    const spec = subset
      ? { host: create.host, subsets: [{ name: subset, trafficPolicy: { portLevelSettings: [entry] } }] }
      : { host: create.host, trafficPolicy: { portLevelSettings: [entry] } };
    return createAfter(context, `${title}: create a DestinationRule`, routeNames(subset ?? 'mtls').gatewayRule, create.namespace, spec);
  }
  const found = underDiagnostic(context);
  const root = found?.resource.doc.yaml?.contents as Node | undefined;
  if (!found || !root) return [];
  // Flagged on a subset's name: that subset's policy; on the host: the rule's own.
  const path = locate(root, found.offset).path;
  const owner = path[0] === 'spec' && path[1] === 'subsets' && typeof path[2] === 'number' ? nodeAtPath(root, path.slice(0, 3)) : specOf(found.resource);
  if (!isMap(owner)) return [];
  return editAction(context, found.resource, title, setPortTls(found.resource.doc, owner, port, tls));
};

export const originate: FixProvider = (context) => {
  const { host, port, dr, namespace } = context.data as { host?: unknown; port?: unknown; dr?: { namespace?: unknown; name?: unknown }; namespace?: unknown };
  if (typeof host !== 'string' || typeof port !== 'number') return [];
  const tls = { mode: 'SIMPLE' };
  if (dr) {
    const rule = resourceNamed(context.workspace, 'DestinationRule', dr.namespace, dr.name);
    const spec = rule && specOf(rule);
    if (!rule || !isMap(spec)) return [];
    return editAction(context, rule, `Originate TLS on port ${port} in DestinationRule ${rule.namespace}/${rule.name}`, setPortTls(rule.doc, spec, port, tls));
  }
  const spec = { host, trafficPolicy: { portLevelSettings: [{ port: { number: port }, tls }] } };
  return createAfter(context, `Create DestinationRule originating TLS to ${host}:${port}`, routeNames(host).origination, typeof namespace === 'string' ? namespace : undefined, spec);
};
