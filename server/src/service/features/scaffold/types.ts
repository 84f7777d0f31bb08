// The egress route scaffold's vocabulary. The shapes mirror the client protocol (which the
// service may not import): inputs arrive as unknown JSON and are checked field by field.

/** The four ways of sending traffic to an external host through the egress gateway. */
export type EgressMode = 'http' | 'tls-passthrough' | 'tls-origination' | 'tcp';

export const EGRESS_MODES: readonly EgressMode[] = ['http', 'tls-passthrough', 'tls-origination', 'tcp'];

/** The input fields a problem can be about, named as in the protocol's EgressRouteInputs. */
export type InputField =
  | 'host'
  | 'mode'
  | 'port'
  | 'namespace'
  | 'gatewayNamespace'
  | 'gatewayLabels'
  | 'gatewayService'
  | 'gatewayPort'
  | 'addresses'
  | 'wildcardTarget'
  | 'registryOnly';

export interface InputProblem {
  field: InputField;
  message: string;
}

/** The egress gateway a route goes through: its Service and the labels of its pods. */
export interface GatewayTarget {
  service: string;
  namespace: string;
  labels: Record<string, string>;
  /** `service.namespace.svc.<cluster domain>`, what sidecars route to. */
  fqdn: string;
}

/** Validated inputs with every default filled in: all the generator needs. */
export interface RouteRequest {
  /** Lower case, without a trailing dot; `*.domain` for a wildcard. */
  host: string;
  mode: EgressMode;
  /** The port applications use. */
  port: number;
  /** The port of the external host the gateway connects to (443 when it originates TLS). */
  externalPort: number;
  namespace: string;
  /** Write `metadata.namespace` (left out when it is the one `kubectl apply` would use anyway). */
  writeNamespace: boolean;
  gateway: GatewayTarget;
  /** The port of the egress gateway the sidecars send this traffic to. */
  gatewayPort: number;
  /** tcp: the IPs of the external service. */
  addresses: string[];
  /** Wildcard hosts: the concrete host the egress gateway forwards every request to. */
  target?: string;
  registryOnly: boolean;
}

/** One resource of a generated route, for the result's summary. */
export interface ResourceSummary {
  kind: string;
  name: string;
  namespace: string;
}

export interface GeneratedEgressRoute {
  /** YAML documents separated by `---`, ending with a line break. */
  text: string;
  resources: ResourceSummary[];
  /** Things the user must know or do for the route to work (e.g. a port the gateway lacks). */
  warnings: string[];
}

export type GenerateOutcome = { ok: true; route: GeneratedEgressRoute } | { ok: false; problems: InputProblem[] };

/** What the command's prompts start from: the server's settings, normalized. */
export interface EgressRouteDefaults {
  namespace: string;
  clusterDomain: string;
  /** The configured egress gateways, the default first. */
  gateways: Array<{ service: string; namespace: string; labels: Record<string, string>; ports: number[] }>;
  /** The application port each mode uses when none is given (tcp has none). */
  ports: Partial<Record<EgressMode, number>>;
}
