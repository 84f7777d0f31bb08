// Messages and enums used by more than one Istio kind.
import { field, labelMap, listOf, mapOf, portNumber, string } from './build';
import type { EnumSchema, MessageSchema } from './types';

/**
 * Port protocols. Istio's CRD types this as a free string and parses it without
 * regard to case, so it is modelled as a case-insensitive enum.
 */
export const PROTOCOL: EnumSchema = {
  name: 'ServicePort-protocol',
  page: 'networking/service-entry',
  caseInsensitive: true,
  valueAnchors: false,
  values: [
    { value: 'HTTP', doc: 'Plain HTTP/1.1. Routed with `http` rules; the Host header selects the service.' },
    { value: 'HTTPS', doc: 'HTTP inside TLS that the proxy does not terminate. Routed like TLS, by SNI, with `tls` rules.' },
    { value: 'TLS', doc: 'Any TLS stream carrying SNI. Routed by SNI with `tls` rules; the proxy does not decrypt it.' },
    { value: 'TCP', doc: 'Opaque TCP. Routed by destination address and port with `tcp` rules.' },
    { value: 'HTTP2', doc: 'HTTP/2 (cleartext or upgraded). Routed with `http` rules.' },
    { value: 'GRPC', doc: 'gRPC over HTTP/2. Routed with `http` rules.' },
    { value: 'GRPC-Web', doc: 'gRPC-Web over HTTP. Routed with `http` rules.' },
    { value: 'HTTP_PROXY', doc: 'A forward-proxy port; only meaningful on Sidecar egress listeners.' },
    { value: 'UDP', doc: 'UDP. Istio accepts the value, but the Envoy proxy does not forward UDP traffic.' },
    { value: 'Mongo', doc: 'MongoDB wire protocol (treated as TCP with protocol-aware telemetry).' },
    { value: 'Redis', doc: 'Redis protocol (treated as TCP unless Redis filtering is enabled).' },
    { value: 'MySQL', doc: 'MySQL protocol (treated as TCP unless MySQL filtering is enabled).' },
  ],
};

const PROTOCOLS_HTTP = new Set(['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-WEB']);
const PROTOCOLS_TLS = new Set(['HTTPS', 'TLS']);

/** Istio's protocol families, keyed by the upper-cased protocol name. */
export function protocolFamily(protocol: string | undefined): 'http' | 'tls' | 'tcp' | 'udp' | 'unknown' {
  if (!protocol) return 'unknown';
  const upper = protocol.toUpperCase();
  if (PROTOCOLS_HTTP.has(upper)) return 'http';
  if (PROTOCOLS_TLS.has(upper)) return 'tls';
  if (upper === 'UDP') return 'udp';
  if (['TCP', 'MONGO', 'REDIS', 'MYSQL'].includes(upper)) return 'tcp';
  return 'unknown';
}

export const WORKLOAD_SELECTOR: MessageSchema = {
  name: 'WorkloadSelector',
  page: 'networking/sidecar',
  doc: 'Picks the pods or VMs a resource applies to, by label, within the resource\'s own namespace.',
  fields: [
    field(
      'labels',
      labelMap,
      'Labels a workload must carry (all of them) to be selected. The search is limited to the namespace the resource lives in. ' +
        'Values cannot contain `*`; an empty map selects every workload in the namespace.',
    ),
  ],
};

export const PORT_SELECTOR: MessageSchema = {
  name: 'PortSelector',
  page: 'networking/virtual-service',
  doc: 'Names one port of a service by number.',
  fields: [field('number', portNumber, 'The port number, 1 to 65535. It must be one of the ports the destination service declares.')],
};

/** Kubernetes ObjectMeta: only the fields people write by hand are modelled; the rest are tolerated. */
export const OBJECT_META: MessageSchema = {
  name: 'ObjectMeta',
  page: 'kubernetes/object-meta',
  doc: 'Kubernetes object metadata: the name and namespace that identify the resource, plus labels and annotations.',
  openKeys: true,
  fields: [
    field(
      'name',
      string('label-name'),
      'The resource name, unique per kind within its namespace. Other resources refer to a Gateway by this name ' +
        '(`gateways: [ns/name]`), so renaming a Gateway breaks the VirtualServices bound to it.',
      { required: true },
    ),
    field(
      'namespace',
      string('label-name'),
      'The namespace the resource lives in. When omitted, `kubectl apply` uses the current context\'s namespace. ' +
        'Short host and gateway names inside the resource are resolved relative to this namespace.',
    ),
    field('labels', labelMap, 'Key/value labels for selecting and organising resources. They do not change routing.'),
    field(
      'annotations',
      mapOf(string()),
      'Free-form key/value notes. `galley.istio.io/analyze-suppress` silences istioctl messages for this resource.',
    ),
    field('generateName', string(), 'A prefix from which the API server generates a unique name when `name` is empty.'),
    field('finalizers', listOf(string()), 'Keys that must be cleared before the API server deletes the resource.'),
  ],
};
