// Gateway: the listeners of a standalone gateway proxy (ingress or egress) at the edge of the mesh.
import { enumOf, field, integer, labelMap, listOf, messageOf, string } from './build';
import { PROTOCOL } from './common';
import { SERVER_TLS_SETTINGS } from './gatewayTls';
import type { KindSchema, MessageSchema } from './types';

export { GATEWAY_TLS_MODE, SERVER_TLS_SETTINGS, TLS_CERTIFICATE, TLS_PROTOCOL } from './gatewayTls';

const PAGE = 'networking/gateway';

export const GATEWAY_PORT: MessageSchema = {
  name: 'Port',
  page: PAGE,
  doc: 'The port a gateway server listens on: number, protocol and a name.',
  fields: [
    field(
      'number',
      integer(0, 65535),
      'The port the gateway proxy listens on, 1 to 65535 (e.g. `80` for plain HTTP egress, `443` for TLS or mTLS egress). It should be a port the ' +
        'gateway\'s Kubernetes Service exposes (istioctl warns otherwise). `0` only together with a `unix://` bind.',
      { required: true },
    ),
    field(
      'protocol',
      enumOf(PROTOCOL),
      'What the server speaks; case does not matter. `HTTP`, `HTTP2`, `GRPC`: routed with VirtualService `http` rules. `HTTPS`, `TLS`: need a ' +
        '`tls` block (`PASSTHROUGH` routes by SNI with `tls` rules, `ISTIO_MUTUAL`/`SIMPLE` terminate TLS). `TCP` and the rest: routed with `tcp` rules ' +
        'and must not have a `tls` block.',
      { required: true },
    ),
    field(
      'name',
      string(),
      'A name for the port, e.g. `http`, `tls`, `https-443`. Must be unique across all servers of the Gateway; Istio rejects a Gateway that repeats one.',
      { required: true },
    ),
    field('targetPort', integer(0, 4294967295), 'Has no meaning on a Gateway; Istio rejects any value other than 0.', {
      // The gateway rules (IE232) report a non-zero value; a deprecation warning on top would say it twice.
      hidden: true,
      anchor: '',
    }),
  ],
};

export const SERVER: MessageSchema = {
  name: 'Server',
  page: PAGE,
  doc: 'One listener of the gateway proxy: a port, the hosts served on it and, for TLS protocols, the TLS handling.',
  fields: [
    field(
      'port',
      messageOf(GATEWAY_PORT),
      'The port this server listens on, with its protocol and a name unique across the Gateway. Plain HTTP egress: `80`/`HTTP`; TLS egress: ' +
        '`443`/`TLS` with `tls.mode: PASSTHROUGH`; mTLS from sidecars: `443`/`HTTPS` with `tls.mode: ISTIO_MUTUAL`.',
      { required: true },
    ),
    field(
      'bind',
      string(),
      'Restrict the listener to one address: an IP, or a Unix socket as `unix:///path` or `unix://@name` (then `port.number` must be 0). ' +
        'Such a server is only reachable from inside the gateway pod. Usually omitted.',
    ),
    field(
      'hosts',
      listOf(string('namespaced-host')),
      'The hosts this server accepts, as `dnsName` or `namespace/dnsName`, e.g. `api.example.com`, `*.example.com`, `./api.example.com`. For egress, ' +
        'list the external host. A VirtualService bound to this Gateway only applies for hosts matching one of these, and only if exported to the ' +
        'Gateway\'s namespace. Without a `namespace/` prefix, any namespace (`*/`) is meant; `*` matches every host. Short names without a dot are rejected. ' +
        'Istio requires at least one entry.',
      { required: true },
    ),
    field(
      'tls',
      messageOf(SERVER_TLS_SETTINGS),
      'TLS handling for this server. Required when `port.protocol` is `HTTPS` or `TLS`; not allowed for other protocols, except an `HTTP` server ' +
        'with only `httpsRedirect: true`.',
    ),
    field('defaultEndpoint', string(), 'Where traffic would be forwarded by default (`127.0.0.1:PORT` or a `unix://` socket). Not implemented by Istio.', {
      hidden: true,
      anchor: '',
    }),
    field(
      'name',
      string(),
      'Optional name for this server, unique across all servers; it prefixes the statistics Envoy emits for the listener.',
    ),
  ],
};

export const GATEWAY_SPEC: MessageSchema = {
  name: 'Gateway',
  page: PAGE,
  doc: 'The listeners (servers) a gateway proxy opens, and which gateway pods get them.',
  fields: [
    field(
      'servers',
      listOf(messageOf(SERVER)),
      'The listeners to open on the selected gateway pods, one per port. Istio rejects a Gateway without at least one server, and port names ' +
        'must be unique across them.',
    ),
    field(
      'selector',
      labelMap,
      'Labels of the gateway pods that get these listeners. For the standard egress gateway this is `istio: egressgateway`; every label listed ' +
        'must be on the pods, or the listeners end up nowhere. Pods are found in any namespace, unless istiod runs with ' +
        '`PILOT_SCOPE_GATEWAY_TO_NAMESPACE=true`, which limits the search to the Gateway\'s own namespace, so keeping the Gateway in the gateway ' +
        'pods\' namespace (e.g. `istio-system`) is safest. Omitted, it applies to every gateway proxy.',
    ),
  ],
};

export const GATEWAY: KindSchema = {
  kind: 'Gateway',
  page: PAGE,
  doc:
    'Configures the listeners of a standalone Envoy gateway at the edge of the mesh: which ports it opens, for which hosts, and how it handles ' +
    'TLS. Routing is not here: VirtualServices bind to the Gateway by name (`gateways: [ns/name]`) to say where accepted traffic goes. For egress, ' +
    'a Gateway selecting the egress gateway pods (`istio: egressgateway`) opens a port for the external host, and a VirtualService sends sidecar ' +
    'traffic for that host to the gateway (gateway `mesh`) and from the gateway on to the host.',
  spec: GATEWAY_SPEC,
};
