// What the workspace index knows about one resource: the parts of it other resources refer
// to or depend on, each with the span where it is written (local offsets in its document).
import type { Span } from '../features/diagnostics/finding';
import type { IstioKind } from '../schema/types';
import type { Spanned } from './yamlAccess';

export type { Spanned };

export type FactKind = IstioKind | 'Service';

export interface PortFact {
  number?: Spanned<number>;
  name?: Spanned<string>;
  protocol?: Spanned<string>;
  targetPort?: number;
  /** The list item, for pointing at the whole port. */
  span: Span;
}

export interface ServiceEntryFacts {
  hosts: Spanned<string>[];
  addresses: Spanned<string>[];
  ports: PortFact[];
  location?: Spanned<string>;
  resolution?: Spanned<string>;
  endpoints: Array<{ address?: Spanned<string>; ports: Record<string, number>; span: Span }>;
  workloadSelector?: Record<string, string>;
}

export interface ServerFact {
  port?: PortFact;
  hosts: Spanned<string>[];
  tlsMode?: Spanned<string>;
  /** Set when the server has a `tls` block at all. */
  tls?: Span;
  span: Span;
}

export interface GatewayFacts {
  selector?: Spanned<Record<string, string>>;
  servers: ServerFact[];
}

export interface TlsFact {
  mode?: Spanned<string>;
  sni?: Spanned<string>;
  /** The `tls` key, where it is written. */
  span: Span;
}

export interface PortPolicyFact {
  port?: Spanned<number>;
  tls?: TlsFact;
  span: Span;
}

export interface TrafficPolicyFact {
  tls?: TlsFact;
  portLevel: PortPolicyFact[];
}

export interface SubsetFact {
  name: Spanned<string>;
  labels?: Record<string, string>;
  trafficPolicy?: TrafficPolicyFact;
  span: Span;
}

export interface DestinationRuleFacts {
  host?: Spanned<string>;
  trafficPolicy?: TrafficPolicyFact;
  subsets: SubsetFact[];
  /** The `subsets` key (or undefined when there is none), for inserting a new subset. */
  subsetsKey?: Span;
  workloadSelector: boolean;
}

export type RouteKind = 'http' | 'tls' | 'tcp';

export interface MatchFact {
  gateways: Spanned<string>[];
  port?: Spanned<number>;
  sniHosts: Spanned<string>[];
  span: Span;
}

export interface DestinationFact {
  host?: Spanned<string>;
  subset?: Spanned<string>;
  port?: Spanned<number>;
  weight?: number;
  /** `route` destinations carry traffic; `mirror` ones receive a copy. */
  role: 'route' | 'mirror';
  /** The `destination` mapping (or the mirror mapping), for pointing at the whole destination. */
  span: Span;
}

export interface RouteFact {
  kind: RouteKind;
  /** Position in its `http`/`tls`/`tcp` list. */
  index: number;
  name?: string;
  matches: MatchFact[];
  destinations: DestinationFact[];
  /** Set when the rule delegates to another VirtualService. */
  delegate?: { name?: Spanned<string>; namespace?: Spanned<string> };
  span: Span;
}

export interface VirtualServiceFacts {
  hosts: Spanned<string>[];
  gateways: Spanned<string>[];
  /** False when `gateways` is absent: the VirtualService then applies to `mesh` only. */
  gatewaysWritten: boolean;
  /** The `gateways` key, for edits. */
  gatewaysKey?: Span;
  routes: RouteFact[];
}

export interface SidecarFacts {
  workloadSelector?: Record<string, string>;
  /** `workloadSelector` is present, even without labels: such a Sidecar is never a namespace default. */
  workloadSelectorWritten: boolean;
  /** `mode` as written; `empty` when `outboundTrafficPolicy` is present without a mode. */
  outboundMode?: Spanned<string> | { value: 'empty'; span: Span };
  egress: Array<{ port?: Spanned<number>; hosts: Spanned<string>[]; span: Span }>;
}

export interface KubernetesServiceFacts {
  ports: Array<{ port?: number; name?: string; protocol?: string; appProtocol?: string; targetPort?: number | string }>;
  selector?: Record<string, string>;
  labels?: Record<string, string>;
  /** Value of the `networking.istio.io/exportTo` annotation, split on commas. */
  exportTo?: string[];
}

/** Everything indexed about one resource. */
export interface ResourceFacts {
  kind: FactKind;
  name?: Spanned<string>;
  /** metadata.namespace as written; the effective namespace also depends on settings. */
  namespace?: Spanned<string>;
  exportTo?: Spanned<string>[];
  serviceEntry?: ServiceEntryFacts;
  gateway?: GatewayFacts;
  destinationRule?: DestinationRuleFacts;
  virtualService?: VirtualServiceFacts;
  sidecar?: SidecarFacts;
  service?: KubernetesServiceFacts;
}
