// The workspace index: the facts of every resource in every indexed file, replaced wholesale
// per file, with lookup keys kept up to date incrementally. Each key has a version that moves
// when a resource providing it comes or goes, so cached cross-resource results can tell
// whether anything they read has changed.
import type { ParsedDocument } from '../parse/parsedDocument';
import type { ParsedFile, PlacedDocument } from '../parse/parsedFile';
import type { ServiceSettings } from '../settings';
import { resourceFacts } from './extractFacts';
import type { FactKind, ResourceFacts } from './facts';
import { gatewayName } from './gatewayRefs';
import { isWildcard, toFqdn } from './hosts';

export interface Resource {
  readonly uri: string;
  readonly doc: ParsedDocument;
  readonly facts: ResourceFacts;
  /** metadata.namespace, or the configured default namespace. */
  readonly namespace: string;
  readonly name: string;
  /** The keys other resources find this one by. */
  readonly keys: readonly string[];
  /** Cached results of rules that read other resources (owned by the rule runner). */
  crossMemo?: unknown;
}

const NONE: readonly Resource[] = [];

interface FileEntry {
  file: ParsedFile;
  resources: Resource[];
  placements?: Map<ParsedDocument, PlacedDocument>;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly byKey = new Map<string, Set<Resource>>();
  /** Arrays handed out by lookup(), rebuilt only after their key changes. */
  private readonly arrays = new Map<string, readonly Resource[]>();
  private readonly versions = new Map<string, number>();
  private generation = 0;
  /** Answers to shared questions with the key versions they were computed at (see IndexView.shared). */
  readonly sharedAnswers = new Map<string, { versions: number[]; value: unknown }>();

  constructor(private readonly settings: () => ServiceSettings) {}

  /** Replaces everything known about a file; returns the keys whose resources changed. */
  update(file: ParsedFile): Set<string> {
    const previous = this.files.get(file.uri);
    const reusable = new Map<ParsedDocument, Resource>();
    for (const resource of previous?.resources ?? []) reusable.set(resource.doc, resource);
    const resources: Resource[] = [];
    for (const placed of file.documents) {
      const existing = reusable.get(placed.doc);
      if (existing) {
        resources.push(existing);
        continue;
      }
      const facts = resourceFacts(placed.doc);
      if (facts) resources.push(this.makeResource(file.uri, placed.doc, facts));
    }
    const changed = this.replace(previous?.resources ?? [], resources);
    if (resources.length || concernsIstio(file)) this.files.set(file.uri, { file, resources });
    else this.files.delete(file.uri);
    return changed;
  }

  remove(uri: string): Set<string> {
    const previous = this.files.get(uri);
    this.files.delete(uri);
    return this.replace(previous?.resources ?? [], []);
  }

  /** Recomputes every resource, e.g. after a settings change. */
  rebuild(): void {
    const files = [...this.files.values()].map((entry) => entry.file);
    this.files.clear();
    this.byKey.clear();
    this.arrays.clear();
    this.sharedAnswers.clear();
    this.generation++;
    for (const file of files) this.update(file);
  }

  /** Moves whenever anything in the index changes. */
  get version(): number {
    return this.generation;
  }

  keyVersion(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  lookup(key: string): readonly Resource[] {
    let array = this.arrays.get(key);
    if (!array) {
      const found = this.byKey.get(key);
      array = found ? [...found] : NONE;
      this.arrays.set(key, array);
    }
    return array;
  }

  resourcesOf(uri: string): readonly Resource[] {
    return this.files.get(uri)?.resources ?? [];
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  fileOf(uri: string): ParsedFile | undefined {
    return this.files.get(uri)?.file;
  }

  /** Where a resource's document currently sits in its file. */
  placement(resource: Resource): PlacedDocument | undefined {
    return this.placementOf(resource.uri, resource.doc);
  }

  placementOf(uri: string, doc: ParsedDocument): PlacedDocument | undefined {
    const entry = this.files.get(uri);
    if (!entry) return undefined;
    if (!entry.placements) entry.placements = new Map(entry.file.documents.map((placed) => [placed.doc, placed]));
    return entry.placements.get(doc);
  }

  private makeResource(uri: string, doc: ParsedDocument, facts: ResourceFacts): Resource {
    const settings = this.settings();
    const namespace = facts.namespace?.value || settings.defaultNamespace;
    const name = facts.name?.value ?? '';
    return { uri, doc, facts, namespace, name, keys: keysOf(facts, namespace, name, settings) };
  }

  private replace(before: readonly Resource[], after: readonly Resource[]): Set<string> {
    const changed = new Set<string>();
    const staying = new Set(after);
    const wasIndexed = new Set(before);
    for (const resource of before) {
      if (staying.has(resource)) continue;
      for (const key of resource.keys) {
        this.byKey.get(key)?.delete(resource);
        changed.add(key);
      }
    }
    for (const resource of after) {
      if (wasIndexed.has(resource)) continue;
      for (const key of resource.keys) {
        let set = this.byKey.get(key);
        if (!set) this.byKey.set(key, (set = new Set()));
        set.add(resource);
        changed.add(key);
      }
    }
    for (const key of changed) {
      this.versions.set(key, this.keyVersion(key) + 1);
      this.arrays.delete(key);
    }
    if (changed.size) this.generation++;
    return changed;
  }
}

/**
 * Two resources that are the same Kubernetes object (kind, namespace and name): e.g. the same
 * DestinationRule in two overlay folders. Applying both leaves one object, so they never
 * conflict with each other.
 */
export function sameObject(a: Resource, b: Resource): boolean {
  return a === b || (a.facts.kind === b.facts.kind && a.namespace === b.namespace && !!a.name && a.name === b.name);
}

/** A Gateway server host without its `namespace/` part, as pilot compares them. */
export function serverHostName(host: string): string {
  return host.slice(host.indexOf('/') + 1).toLowerCase();
}

/** Files worth keeping even without resources: they have Istio documents that may carry findings. */
function concernsIstio(file: ParsedFile): boolean {
  return !!file.skipped || file.documents.some(({ doc }) => doc.header.role === 'istio' || !!doc.failure || doc.text.includes('networking.istio.io'));
}

/** Lookup keys; the query helpers in `queries.ts` are the only readers of their format. */
export const KEY = {
  kind: (kind: FactKind) => `kind:${kind}`,
  serviceEntryHost: (fqdn: string) => `se:${fqdn}`,
  serviceEntryWildcards: 'se:*',
  service: (fqdn: string) => `svc:${fqdn}`,
  destinationRuleHost: (fqdn: string) => `dr:${fqdn}`,
  destinationRuleWildcards: 'dr:*',
  virtualServiceHost: (fqdn: string) => `vs:${fqdn}`,
  virtualServiceWildcards: 'vs:*',
  /** VirtualServices that route to a host (destination or mirror). */
  routesTo: (fqdn: string) => `to:${fqdn}`,
  gateway: (namespace: string, name: string) => `gw:${namespace}/${name}`,
  /** VirtualServices naming a Gateway (spec.gateways or match.gateways). */
  boundTo: (namespace: string, name: string) => `bind:${namespace}/${name}`,
  /** VirtualService destinations using a subset of a host. */
  subsetUse: (fqdn: string, subset: string) => `use:${fqdn}#${subset}`,
  /** DestinationRules (exact host) defining a subset. */
  subsetDef: (fqdn: string, subset: string) => `def:${fqdn}#${subset}`,
  /** DestinationRules (exact host) in a namespace. */
  destinationRuleIn: (fqdn: string, namespace: string) => `dr:${fqdn}@${namespace}`,
  /** DestinationRules (exact host) in a namespace with a top-level trafficPolicy. */
  destinationRulePolicy: (fqdn: string, namespace: string) => `drpolicy:${fqdn}@${namespace}`,
  /** Gateways with a server for a host name (the `namespace/` part dropped, lower case). */
  gatewayServerHost: (host: string) => `gwhost:${host}`,
  sidecar: (namespace: string) => `sidecar:${namespace}`,
};

function keysOf(facts: ResourceFacts, namespace: string, name: string, settings: ServiceSettings): string[] {
  const fqdn = (host: string) => toFqdn(host, namespace, settings.clusterDomain);
  const keys = [KEY.kind(facts.kind)];
  const hostKeys = (hosts: readonly string[], exact: (fqdn: string) => string, wildcard: string) => {
    for (const host of hosts) keys.push(isWildcard(host) ? wildcard : exact(fqdn(host)));
  };
  switch (facts.kind) {
    case 'ServiceEntry':
      hostKeys(facts.serviceEntry?.hosts.map((h) => h.value) ?? [], KEY.serviceEntryHost, KEY.serviceEntryWildcards);
      break;
    case 'Service':
      if (name) keys.push(KEY.service(toFqdn(name, namespace, settings.clusterDomain)));
      break;
    case 'DestinationRule': {
      const host = facts.destinationRule?.host?.value;
      hostKeys(host ? [host] : [], KEY.destinationRuleHost, KEY.destinationRuleWildcards);
      if (host && !isWildcard(host)) {
        keys.push(KEY.destinationRuleIn(fqdn(host), namespace));
        if (facts.destinationRule?.trafficPolicy) keys.push(KEY.destinationRulePolicy(fqdn(host), namespace));
        for (const subset of facts.destinationRule?.subsets ?? []) keys.push(KEY.subsetDef(fqdn(host), subset.name.value));
      }
      break;
    }
    case 'VirtualService':
      hostKeys(facts.virtualService?.hosts.map((h) => h.value) ?? [], KEY.virtualServiceHost, KEY.virtualServiceWildcards);
      for (const route of facts.virtualService?.routes ?? []) {
        for (const destination of route.destinations) {
          if (!destination.host) continue;
          keys.push(KEY.routesTo(fqdn(destination.host.value)));
          if (destination.subset) keys.push(KEY.subsetUse(fqdn(destination.host.value), destination.subset.value));
        }
        for (const reference of route.matches.flatMap((match) => match.gateways)) {
          const named = gatewayName(reference.value, namespace);
          if (named) keys.push(KEY.boundTo(named.namespace, named.name));
        }
      }
      for (const reference of facts.virtualService?.gateways ?? []) {
        const named = gatewayName(reference.value, namespace);
        if (named) keys.push(KEY.boundTo(named.namespace, named.name));
      }
      break;
    case 'Gateway':
      if (name) keys.push(KEY.gateway(namespace, name));
      for (const server of facts.gateway?.servers ?? []) for (const host of server.hosts) keys.push(KEY.gatewayServerHost(serverHostName(host.value)));
      break;
    case 'Sidecar':
      keys.push(KEY.sidecar(namespace));
      break;
  }
  return [...new Set(keys)];
}

