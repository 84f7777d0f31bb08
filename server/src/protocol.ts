// Shared between the client and the server: the configuration section and the settings shape.
export { type ServiceSettings as IstioEgressSettings } from './service/settings';

/** The VS Code configuration section the server reads (`istioEgress.*`). */
export const CONFIGURATION_SECTION = 'istioEgress';
export const SERVER_NAME = 'Istio Egress Language Server';
