// Shared between the client and the server: the configuration section, settings shape and the
// custom notification the status bar item listens to.
export { type ServiceSettings as IstioEgressSettings } from './service/settings';

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
