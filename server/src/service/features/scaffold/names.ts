// Resource names derived from the host, so that routes for different hosts never collide (Istio's
// docs name every egress Gateway `istio-egressgateway`, which a second route would overwrite).

/** A DNS-1123 label from a host: `*.api.example.com` → `wildcard-api-example-com` (at most 63). */
export function hostSlug(host: string): string {
  return (
    host
      .toLowerCase()
      .replace(/^\*\./, 'wildcard.')
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 63)
      .replace(/^-+|-+$/g, '') || 'external'
  );
}

export interface RouteNames {
  serviceEntry: string;
  gateway: string;
  /** The egress gateway subset, a DNS label like every subset name. */
  subset: string;
  gatewayRule: string;
  virtualService: string;
  origination: string;
  sidecar: string;
}

export function routeNames(host: string): RouteNames {
  const slug = hostSlug(host);
  return {
    serviceEntry: slug,
    gateway: `${slug}-egress-gateway`,
    subset: slug,
    gatewayRule: `egressgateway-for-${slug}`,
    virtualService: `direct-${slug}-through-egress-gateway`,
    origination: `originate-tls-for-${slug}`,
    // The namespace-wide Sidecar is conventionally named `default`; there can be only one.
    sidecar: 'default',
  };
}
