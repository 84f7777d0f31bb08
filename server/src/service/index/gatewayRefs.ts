// How a VirtualService's gateway reference names a Gateway: `ns/name`, `./name`, a bare name in
// the VirtualService's namespace, or the legacy `name.namespace[.svc.cluster.local]`.

export interface GatewayName {
  namespace: string;
  name: string;
  /** The legacy dotted form was used. */
  legacy: boolean;
}

export function gatewayName(reference: string, vsNamespace: string): GatewayName | undefined {
  if (reference === 'mesh' || !reference) return undefined;
  const slash = reference.indexOf('/');
  if (slash >= 0) {
    const namespace = reference.slice(0, slash);
    return { namespace: namespace === '.' ? vsNamespace : namespace, name: reference.slice(slash + 1), legacy: false };
  }
  if (reference.includes('.')) {
    const [name, namespace] = reference.split('.');
    return { namespace, name, legacy: true };
  }
  return { namespace: vsNamespace, name: reference, legacy: false };
}
