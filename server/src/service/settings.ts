// Settings the language service reads. The server fills them from the client's configuration.
import type { SeverityName } from './features/diagnostics/codes';
import { DEFAULT_EASTWEST_GATEWAY, DEFAULT_EGRESS_GATEWAY, DEFAULT_INGRESS_GATEWAY, type GatewayPort, type GatewayWorkload } from './index/egressGateways';
import { isKubernetesLabel } from './util/names';

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

export interface ServiceSettings {
  validation: { enable: boolean };
  /** Per-code overrides: a severity, or `off` to silence the code. */
  severity: Record<string, SeverityName | 'off'>;
  maxFileSizeKB: number;
  /** Namespace of resources without metadata.namespace (what `kubectl apply` would use). */
  defaultNamespace: string;
  /** Istio's root namespace: a Sidecar there is the mesh-wide default. */
  rootNamespace: string;
  clusterDomain: string;
  /** The mesh config's outboundTrafficPolicy.mode, used where no Sidecar says otherwise. */
  meshOutboundTrafficPolicy: OutboundMode;
  /** Gateway workloads Gateways may select; the egress chain checks use those with role `egress`. */
  gateways: GatewayWorkload[];
}

export const DEFAULT_SETTINGS: ServiceSettings = {
  validation: { enable: true },
  severity: {},
  maxFileSizeKB: 8192,
  defaultNamespace: 'default',
  rootNamespace: 'istio-system',
  clusterDomain: 'cluster.local',
  meshOutboundTrafficPolicy: 'ALLOW_ANY',
  gateways: [DEFAULT_EGRESS_GATEWAY, DEFAULT_INGRESS_GATEWAY, DEFAULT_EASTWEST_GATEWAY],
};

type Raw = Record<string, unknown>;

const asRecord = (value: unknown): Raw => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {});
const asString = (value: unknown, fallback: string): string => (typeof value === 'string' && value.trim() ? value.trim() : fallback);

/** Fills gaps in partial or malformed user settings with defaults. */
export function normalizeSettings(input: unknown): ServiceSettings {
  const raw = asRecord(input);
  const validation = asRecord(raw.validation);
  const severity: ServiceSettings['severity'] = {};
  for (const [code, level] of Object.entries(asRecord(raw.severity))) {
    if (level === 'error' || level === 'warning' || level === 'information' || level === 'hint' || level === 'off') severity[code] = level;
  }
  const maxFileSizeKB = typeof raw.maxFileSizeKB === 'number' && raw.maxFileSizeKB > 0 ? raw.maxFileSizeKB : DEFAULT_SETTINGS.maxFileSizeKB;
  const namespace = (value: unknown, fallback: string) => {
    const text = asString(value, fallback);
    return isKubernetesLabel(text) ? text : fallback;
  };
  return {
    validation: { enable: typeof validation.enable === 'boolean' ? validation.enable : true },
    severity,
    maxFileSizeKB,
    defaultNamespace: namespace(raw.defaultNamespace, DEFAULT_SETTINGS.defaultNamespace),
    rootNamespace: namespace(raw.rootNamespace, DEFAULT_SETTINGS.rootNamespace),
    clusterDomain: asString(raw.clusterDomain, DEFAULT_SETTINGS.clusterDomain),
    meshOutboundTrafficPolicy: raw.meshOutboundTrafficPolicy === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY',
    gateways: gateways(raw.gateways),
  };
}

function gateways(value: unknown): GatewayWorkload[] {
  if (!Array.isArray(value) || value.length === 0) return DEFAULT_SETTINGS.gateways;
  const parsed = value.map(asRecord).flatMap((entry): GatewayWorkload[] => {
    const service = asString(entry.service, '');
    const labels: Record<string, string> = {};
    for (const [key, label] of Object.entries(asRecord(entry.labels))) if (typeof label === 'string') labels[key] = label;
    if (!service || Object.keys(labels).length === 0) return [];
    const ports: GatewayPort[] = (Array.isArray(entry.ports) ? entry.ports : []).map(asRecord).flatMap((port) =>
      typeof port.number === 'number'
        ? [{ number: port.number, name: asString(port.name, `port-${port.number}`), protocol: asString(port.protocol, 'TCP'), targetPort: typeof port.targetPort === 'number' ? port.targetPort : undefined }]
        : [],
    );
    return [{ service, namespace: asString(entry.namespace, 'istio-system'), labels, ports, role: entry.role === 'ingress' ? 'ingress' : 'egress' }];
  });
  return parsed.length ? parsed : DEFAULT_SETTINGS.gateways;
}
