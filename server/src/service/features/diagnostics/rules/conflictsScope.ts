// exportTo scopes: which namespaces two resources are both exported to.
import type { Resource } from '../../../index/workspaceIndex';

/** The namespaces a resource is exported to: every namespace, or a list (`.` resolved). */
export type Scope = { all: true } | { all: false; namespaces: ReadonlySet<string> };

export function scopeOf(resource: Resource): Scope {
  const entries = resource.facts.exportTo?.map((entry) => entry.value) ?? [];
  if (!entries.length || entries.includes('*')) return { all: true };
  // `~` exports to no namespace at all.
  return { all: false, namespaces: new Set(entries.filter((entry) => entry !== '~').map((entry) => (entry === '.' ? resource.namespace : entry))) };
}

/** The namespaces both scopes reach: `all`, a non-empty list, or undefined when they are disjoint. */
export function commonScope(a: Scope, b: Scope): 'all' | string[] | undefined {
  if (a.all && b.all) return 'all';
  const names = a.all ? [...(b as { namespaces: ReadonlySet<string> }).namespaces] : b.all ? [...a.namespaces] : [...a.namespaces].filter((name) => b.namespaces.has(name));
  return names.length ? names.sort() : undefined;
}

export function scopeWords(scope: 'all' | string[]): string {
  return scope === 'all' ? 'every namespace' : `namespace${scope.length > 1 ? 's' : ''} ${scope.map((name) => `\`${name}\``).join(', ')}`;
}

export function sameScope(a: Scope, b: Scope): boolean {
  if (a.all || b.all) return a.all === b.all;
  return a.namespaces.size === b.namespaces.size && [...a.namespaces].every((name) => b.namespaces.has(name));
}
