// Istio host names: short names, FQDNs and wildcards, as Istio's registry matches them.

/** Istio expands only dotless names, relative to the namespace of the resource that writes them. */
export function toFqdn(host: string, namespace: string, domain: string): string {
  if (host === '*' || host.startsWith('*') || host.includes('.') || isIp(host)) return host;
  return `${host}.${namespace}.svc.${domain}`;
}

export function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}(\/\d+)?$/.test(host) || (host.includes(':') && /^[0-9a-fA-F:]+(\/\d+)?$/.test(host));
}

export function isWildcard(host: string): boolean {
  return host.startsWith('*');
}

/** Whether `pattern` (possibly `*.suffix` or `*`) covers the concrete or wildcard `host`. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host || pattern === '*') return true;
  if (!pattern.startsWith('*')) return false;
  const suffix = pattern.slice(1);
  return (host.startsWith('*') ? host.slice(1) : host).endsWith(suffix) && host.length > suffix.length;
}

/** Two host patterns select at least one common name. */
export function hostsOverlap(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}

/** `name.ns.svc.<domain>` → `{ name, namespace }`. */
export function serviceOfFqdn(host: string, domain: string): { name: string; namespace: string } | undefined {
  const suffix = `.svc.${domain}`;
  if (!host.endsWith(suffix)) return undefined;
  const parts = host.slice(0, -suffix.length).split('.');
  return parts.length === 2 ? { name: parts[0], namespace: parts[1] } : undefined;
}
