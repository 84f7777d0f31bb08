// Kubernetes names (DNS-1123), checked wherever a name must be one: settings, the scaffold's
// inputs, renames, the names quick fixes write, and the diagnostics of metadata.
const LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: what namespace names (and Service names) must be. */
export function isKubernetesLabel(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

/** A DNS-1123 subdomain: what `metadata.name` of a custom resource must be (Kubernetes limits only the whole). */
export function isKubernetesSubdomain(value: string): boolean {
  return value.length <= 253 && value.split('.').every((label) => LABEL.test(label));
}
