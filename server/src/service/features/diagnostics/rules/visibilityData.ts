// What the visibility findings carry: quick-fix data (read back by codeActions/visibilityFixes.ts)
// and the wording of the outbound policy that decides whether missing visibility blocks traffic.
import { outboundPolicy, type IndexView, type OutboundPolicy } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import type { FixData, SeverityName } from '../codes';
import type { RelatedSpan } from '../finding';
import { nameSpan, qualified } from './visibilityLookup';

/** A resource whose `exportTo` gets `entry` appended. */
export interface ExportTarget {
  kind: 'ServiceEntry' | 'VirtualService' | 'DestinationRule';
  namespace: string;
  name: string;
  entry: string;
}

/** `add-export`: add a namespace to the exportTo of one of the targets (one action each). */
export interface ExportFixData extends FixData {
  fix: 'add-export';
  targets: ExportTarget[];
  /** Also offer a new ServiceEntry in the client namespace (the references family's fix). */
  createServiceEntry?: { host: string; namespace: string; ports: Array<{ number: number; protocol: string }> };
}

/** `add-sidecar-import`: append `host` to the hosts of the Sidecar's egress listener `listener`. */
export interface ImportFixData extends FixData {
  fix: 'add-sidecar-import';
  sidecar: { namespace: string; name: string };
  listener: number;
  host: string;
}

export function exportTarget(resource: Resource, entry: string): ExportTarget | undefined {
  const kind = resource.facts.kind;
  if (kind !== 'ServiceEntry' && kind !== 'VirtualService' && kind !== 'DestinationRule') return undefined;
  return { kind, namespace: resource.namespace, name: resource.name, entry };
}

export function exportFix(targets: Array<ExportTarget | undefined>, extra: Partial<ExportFixData> = {}): ExportFixData | undefined {
  const present = targets.filter((target): target is ExportTarget => !!target);
  return present.length ? { ...extra, fix: 'add-export', targets: present } : undefined;
}

export interface PolicyContext {
  policy: OutboundPolicy;
  /** Unknown traffic is dropped (REGISTRY_ONLY). */
  blocked: boolean;
  /** `error` when unknown traffic is blocked, `warning` when it leaves directly. */
  severity: SeverityName;
  /** Who decides, e.g. "Sidecar shop/default sets REGISTRY_ONLY". */
  source: string;
  related: RelatedSpan[];
}

export function policyContext(view: IndexView, namespace: string): PolicyContext {
  const policy = outboundPolicy(view, namespace);
  const sidecar = policy.source;
  const mode = sidecar?.facts.sidecar?.outboundMode;
  const source = sidecar
    ? mode?.value === 'empty'
      ? `Sidecar ${qualified(sidecar)} sets \`outboundTrafficPolicy\` without a mode, which means REGISTRY_ONLY`
      : `Sidecar ${qualified(sidecar)} sets ${policy.mode}`
    : `the mesh-wide outbound traffic policy is ${policy.mode}`;
  const blocked = policy.mode === 'REGISTRY_ONLY';
  return {
    policy,
    blocked,
    severity: blocked ? 'error' : 'warning',
    source,
    related: sidecar ? [{ target: sidecar, span: mode?.span ?? nameSpan(sidecar), message: `Sidecar ${qualified(sidecar)}: outbound traffic policy ${policy.mode}` }] : [],
  };
}

/** What happens to requests for a host the client's sidecar has no listener for. */
export function unlistenedOutcome(context: PolicyContext): string {
  return context.blocked
    ? 'requests are blocked (BlackHoleCluster: 502 for HTTP, a reset connection for TLS and TCP)'
    : 'requests are not blocked, but they leave the sidecar directly (PassthroughCluster) and bypass the egress gateway';
}
