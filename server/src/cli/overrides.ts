// Flags win over the config file: the settings the language service gets from both.
import { DEFAULT_SETTINGS, normalizeSettings, type ServiceSettings } from '../service';
import { UsageError } from './errors';
import type { CheckOptions } from './options';

type Gateway = ServiceSettings['gateways'][number];

/** Istio's gateway chart labels its pods `app: <name>` and `istio: <name without istio->`. */
function chartLabels(service: string): Record<string, string> {
  return { app: service, istio: service.replace(/^istio-/, '') };
}

/**
 * The gateway list with the egress gateway the flags describe: --egress-gateway names a new one
 * that takes the place of the first configured egress gateway; --egress-gateway-label and
 * --egress-gateway-port replace the labels and ports of that one.
 */
function withEgressGateway(configured: readonly Gateway[], options: CheckOptions): Gateway[] {
  const { egressGateway, egressGatewayLabel, egressGatewayPort } = options;
  if (!egressGateway && !egressGatewayLabel.length && !egressGatewayPort.length) return [...configured];
  const at = configured.findIndex((gateway) => gateway.role === 'egress');
  const current = at >= 0 ? configured[at] : undefined;
  if (!egressGateway && !current) {
    throw new UsageError('--egress-gateway-label and --egress-gateway-port change the configured egress gateway, and there is none: name it with --egress-gateway.');
  }
  const base: Gateway = egressGateway
    ? {
        service: egressGateway.service,
        namespace: egressGateway.namespace,
        labels: chartLabels(egressGateway.service),
        ports: current?.ports ?? DEFAULT_SETTINGS.gateways.find((gateway) => gateway.role === 'egress')?.ports ?? [],
        role: 'egress',
      }
    : current!;
  const gateway: Gateway = {
    ...base,
    labels: egressGatewayLabel.length ? Object.fromEntries(egressGatewayLabel) : base.labels,
    ports: egressGatewayPort.length ? egressGatewayPort.map((port) => ({ ...port })) : base.ports,
  };
  const gateways = [...configured];
  if (at >= 0) gateways[at] = gateway;
  else gateways.unshift(gateway);
  return gateways;
}

/** The settings from the config file with the flags applied on top. */
export function applyFlags(configured: Record<string, unknown>, options: CheckOptions): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...configured };
  if (options.outboundPolicy) settings.meshOutboundTrafficPolicy = options.outboundPolicy;
  if (options.defaultNamespace) settings.defaultNamespace = options.defaultNamespace;
  if (options.severity.length) settings.severity = { ...(configured.severity as Record<string, string> | undefined), ...Object.fromEntries(options.severity) };
  const gateways = normalizeSettings(configured).gateways;
  settings.gateways = withEgressGateway(gateways, options);
  return settings;
}
