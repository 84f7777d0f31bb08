// Destination: the service a VirtualService rule sends traffic to, and the weighted form used by TLS and TCP rules.
import { field, integer, messageOf, string } from '../build';
import { PORT_SELECTOR } from '../common';
import type { FieldSchema, MessageSchema } from '../types';

const PAGE = 'networking/virtual-service';

export const DESTINATION: MessageSchema = {
  name: 'Destination',
  page: PAGE,
  doc: 'A service from the registry (Kubernetes or ServiceEntry), optionally narrowed to one subset and one port.',
  fields: [
    field(
      'host',
      string('hostname', ['istio-egressgateway.istio-system.svc.cluster.local']),
      'The registry name of the service that gets the traffic: a Kubernetes service (`reviews.prod.svc.cluster.local`) or a ' +
        'ServiceEntry host (`api.example.com`); short names are completed with the VirtualService\'s namespace, so write full names. ' +
        'Egress: the sidecar rule points at `istio-egressgateway.istio-system.svc.cluster.local`, the gateway rule at the external ' +
        'host. A host no registry knows receives nothing, and a bare `*` is rejected.',
      { required: true },
    ),
    field(
      'subset',
      string('label-name'),
      'A named group of the host\'s endpoints, e.g. `v1`. A DestinationRule for this same host must declare it, otherwise the route points at ' +
        'a cluster that does not exist and requests fail with 503.',
    ),
    field(
      'port',
      messageOf(PORT_SELECTOR),
      'The port of the service to use, written `number: 443`. Needed as soon as the service has more than one port; with a single port it can ' +
        'be omitted. Egress example: the sidecar rule targets the egress gateway port (e.g. 80 or 443), the gateway rule the external port.',
    ),
  ],
};

/** `weight` reads the same on HTTP and L4 destinations. */
export const WEIGHT_FIELD: FieldSchema = field(
  'weight',
  integer(0, 2147483647),
  'Relative share of the rule\'s traffic: weight ÷ (sum of all weights), so the numbers need not add up to 100. A lone ' +
    'destination always gets everything; with several, an omitted or `0` weight gets nothing. A rule whose weights are all 0, or ' +
    'any negative weight, is rejected.',
);

export const ROUTE_DESTINATION: MessageSchema = {
  name: 'RouteDestination',
  page: PAGE,
  doc: 'A destination of a TLS or TCP rule together with its share of the connections.',
  fields: [
    field('destination', messageOf(DESTINATION), 'Where matching connections are forwarded: a service host, plus subset and port if needed.', {
      required: true,
    }),
    WEIGHT_FIELD,
  ],
};
