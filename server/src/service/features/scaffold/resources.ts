// The resources of an egress route, in the shapes of Istio's egress gateway tasks: the
// ServiceEntry, the Gateway on the egress gateway, the DestinationRule defining the gateway
// subset, the VirtualService with exactly two rules (mesh → egress gateway, egress gateway →
// external host), the DestinationRule that originates TLS, and the optional REGISTRY_ONLY Sidecar.
//
// Everything lives in the application namespace, as in Istio's docs: the sidecars there apply the
// gateway-subset DestinationRule (Istio searches the client's namespace first), the Gateway may
// select gateway pods in any namespace, the VirtualService and ServiceEntry are exported to all
// namespaces (the gateway's included), and the egress gateway finds the TLS-originating
// DestinationRule in the namespace of the host's ServiceEntry.
import { CURRENT_API_VERSION } from '../../schema/kinds';
import { routeNames, type RouteNames } from './names';
import type { RouteRequest } from './types';

export interface ScaffoldResource {
  kind: 'ServiceEntry' | 'Gateway' | 'DestinationRule' | 'VirtualService' | 'Sidecar';
  name: string;
  namespace: string;
  /** One line saying what the resource does in the route. */
  comment: string;
  value: Record<string, unknown>;
}

export interface BuildOptions {
  /** Leave out the ServiceEntry of the host (it exists already). */
  omitServiceEntry?: boolean;
  /** Leave out the ServiceEntry of a wildcard's concrete destination (it exists already). */
  omitTargetServiceEntry?: boolean;
  /** Leave out the Sidecar even when asked for (the namespace has one). */
  omitSidecar?: boolean;
}

type Port = { number: number; name: string; protocol: string };

export function buildRoute(request: RouteRequest, options: BuildOptions = {}): ScaffoldResource[] {
  const names = routeNames(request.host);
  const destination = request.target ?? request.host;
  const make = (kind: ScaffoldResource['kind'], name: string, comment: string, spec: Record<string, unknown>): ScaffoldResource => ({
    kind,
    name,
    namespace: request.namespace,
    comment,
    value: { apiVersion: CURRENT_API_VERSION, kind, metadata: request.writeNamespace ? { name, namespace: request.namespace } : { name }, spec },
  });
  const out: ScaffoldResource[] = [];
  const appPort = portOf(request, request.port);
  if (!options.omitServiceEntry) {
    const ports = request.mode === 'tls-origination' && !request.target ? [appPort, portOf(request, request.externalPort)] : [appPort];
    const comment = request.target
      ? `${request.host}: the names applications use (a wildcard, which DNS cannot resolve, hence resolution NONE).`
      : `${request.host}, outside the mesh, as the sidecars and the egress gateway know it.`;
    out.push(make('ServiceEntry', names.serviceEntry, comment, serviceEntrySpec(request, request.host, ports)));
  }
  if (request.target && !options.omitTargetServiceEntry) {
    const port = request.mode === 'tls-origination' ? portOf(request, request.externalPort) : appPort;
    const comment = `${request.target}: the one server the egress gateway sends every ${request.host} request to.`;
    out.push(make('ServiceEntry', routeNames(request.target).serviceEntry, comment, serviceEntrySpec(request, request.target, [port])));
  }
  const gatewayComment = `The egress gateway (${request.gateway.service}.${request.gateway.namespace}) accepts ${request.host} on port ${request.gatewayPort}.`;
  out.push(make('Gateway', names.gateway, gatewayComment, gatewaySpec(request)));
  out.push(make('DestinationRule', names.gatewayRule, `Subset ${names.subset} of the egress gateway, where the sidecars send ${request.host}.`, {
    host: request.gateway.fqdn,
    subsets: [{ name: names.subset }],
  }));
  const vsComment = `Sidecars send ${request.host}:${request.port} to the egress gateway, which sends it on to ${destination}:${request.externalPort}.`;
  out.push(make('VirtualService', names.virtualService, vsComment, virtualServiceSpec(request, names, destination)));
  if (request.mode === 'tls-origination') {
    out.push(make('DestinationRule', names.origination, `The egress gateway opens TLS to ${destination}:${request.externalPort}.`, {
      host: destination,
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, portLevelSettings: [{ port: { number: request.externalPort }, tls: { mode: 'SIMPLE' } }] },
    }));
  }
  if (request.registryOnly && !options.omitSidecar) {
    const comment = `Workloads in ${request.namespace} may reach only registered hosts (a ServiceEntry or a Service).`;
    out.push(make('Sidecar', names.sidecar, comment, { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }));
  }
  return out;
}

/** The port as each mode declares it; the external end of TLS origination is HTTPS. */
function portOf(request: RouteRequest, number: number): Port {
  if (request.mode === 'tcp') return { number, name: 'tcp', protocol: 'TCP' };
  if (request.mode === 'tls-passthrough') return { number, name: 'tls', protocol: 'TLS' };
  if (request.mode === 'tls-origination' && number === request.externalPort && number !== request.port) return { number, name: 'https', protocol: 'HTTPS' };
  return { number, name: 'http', protocol: 'HTTP' };
}

function serviceEntrySpec(request: RouteRequest, host: string, ports: Port[]): Record<string, unknown> {
  if (request.mode === 'tcp') {
    // The gateway must know where to connect: STATIC endpoints, as in Istio's TCP egress examples.
    return {
      hosts: [host],
      addresses: request.addresses.map(asBlock),
      ports,
      location: 'MESH_EXTERNAL',
      resolution: 'STATIC',
      endpoints: request.addresses.map((address) => ({ address })),
    };
  }
  return { hosts: [host], ports, location: 'MESH_EXTERNAL', resolution: host.startsWith('*') ? 'NONE' : 'DNS' };
}

/** Addresses as CIDR blocks, as Istio's TCP examples write them (`192.0.2.10/32`). */
const asBlock = (address: string) => (address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}`);

function gatewaySpec(request: RouteRequest): Record<string, unknown> {
  const port = { number: request.gatewayPort, name: 'http', protocol: 'HTTP' };
  const server: Record<string, unknown> = { port, hosts: [request.host] };
  if (request.mode === 'tls-passthrough') {
    server.port = { ...port, name: 'tls', protocol: 'TLS' };
    server.tls = { mode: 'PASSTHROUGH' };
  } else if (request.mode === 'tls-origination') {
    server.port = { ...port, name: 'http-port-for-tls-origination' };
  } else if (request.mode === 'tcp') {
    server.port = { ...port, name: 'tcp', protocol: 'TCP' };
  }
  return { selector: { ...request.gateway.labels }, servers: [server] };
}

function virtualServiceSpec(request: RouteRequest, names: RouteNames, destination: string): Record<string, unknown> {
  const kind = request.mode === 'tls-passthrough' ? 'tls' : request.mode === 'tcp' ? 'tcp' : 'http';
  const sni = kind === 'tls' ? { sniHosts: [request.host] } : {};
  const subnets = kind === 'tcp' ? { destinationSubnets: request.addresses.map(asBlock) } : {};
  const meshRule = {
    match: [{ gateways: ['mesh'], ...subnets, port: request.port, ...sni }],
    route: [{ destination: { host: request.gateway.fqdn, subset: names.subset, port: { number: request.gatewayPort } }, weight: 100 }],
  };
  const gatewayRule = {
    match: [{ gateways: [names.gateway], port: request.gatewayPort, ...sni }],
    route: [{ destination: { host: destination, port: { number: request.externalPort } }, weight: 100 }],
  };
  return { hosts: [request.host], gateways: [names.gateway, 'mesh'], [kind]: [meshRule, gatewayRule] };
}
