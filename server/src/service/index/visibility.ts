// exportTo: which namespaces can see a resource.

/**
 * `.` is the resource's own namespace, `*` every namespace, `~` none; an empty or missing
 * list means every namespace (Istio's default, unless the mesh config changes it).
 */
export function isVisibleTo(exportTo: readonly string[] | undefined, ownNamespace: string, clientNamespace: string): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some((entry) => entry === '*' || (entry === '.' ? ownNamespace : entry) === clientNamespace);
}
