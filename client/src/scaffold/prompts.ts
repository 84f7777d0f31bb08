// The command's questions, one QuickPick or InputBox each, asked only for what the arguments do
// not give. Every default is pre-filled so that Enter accepts it; answers are checked live by the
// server (the same checks the generator runs). Escape at any step cancels the whole command.
import * as vscode from 'vscode';
import type { EgressMode, EgressRouteDefaults, EgressRouteInputs } from '../../../server/src/protocol';
import type { ScaffoldServer } from './serverCalls';

const TITLE = 'Istio Egress: New Egress Route';

/** Thrown when the user dismisses a prompt. */
export class Cancelled extends Error {}

const MODES: Array<vscode.QuickPickItem & { mode: EgressMode }> = [
  { mode: 'http', label: 'HTTP via the egress gateway', detail: 'The application sends plain HTTP; the egress gateway forwards it to the host (port 80).' },
  { mode: 'tls-passthrough', label: 'HTTPS/TLS passthrough via the egress gateway', detail: "The application's own TLS passes through the gateway unopened, routed by SNI (port 443)." },
  { mode: 'tls-origination', label: 'TLS origination at the egress gateway', detail: 'The application sends HTTP; the egress gateway opens TLS to port 443 of the host.' },
  { mode: 'tcp', label: 'TCP by address', detail: 'Raw TCP to fixed IP addresses (a database, say), on a port the egress gateway exposes.' },
];

async function pick<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T> {
  const chosen = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder, ignoreFocusOut: true, matchOnDetail: true });
  if (!chosen) throw new Cancelled();
  return chosen;
}

/** An InputBox whose answer the server checks as `field` of the inputs known so far; asked again when left empty. */
async function ask(
  server: ScaffoldServer,
  field: keyof EgressRouteInputs,
  prompt: string,
  value: string,
  toInputs: (answer: string) => Record<string, unknown>,
  placeHolder?: string,
): Promise<string> {
  for (;;) {
    const answer = await vscode.window.showInputBox({
      title: TITLE,
      prompt,
      value,
      placeHolder,
      ignoreFocusOut: true,
      // An empty box says nothing yet: the prompt already tells what to type.
      validateInput: async (text) => (text.trim() ? server.problemWith(field, toInputs(text)) : undefined),
    });
    if (answer === undefined) throw new Cancelled();
    if (answer.trim()) return answer.trim();
  }
}

const parseLabels = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=') < 0 ? pair.length : pair.indexOf('=')), pair.includes('=') ? pair.slice(pair.indexOf('=') + 1) : ''] as const),
  );
const formatLabels = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
const splitAddresses = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Asks for every input `given` lacks; returns the complete inputs. */
export async function askInputs(server: ScaffoldServer, defaults: EgressRouteDefaults, given: Partial<EgressRouteInputs>, suggestedHost: string): Promise<EgressRouteInputs> {
  const inputs: Partial<EgressRouteInputs> = { ...given };
  if (inputs.host === undefined) {
    inputs.host = await ask(server, 'host', 'The external host: a full name, or *.domain for a wildcard', suggestedHost, (host) => ({ host, mode: given.mode ?? 'http' }), 'api.example.com');
  }
  const wildcard = inputs.host.trim().startsWith('*');
  if (inputs.mode === undefined) {
    inputs.mode = (await pick(MODES.filter((item) => !(wildcard && item.mode === 'tcp')), `How does traffic to ${inputs.host} leave the mesh?`)).mode;
  }
  const mode = inputs.mode;
  const base = (): Record<string, unknown> => ({ host: inputs.host, mode });
  if (inputs.port === undefined) {
    const port = defaults.ports[mode];
    const text = await ask(server, 'port', mode === 'tcp' ? 'The port of the external service' : 'The port the application connects to', port === undefined ? '' : String(port), (answer) => ({ ...base(), port: answer }), '5432');
    inputs.port = Number(text);
  }
  if (mode === 'tcp' && inputs.addresses === undefined) {
    const text = await ask(server, 'addresses', 'The IP addresses of the service, separated by commas', '', (answer) => ({ ...base(), port: inputs.port, addresses: splitAddresses(answer) }), '192.0.2.10, 192.0.2.11');
    inputs.addresses = splitAddresses(text);
  }
  if (wildcard && inputs.wildcardTarget === undefined) {
    const suggestion = `www.${inputs.host.trim().replace(/^\*\./, '')}`;
    inputs.wildcardTarget = await ask(server, 'wildcardTarget', `The one server the egress gateway sends all of ${inputs.host} to`, suggestion, (wildcardTarget) => ({ ...base(), wildcardTarget }));
  }
  if (inputs.namespace === undefined) {
    inputs.namespace = await ask(server, 'namespace', 'The namespace of the applications (and of the new resources)', defaults.namespace, (namespace) => ({ ...base(), namespace }));
  }
  if (inputs.gatewayNamespace === undefined && inputs.gatewayLabels === undefined && inputs.gatewayService === undefined) Object.assign(inputs, await askGateway(server, defaults, base));
  if (inputs.registryOnly === undefined) {
    const items = [
      { label: 'No', detail: `Leave the outbound traffic policy of ${inputs.namespace} as it is.`, value: false },
      { label: 'Yes, add a REGISTRY_ONLY Sidecar', detail: `Workloads in ${inputs.namespace} may then reach only hosts with a ServiceEntry (or in-cluster Services).`, value: true },
    ];
    inputs.registryOnly = (await pick(items, `Restrict ${inputs.namespace} to registered hosts?`)).value;
  }
  return inputs as EgressRouteInputs;
}

/** The egress gateway: one of the configured ones (the default first), or another described by hand. */
async function askGateway(server: ScaffoldServer, defaults: EgressRouteDefaults, base: () => Record<string, unknown>): Promise<Partial<EgressRouteInputs>> {
  const configured = defaults.gateways.map((gateway) => ({
    label: `${gateway.service}.${gateway.namespace}`,
    description: formatLabels(gateway.labels),
    detail: `ports ${gateway.ports.join(', ') || 'unknown'}`,
    gateway,
  }));
  const other = { label: 'Another egress gateway…', description: 'its namespace, Service and pod labels', detail: 'Also describe it in the istioEgress.gateways setting so that the checks know it.', gateway: undefined };
  const chosen = await pick([...configured, other], 'Which egress gateway does the traffic go through?');
  // Namespace and Service identify a configured gateway; the server picks its selector labels.
  if (chosen.gateway) return { gatewayNamespace: chosen.gateway.namespace, gatewayService: chosen.gateway.service };
  const fallback = defaults.gateways[0];
  const gatewayNamespace = await ask(server, 'gatewayNamespace', "The egress gateway's namespace", fallback?.namespace ?? 'istio-system', (answer) => ({ ...base(), gatewayNamespace: answer }));
  const gatewayService = await ask(server, 'gatewayService', "The name of the egress gateway's Service", fallback?.service ?? 'istio-egressgateway', (answer) => ({ ...base(), gatewayService: answer }));
  const labels = await ask(server, 'gatewayLabels', 'Labels of the egress gateway pods (key=value, separated by commas)', 'istio=egressgateway', (answer) => ({ ...base(), gatewayLabels: parseLabels(answer) }));
  return { gatewayNamespace, gatewayService, gatewayLabels: parseLabels(labels) };
}
