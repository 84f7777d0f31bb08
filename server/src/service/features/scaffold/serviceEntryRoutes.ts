// The egress routes an existing ServiceEntry can be given: one per port (and TLS origination when
// the entry declares an HTTP port and 443), only where the result works as written — the default
// egress gateway exposes the port, the host is not routed for the sidecars already, and the egress
// gateway can resolve where to send the traffic.
import { egressChainOf } from '../../index/egressChain';
import { serviceEntriesFor, virtualServicesFor, type IndexView } from '../../index/queries';
import type { Resource } from '../../index/workspaceIndex';
import { enumValues } from '../../schema/build';
import { protocolFamily } from '../../schema/common';
import { SE_RESOLUTION } from '../../schema/serviceEntry';
import { ORIGINATION_PORT, resolveInputs } from './resolve';
import type { EgressMode, RouteRequest } from './types';

export interface RouteOption {
  host: string;
  mode: EgressMode;
  port: number;
  /** `HTTP on port 80`, `TLS origination, port 80 → 443`… */
  label: string;
  request: RouteRequest;
  /** The entry's resolution must become DNS: with NONE the gateway would connect back to itself. */
  setResolution: boolean;
  /** A wildcard's concrete destination needs a ServiceEntry of its own. */
  addTarget: boolean;
}

const MAX_HOSTS = 3;
const MAX_OPTIONS_PER_HOST = 4;
const ORDER: readonly EgressMode[] = ['http', 'tls-origination', 'tls-passthrough', 'tcp'];
const RESOLUTIONS = enumValues(SE_RESOLUTION);

export function routeOptions(view: IndexView, entry: Resource): RouteOption[] {
  const facts = entry.facts.serviceEntry;
  if (!facts || facts.location?.value === 'MESH_INTERNAL') return [];
  const resolution = facts.resolution?.value ?? 'NONE';
  // A resolution Istio does not know is an error to fix first (the schema checks report it).
  if (!RESOLUTIONS.has(resolution)) return [];
  const addresses = facts.addresses.map((address) => address.value);
  // STATIC without endpoints, or endpoints under NONE, leave the gateway nowhere to send traffic.
  if (resolution === 'STATIC' && !facts.endpoints.length && !facts.workloadSelector) return [];
  if (resolution === 'NONE' && facts.endpoints.length) return [];
  const ports = facts.ports.flatMap((port) => (port.number ? [{ number: port.number.value, family: protocolFamily(port.protocol?.value), protocol: port.protocol?.value?.toUpperCase() }] : []));
  const hosts = [...new Set(facts.hosts.map((host) => host.value.toLowerCase()))].slice(0, MAX_HOSTS);
  const out: RouteOption[] = [];
  for (const host of hosts) {
    if (routedForSidecars(view, host)) continue;
    const wildcard = host.startsWith('*.');
    const candidates: Array<{ mode: EgressMode; port: number }> = [];
    for (const port of ports) {
      if (port.protocol === 'HTTP') candidates.push({ mode: 'http', port: port.number });
      if (port.family === 'tls') candidates.push({ mode: 'tls-passthrough', port: port.number });
      if (port.family === 'tcp' && !wildcard && resolution !== 'NONE') candidates.push({ mode: 'tcp', port: port.number });
    }
    const tlsTarget = ports.some((port) => port.number === ORIGINATION_PORT && port.family === 'tls');
    for (const port of ports) if (tlsTarget && port.protocol === 'HTTP' && port.number !== ORIGINATION_PORT) candidates.push({ mode: 'tls-origination', port: port.number });
    candidates.sort((a, b) => ORDER.indexOf(a.mode) - ORDER.indexOf(b.mode));
    const options = candidates.flatMap((candidate) => option(view, entry, host, candidate.mode, candidate.port, addresses, resolution));
    out.push(...options.slice(0, MAX_OPTIONS_PER_HOST));
  }
  return out;
}

function option(view: IndexView, entry: Resource, host: string, mode: EgressMode, port: number, addresses: string[], resolution: string): RouteOption[] {
  const inputs = { host, mode, port, namespace: entry.namespace, ...(mode === 'tcp' ? { addresses } : {}) };
  const resolved = resolveInputs(inputs, view.settings);
  // Offer only routes that come out clean: a known gateway that exposes a port for this traffic.
  if (!resolved.request || !resolved.complete) return [];
  const request: RouteRequest = { ...resolved.request, writeNamespace: !!entry.facts.namespace };
  const target = request.target;
  const addTarget = !!target && !serviceEntriesFor(view, target).some((other) => other.facts.serviceEntry?.hosts.some((name) => name.value === target));
  const setResolution = !request.target && resolution === 'NONE';
  return [{ host, mode, port, label: label(request), request, setResolution, addTarget }];
}

function label(request: RouteRequest): string {
  switch (request.mode) {
    case 'http':
      return `HTTP on port ${request.port}`;
    case 'tls-passthrough':
      return `TLS passthrough on port ${request.port}`;
    case 'tls-origination':
      return `TLS origination, port ${request.port} → ${request.externalPort}`;
    case 'tcp':
      return `TCP on port ${request.port}`;
  }
}

/** A VirtualService already routes the host for the sidecars: a second one would conflict (IST0109). */
function routedForSidecars(view: IndexView, host: string): boolean {
  return virtualServicesFor(view, host).some((vs) => {
    const facts = vs.facts.virtualService;
    return !!facts && (!facts.gatewaysWritten || facts.gateways.some((gateway) => gateway.value === 'mesh') || !!egressChainOf(view, vs)?.meshToGateway.length);
  });
}
