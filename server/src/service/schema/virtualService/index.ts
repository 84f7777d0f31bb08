// VirtualService: routing rules for traffic addressed to some hosts, applied by sidecars and/or gateways.
import { field, listOf, messageOf, string } from '../build';
import type { KindSchema, MessageSchema } from '../types';
import { HTTP_ROUTE } from './httpRoute';
import { TCP_ROUTE, TLS_ROUTE } from './tlsTcpRoutes';

const PAGE = 'networking/virtual-service';

export const VIRTUAL_SERVICE_SPEC: MessageSchema = {
  name: 'VirtualService',
  page: PAGE,
  doc:
    'Routing rules for the listed `hosts`, applied where `gateways` says. At least one of `http`, `tls` or `tcp` must hold a rule; the ' +
    'section used depends on the port\'s protocol.',
  fields: [
    field(
      'hosts',
      listOf(string('hostname')),
      'The hostnames these rules handle, compared with the Host header (HTTP) or SNI (TLS), e.g. `api.example.com` or ' +
        '`*.example.com`; for egress, the external name a ServiceEntry declares. Short names are completed with this resource\'s ' +
        'namespace, so prefer full names, and leave the list empty only in a delegate VirtualService. `*` alone and IP addresses are ' +
        'only accepted when the VirtualService is bound to gateways alone (no `mesh`).',
    ),
    field(
      'gateways',
      listOf(string('gateway-name')),
      'Which proxies apply these rules: Gateways as `ns/name` (or `name` for this namespace) and `mesh` for all sidecars; omitted ' +
        'means `mesh` only, and a list without `mesh` makes the rules gateway-only. Egress needs both, e.g. ' +
        '`[mesh, istio-system/egress-gateway]`, with `match.gateways` splitting the rules. The key is `gateways`, plural: `gateway` ' +
        'is not a field.',
      { default: '`mesh` (all sidecars)' },
    ),
    field(
      'http',
      listOf(messageOf(HTTP_ROUTE)),
      'Ordered rules for HTTP, HTTP2 and gRPC ports (and gateway ports that terminate TLS); the first matching rule wins. Plain-HTTP egress ' +
        'is routed here.',
    ),
    field(
      'tls',
      listOf(messageOf(TLS_ROUTE)),
      'Ordered rules for TLS and HTTPS traffic that is passed through undecrypted, matched by SNI. Ports declared `TLS` or `HTTPS` need ' +
        'these (not `http` rules), as do `PASSTHROUGH` gateway servers; without a matching rule the traffic is treated as plain TCP.',
    ),
    field(
      'tcp',
      listOf(messageOf(TCP_ROUTE)),
      'Ordered rules for ports that are neither HTTP nor TLS, matched only on port and destination address; the first match wins.',
    ),
    field(
      'exportTo',
      listOf(string('export-to')),
      'Namespaces whose sidecars and gateways may use these rules: `.` for this namespace, `*` for all, or namespace names. `~` is not ' +
        'allowed here, and `*` cannot be mixed with other entries. The egress gateway\'s namespace must be included for the gateway leg to work.',
      { default: 'all namespaces (`*`)' },
    ),
  ],
};

export const VIRTUAL_SERVICE: KindSchema = {
  kind: 'VirtualService',
  page: PAGE,
  doc:
    'Decides where requests and connections for some hosts go: match them by path, header, port or SNI, then forward, split, redirect, ' +
    'rewrite, retry or time them out. For egress it is the piece that steers traffic through the egress gateway: bound to both `mesh` and ' +
    'the egress Gateway, one rule sends sidecar traffic for the external host to `istio-egressgateway.istio-system.svc.cluster.local`, ' +
    'and another sends it from the gateway on to the external host registered by a ServiceEntry.',
  spec: VIRTUAL_SERVICE_SPEC,
};
