// DestinationRule: what happens to traffic for a host after routing (load balancing, limits, upstream TLS, subsets).
import { field, labelMap, listOf, mapOf, messageOf, string } from '../build';
import type { KindSchema, MessageSchema } from '../types';
import { TRAFFIC_POLICY } from './trafficPolicy';

const PAGE = 'networking/destination-rule';

export const SUBSET: MessageSchema = {
  name: 'Subset',
  page: PAGE,
  doc:
    'A named group of the host\'s endpoints, chosen by label, that VirtualService routes can target with `subset:`. Its own traffic ' +
    'policy only applies to traffic a route explicitly sends to the subset.',
  fields: [
    field(
      'name',
      string('label-name'),
      'The subset name VirtualService destinations refer to (`subset: v1`). A DNS label (lower case, digits, `-`), unique within the rule.',
      { required: true },
    ),
    field(
      'labels',
      labelMap,
      'Endpoint labels that pick the subset\'s members (all must match). May be omitted: the egress-gateway pattern uses a subset with only ' +
        'a name (e.g. `name: cnn`) so that routes can target it and its `trafficPolicy` (typically TLS with an `sni`) applies.',
    ),
    field(
      'trafficPolicy',
      messageOf(TRAFFIC_POLICY),
      'Policy for this subset. Each top-level setting given here replaces the rule-level one; settings left out are inherited from the rule.',
    ),
  ],
};

/** `istio.type.v1beta1.WorkloadSelector`: unlike the networking selector (`labels`), its key is `matchLabels`. */
export const TYPE_WORKLOAD_SELECTOR: MessageSchema = {
  name: 'WorkloadSelector',
  page: 'type/workload-selector',
  doc: 'Chooses, by label, which pods or VMs in the resource\'s own namespace the resource applies to.',
  fields: [
    field(
      'matchLabels',
      mapOf(string()),
      'Labels a workload must carry, all of them, to be selected; only workloads in this rule\'s namespace are considered. Keys must be ' +
        'non-empty and neither keys nor values may contain `*`; values are at most 63 characters. Istio warns when the map is empty.',
    ),
  ],
};

export const DESTINATION_RULE_SPEC: MessageSchema = {
  name: 'DestinationRule',
  page: PAGE,
  doc:
    'Policies for traffic to one host, applied by the calling proxy once routing has picked that host: load balancing, connection ' +
    'limits, outlier detection, upstream TLS, and named subsets.',
  fields: [
    field(
      'host',
      string('hostname', ['istio-egressgateway.istio-system.svc.cluster.local']),
      'The service the rule applies to: a Kubernetes service or a host declared by a ServiceEntry (e.g. `api.example.com`); a leading `*.` ' +
        'wildcard is allowed. A short name is completed with the *rule\'s* namespace, not the service\'s, so prefer full names such as ' +
        '`istio-egressgateway.istio-system.svc.cluster.local`. A rule for a host missing from the registry is ignored.',
      { required: true },
    ),
    field(
      'trafficPolicy',
      messageOf(TRAFFIC_POLICY),
      'Default policy for all traffic to the host: load balancing, connection pool, outlier detection, TLS and per-port overrides. ' +
        'Subsets may override parts of it.',
    ),
    field(
      'subsets',
      listOf(messageOf(SUBSET)),
      'Named groups of endpoints (versions) with optional policy overrides. Names must be unique. For egress through a gateway, a subset ' +
        'on the gateway host (often without labels) lets the sidecar→gateway route pick a TLS setting.',
    ),
    field(
      'exportTo',
      listOf(string('export-to')),
      'Namespaces that see this rule: `.` (its own namespace), `*` (all, the default) or namespace names. `~` is not accepted for ' +
        'DestinationRules, `*` cannot be mixed with other entries, and a rule with `workloadSelector` may only be exported to its own namespace.',
      { default: 'all namespaces (`*`)' },
    ),
    field(
      'workloadSelector',
      messageOf(TYPE_WORKLOAD_SELECTOR),
      'Restricts the rule to matching pods or VMs in its own namespace, e.g. so only some sidecars originate TLS to an external host. ' +
        'Such a rule cannot be exported beyond its namespace. With it set, sidecars also honour `tls.credentialName`.',
    ),
  ],
};

export const DESTINATION_RULE: KindSchema = {
  kind: 'DestinationRule',
  page: PAGE,
  doc:
    'Configures what happens to traffic for a host after routing has chosen it: load balancing, connection limits, outlier detection, ' +
    'upstream TLS and named subsets. In egress setups it does two jobs: on the egress gateway host it sets `ISTIO_MUTUAL` for the ' +
    'sidecar→gateway hop (usually via a subset that the VirtualService routes to), and on the external host it originates TLS ' +
    '(`SIMPLE`/`MUTUAL` with `sni`) so apps can send plain HTTP.',
  spec: DESTINATION_RULE_SPEC,
};
