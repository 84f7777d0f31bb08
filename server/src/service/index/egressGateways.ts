// The gateway workloads Istio Gateways select: by default the istio-egressgateway that
// Istio's installation profiles deploy; settings can describe others.

export interface GatewayPort {
  number: number;
  name: string;
  protocol: string;
  targetPort?: number;
}

export interface GatewayWorkload {
  /** The Kubernetes Service in front of the gateway pods. */
  service: string;
  namespace: string;
  /** Labels on the gateway pods, matched by Gateway `selector`. */
  labels: Record<string, string>;
  ports: GatewayPort[];
  /** `egress` gateways are where the egress chain checks apply. */
  role: 'egress' | 'ingress';
}

// The gateways Istio's installation profiles deploy, with the ports of the `demo` profile (a
// superset of `default`), so that configurations written for either are not flagged.
export const DEFAULT_EGRESS_GATEWAY: GatewayWorkload = {
  service: 'istio-egressgateway',
  namespace: 'istio-system',
  labels: { app: 'istio-egressgateway', istio: 'egressgateway' },
  ports: [
    { number: 80, name: 'http2', protocol: 'HTTP2', targetPort: 8080 },
    { number: 443, name: 'https', protocol: 'HTTPS', targetPort: 8443 },
    { number: 15443, name: 'tls', protocol: 'TLS', targetPort: 15443 },
  ],
  role: 'egress',
};

export const DEFAULT_INGRESS_GATEWAY: GatewayWorkload = {
  service: 'istio-ingressgateway',
  namespace: 'istio-system',
  labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
  ports: [
    { number: 15021, name: 'status-port', protocol: 'TCP', targetPort: 15021 },
    { number: 80, name: 'http2', protocol: 'HTTP2', targetPort: 8080 },
    { number: 443, name: 'https', protocol: 'HTTPS', targetPort: 8443 },
    { number: 31400, name: 'tcp', protocol: 'TCP', targetPort: 31400 },
    { number: 15443, name: 'tls', protocol: 'TLS', targetPort: 15443 },
  ],
  role: 'ingress',
};

/** The multicluster east-west gateway of Istio's multi-network installations. */
export const DEFAULT_EASTWEST_GATEWAY: GatewayWorkload = {
  service: 'istio-eastwestgateway',
  namespace: 'istio-system',
  labels: { app: 'istio-eastwestgateway', istio: 'eastwestgateway' },
  ports: [
    { number: 15021, name: 'status-port', protocol: 'TCP', targetPort: 15021 },
    { number: 15443, name: 'tls', protocol: 'TLS', targetPort: 15443 },
    { number: 15012, name: 'tls-istiod', protocol: 'TLS', targetPort: 15012 },
    { number: 15017, name: 'tls-webhook', protocol: 'TLS', targetPort: 15017 },
  ],
  role: 'ingress',
};

export function gatewayFqdn(gateway: GatewayWorkload, domain: string): string {
  return `${gateway.service}.${gateway.namespace}.svc.${domain}`;
}

/**
 * A selector selects a workload when every one of its labels is on the workload; an empty
 * selector selects every gateway workload, as a Gateway without selector does in Istio.
 */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
