// TLS and TCP rules of a VirtualService: routing of connections the proxy does not decrypt.
import { field, listOf, messageOf, string } from '../build';
import type { MessageSchema } from '../types';
import { ROUTE_DESTINATION } from './destination';
import {
  MATCH_DESTINATION_SUBNETS_FIELD,
  MATCH_GATEWAYS_FIELD,
  MATCH_PORT_FIELD,
  MATCH_SOURCE_LABELS_FIELD,
  MATCH_SOURCE_NAMESPACE_FIELD,
} from './match';

const PAGE = 'networking/virtual-service';

export const TLS_MATCH_ATTRIBUTES: MessageSchema = {
  name: 'TLSMatchAttributes',
  page: PAGE,
  doc: 'Conditions on a TLS connection, read from its ClientHello without decrypting it. All conditions in the block must hold.',
  fields: [
    // The CRD has no minItems; Istio's webhook rejects an empty list.
    field(
      'sniHosts',
      listOf(string('hostname'), { minItems: 1 }),
      'Server names (SNI) to match, e.g. `api.example.com` or `*.example.com`; each must lie within one of the VirtualService\'s ' +
        '`hosts`. This is how HTTPS egress is routed without terminating TLS, so clients must send SNI.',
      { required: true },
    ),
    MATCH_DESTINATION_SUBNETS_FIELD,
    MATCH_PORT_FIELD,
    MATCH_SOURCE_LABELS_FIELD,
    MATCH_GATEWAYS_FIELD,
    MATCH_SOURCE_NAMESPACE_FIELD,
  ],
};

export const L4_MATCH_ATTRIBUTES: MessageSchema = {
  name: 'L4MatchAttributes',
  page: PAGE,
  doc: 'Conditions on a TCP connection: destination address and port, client workload, gateway. All conditions in the block must hold.',
  fields: [
    MATCH_DESTINATION_SUBNETS_FIELD,
    MATCH_PORT_FIELD,
    field('sourceSubnet', string('ip-or-cidr'), 'Undocumented client address or CIDR condition that Istio does not act on; leave it out.', {
      hidden: true,
      anchor: '',
    }),
    MATCH_SOURCE_LABELS_FIELD,
    MATCH_GATEWAYS_FIELD,
    MATCH_SOURCE_NAMESPACE_FIELD,
  ],
};

export const TLS_ROUTE: MessageSchema = {
  name: 'TLSRoute',
  page: PAGE,
  doc:
    'One rule for TLS traffic passed through without decryption (HTTPS egress, gateway servers in `PASSTHROUGH` mode), matched by SNI. ' +
    'Rules are tried in order and the first match wins.',
  fields: [
    // `match` is required by the CRD; the webhook also rejects an empty list.
    field(
      'match',
      listOf(messageOf(TLS_MATCH_ATTRIBUTES), { minItems: 1 }),
      'Conditions for this rule, each with `sniHosts`; the rule applies when any entry matches. For egress, one entry matches ' +
        '`gateways: [mesh]` (to the egress gateway) and another the egress Gateway (to the external host), usually both on port 443.',
      { required: true },
    ),
    // Not required by the CRD; Istio's webhook rejects a TLS rule without destinations.
    field(
      'route',
      listOf(messageOf(ROUTE_DESTINATION), { minItems: 1 }),
      'Where matching connections go, shared by `weight`. At least one destination is required.',
      { required: true },
    ),
  ],
};

export const TCP_ROUTE: MessageSchema = {
  name: 'TCPRoute',
  page: PAGE,
  doc:
    'One rule for opaque TCP traffic (ports that are neither HTTP nor TLS), matched on port and address. Rules are tried in order and the ' +
    'first match wins.',
  fields: [
    field(
      'match',
      listOf(messageOf(L4_MATCH_ATTRIBUTES)),
      'Conditions for this rule; it applies when any entry matches. Without `match` it catches all TCP traffic for the hosts.',
    ),
    // Not required by the CRD; Istio's webhook rejects a TCP rule without destinations.
    field(
      'route',
      listOf(messageOf(ROUTE_DESTINATION), { minItems: 1 }),
      'Where matching connections go, shared by `weight`. At least one destination is required.',
      { required: true },
    ),
  ],
};
