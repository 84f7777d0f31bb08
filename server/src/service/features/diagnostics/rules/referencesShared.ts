// Helpers shared by the reference and conflict checks: reading parts of a resource the index
// does not keep, pointing at other resources, and the data of the create-service-entry fix.
import type { Node } from 'yaml';
import type { OutboundPolicy } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { YamlReader } from '../../../index/yamlAccess';
import type { FixData } from '../codes';
import type { RelatedSpan, Span } from '../finding';

export interface ResourceYaml {
  read: YamlReader;
  root: Node;
  spec: Node | undefined;
}

/** A reader over a resource's own YAML tree, for the few fields the index does not keep. */
export function yamlOf(resource: Resource): ResourceYaml | undefined {
  const yaml = resource.doc.yaml;
  if (!yaml?.contents) return undefined;
  const read = new YamlReader(yaml, resource.doc.text);
  const root = yaml.contents as Node;
  return { read, root, spec: read.child(root, 'spec') };
}

/** `namespace/name`, the way messages name a resource. */
export function qualified(resource: Resource): string {
  return `${resource.namespace}/${resource.name}`;
}

/** A related location in another resource; its name when no better span is known. */
export function relatedAt(resource: Resource, span: Span | undefined, message: string): RelatedSpan {
  return { target: resource, span: span ?? resource.facts.name?.span ?? { start: 0, end: 0 }, message };
}

/** Where the policy that decides a namespace's outbound mode is written, when a Sidecar sets it. */
export function policyRelated(policy: OutboundPolicy): RelatedSpan[] {
  const source = policy.source;
  if (!source) return [];
  return [relatedAt(source, source.facts.sidecar?.outboundMode?.span, `Sidecar ${qualified(source)} sets the outbound policy ${policy.mode}`)];
}

/** Who decides the outbound policy, in words. */
export function policyOrigin(policy: OutboundPolicy): string {
  return policy.source ? `Sidecar \`${qualified(policy.source)}\`` : 'the mesh setting istioEgress.meshOutboundTrafficPolicy';
}

export interface ServiceEntryPort {
  number: number;
  protocol: string;
}

/**
 * Data of the `create-service-entry` quick fix. The visibility family emits the same shape:
 * `host` as written, the namespace to create the ServiceEntry in, and the ports it should declare.
 * The reference checks may add `candidates`: declared hosts the written one is a near miss of.
 */
export function createServiceEntryData(host: string, namespace: string, ports: readonly ServiceEntryPort[]): FixData {
  return { fix: 'create-service-entry', host, namespace, ports: [...ports] };
}

/** Collects ports by number, keeping the first protocol seen for each. */
export function addPort(ports: Map<number, string>, number: number | undefined, protocol: string): void {
  if (number !== undefined && number > 0 && !ports.has(number)) ports.set(number, protocol);
}

export function portList(ports: ReadonlyMap<number, string>): ServiceEntryPort[] {
  return [...ports].sort(([a], [b]) => a - b).map(([number, protocol]) => ({ number, protocol }));
}

/** Labels as `key=value` pairs for messages. */
export function labelWords(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

export function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
