// Shared between the client and the server: the configuration section, settings shape and the
// custom notification the status bar item listens to.
import type { InputProblem } from './service/features/scaffold/types';
export { type ServiceSettings as IstioEgressSettings } from './service/settings';
export type { EgressRouteDefaults, InputProblem as EgressRouteInputProblem } from './service/features/scaffold/types';

/** The VS Code configuration section the server reads (`istioEgress.*`). */
export const CONFIGURATION_SECTION = 'istioEgress';
export const SERVER_NAME = 'Istio Egress Language Server';

/** Server → client: what the workspace index holds now. */
export const STATUS_NOTIFICATION = 'istioEgress/status';

export interface StatusParams {
  state: 'indexing' | 'ready';
  /** Istio resources found in the workspace (open documents included). */
  resources: number;
  /** Files holding them. */
  files: number;
  message?: string;
}

/** Initialization options the VS Code client sends. */
export interface InitializationOptions {
  settings?: unknown;
  /** The client watches the workspace's YAML files itself and reports them with didChangeWatchedFiles. */
  watchesFiles?: boolean;
}

/** The four ways of sending traffic to an external host that the scaffold command generates. */
export type EgressMode = 'http' | 'tls-passthrough' | 'tls-origination' | 'tcp';

/** What the scaffold needs to know; everything but host and mode has a default. */
export interface EgressRouteInputs {
  /** FQDN or `*.wildcard` of the external host. */
  host: string;
  mode: EgressMode;
  /** The port applications use (http: 80, tls-passthrough: 443, tls-origination: 80 with 443 to the host, tcp: required). */
  port?: number;
  /** The application namespace (default: istioEgress.defaultNamespace). */
  namespace?: string;
  /** Namespace of the egress gateway (default: the first egress gateway of istioEgress.gateways). */
  gatewayNamespace?: string;
  /** Labels of the egress gateway pods (default: those of the same gateway). */
  gatewayLabels?: Record<string, string>;
  /** tcp mode: the IP addresses of the external service (single addresses: behind the gateway, a block could not tell which one was dialled). */
  addresses?: string[];
  /** Also add a Sidecar with `outboundTrafficPolicy.mode: REGISTRY_ONLY` for the namespace. */
  registryOnly?: boolean;
  /** Name of the egress gateway's Service (default: that of the configured gateway picked by namespace/labels). */
  gatewayService?: string;
  /** The egress gateway port the sidecars send to (default: one its Service exposes for the mode: 80, 443, or the tcp port). */
  gatewayPort?: number;
  /** Wildcard hosts: the one concrete host the egress gateway forwards to (default: `www.` + the wildcard's domain). */
  wildcardTarget?: string;
}

/** Arguments of the `istioEgress.newEgressRoute` command (keybindings, automation, tests); missing inputs are asked for. */
export interface NewEgressRouteArgs extends Partial<EgressRouteInputs> {
  /** Where the YAML goes: a new untitled editor (default), the active YAML editor, or a new workspace file. */
  target?: 'untitled' | 'insert' | 'file';
  /** For `file`: the path, relative to the first workspace folder. */
  file?: string;
}

/** Client → server: the YAML of a consistent egress route (ServiceEntry, Gateway, DestinationRule, VirtualService…). */
export const GENERATE_EGRESS_ROUTE_REQUEST = 'istioEgress/generateEgressRoute';

export interface GenerateEgressRouteResult {
  text: string;
  resources: Array<{ kind: string; name: string; namespace: string }>;
  /** What the user must know or do for the route to work (a port the gateway lacks, a clash in the workspace). */
  warnings?: string[];
}

/**
 * Invalid inputs make the generate request fail with InvalidParams: the message is for the user,
 * `data` says which fields are wrong (so a prompt can ask again for that one).
 */
export interface GenerateEgressRouteErrorData {
  problems: InputProblem[];
}

/** Client → server: the defaults the scaffold uses (namespace, egress gateways, ports per mode). No params. */
export const EGRESS_ROUTE_DEFAULTS_REQUEST = 'istioEgress/egressRouteDefaults';
