// DestinationRule locality-aware and zone-aware load balancing.
import { boolean, field, integer, listOf, mapOf, messageOf, string } from '../build';
import type { MessageSchema } from '../types';

const PAGE = 'networking/destination-rule';

export const LOCALITY_DISTRIBUTE: MessageSchema = {
  name: 'LocalityLoadBalancerSetting.Distribute',
  page: PAGE,
  doc: 'Weights that split traffic from one source locality across destination localities.',
  fields: [
    field(
      'from',
      string(),
      'The locality the traffic comes from, as `region/zone/subzone`; a single trailing `*` matches everything below it (e.g. `us-west/*`).',
    ),
    field(
      'to',
      mapOf(integer(1, 100)),
      'Destination locality → weight. Each weight is 1–100 and together they must add up to exactly 100; localities not listed get no traffic.',
    ),
  ],
};

export const LOCALITY_FAILOVER: MessageSchema = {
  name: 'LocalityLoadBalancerSetting.Failover',
  page: PAGE,
  doc: 'Where traffic from one region goes when that region has no healthy endpoints left.',
  fields: [
    field('from', string(), 'The region whose endpoints have become unhealthy. A region name only: no `/` and no `*`.'),
    field('to', string(), 'The region to fail over to. A region name only, and different from `from`.'),
  ],
};

export const LOCALITY_LB_SETTING: MessageSchema = {
  name: 'LocalityLoadBalancerSetting',
  page: PAGE,
  doc:
    'Prefers endpoints close to the caller (same region/zone/subzone), with either explicit weights or an ordered failover. ' +
    'It replaces the mesh-wide locality settings as a whole rather than merging with them.',
  fields: [
    field(
      'distribute',
      listOf(messageOf(LOCALITY_DISTRIBUTE)),
      'Explicit traffic weights per source locality. Istio rejects it together with `failover`. Omitted, each locality is weighted by its endpoint count.',
      { oneOf: 'locality_policy' },
    ),
    field(
      'failover',
      listOf(messageOf(LOCALITY_FAILOVER)),
      'Restricts cross-region failover to the listed region pairs. Has no effect without `outlierDetection`, which is what marks endpoints unhealthy. ' +
        'Istio rejects it together with `distribute`.',
      { oneOf: 'locality_policy' },
    ),
    field(
      'failoverPriority',
      listOf(string()),
      'Ordered labels (`key` or `key=value`) used to rank endpoints into priority tiers: an endpoint must match the first n-1 entries for the n-th to ' +
        'count. Besides workload labels, `topology.istio.io/network`, `topology.istio.io/cluster`, `topology.kubernetes.io/region`, ' +
        '`topology.kubernetes.io/zone`, `topology.istio.io/subzone` and `kubernetes.io/hostname` are understood. Needs `outlierDetection`; ' +
        'combined with `failover` it may not use the region/zone/subzone labels.',
    ),
    field(
      'enabled',
      boolean,
      'Turns locality load balancing on or off for this destination regardless of the mesh setting. Locality LB is on by default in the ' +
        'mesh, so any `outlierDetection` also enables locality failover; set `false` to avoid that.',
    ),
  ],
};

export const ZONE_AWARE_FAILOVER: MessageSchema = {
  name: 'ZoneAwareLoadBalancerSetting.Failover',
  page: PAGE,
  doc: 'Which region takes over when the local region has no healthy endpoints.',
  fields: [
    field('from', string(), 'The region whose endpoints have become unhealthy. A region name only: no `/` and no `*`.'),
    field('to', string(), 'The region to fail over to. A region name only, and different from `from`.'),
  ],
};

export const ZONE_AWARE_LB_SETTING: MessageSchema = {
  name: 'ZoneAwareLoadBalancerSetting',
  page: PAGE,
  doc:
    'Envoy\'s zone-aware routing: traffic stays in the caller\'s zone and region as far as capacity allows, with zone and subzone handling ' +
    'done automatically. Replaces the mesh-wide setting as a whole; cannot be combined with `localityLbSetting`.',
  fields: [
    field('enabled', boolean, 'Turns zone-aware load balancing on or off for this destination, overriding the mesh-wide setting.'),
    field(
      'failover',
      listOf(messageOf(ZONE_AWARE_FAILOVER)),
      'Orders the regions tried when the local region fails; zones and subzones are handled automatically. Only takes effect when unhealthy ' +
        'endpoints are detected (`outlierDetection`, or `PILOT_SEND_UNHEALTHY_ENDPOINTS`).',
    ),
    field(
      'failoverPriority',
      listOf(string()),
      'Ordered labels (`key` or `key=value`) that rank endpoints into priority tiers, on top of the automatic region preference. Must not ' +
        'contain `topology.kubernetes.io/region`, `topology.kubernetes.io/zone` or `topology.istio.io/subzone`. Needs unhealthy-endpoint detection to matter.',
    ),
    field(
      'minClusterSize',
      integer(1),
      'Zone-aware routing is switched off when the local region has fewer upstream hosts than this, to avoid skew with very small clusters.',
      { default: '6' },
    ),
  ],
};
