// Resources that select workloads and collide on them: Gateways serving one host on one port of
// the same gateway pods (istioctl IST0145), and Sidecars that claim the same workloads
// (IST0111, IST0110). istioctl matches selectors against live pods; here identical selectors,
// or a configured gateway workload that both select, stand in for the pods.
import { selectorMatches } from '../../../index/egressGateways';
import type { ServerFact } from '../../../index/facts';
import { gatewaysServing, sidecarsIn, type IndexView } from '../../../index/queries';
import { sameObject, type Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { Report } from '../finding';
import { labelWords, qualified, relatedAt, sameLabels, unique, yamlOf } from './referencesShared';

interface Clash {
  other: Resource;
  server: ServerFact;
  host: { value: string; span: { start: number; end: number } };
}

/**
 * IE324. Pilot compares server hosts by name (the `namespace/` part aside) per port and bind:
 * for two TLS servers a repeated host would give Envoy two identical SNI matches, so pilot drops
 * the later server; plain-text servers are merged, and the routes for the host with them.
 */
export function checkGatewayConflicts(resource: Resource, view: IndexView, report: Report): void {
  const gateway = resource.facts.gateway;
  const selector = gateway?.selector?.value;
  if (!gateway || !selector || !Object.keys(selector).length) return;
  // Only Gateways serving one of the same host names can clash; the index finds them by name.
  const candidates = new Set(gateway.servers.flatMap((server) => server.hosts.flatMap((host) => gatewaysServing(view, host.value))));
  const others = [...candidates].filter((other) => {
    const otherSelector = other.facts.gateway?.selector?.value;
    if (sameObject(other, resource) || !otherSelector || !Object.keys(otherSelector).length) return false;
    return sameLabels(selector, otherSelector) || view.settings.gateways.some((workload) => selectorMatches(selector, workload.labels) && selectorMatches(otherSelector, workload.labels));
  });
  if (!others.length) return;
  const binds = bindsOf(resource);
  gateway.servers.forEach((server, index) => {
    const number = server.port?.number?.value;
    if (number === undefined) return;
    for (const host of server.hosts) {
      const clashes: Clash[] = others.flatMap((other) => {
        const otherBinds = bindsOf(other);
        return (other.facts.gateway?.servers ?? []).flatMap((candidate, at) => {
          if (candidate.port?.number?.value !== number || otherBinds[at] !== binds[index]) return [];
          const twin = candidate.hosts.find((written) => dnsName(written.value) === dnsName(host.value));
          return twin ? [{ other, server: candidate, host: twin }] : [];
        });
      });
      if (clashes.length) reportGateways(host, number, selector, server, clashes, report);
    }
  });
}

function reportGateways(host: Clash['host'], port: number, selector: Record<string, string>, server: ServerFact, clashes: Clash[], report: Report): void {
  const tls = !!server.tls && clashes.every((clash) => !!clash.server.tls);
  const effect = tls
    ? 'Both servers use TLS, so Istio keeps the older server and drops the other (duplicate SNI match).'
    : 'Istio merges the servers, so the routes of the VirtualServices bound to either Gateway are merged for this host, the older ones first.';
  report({
    ...host.span,
    code: 'IE324',
    severity: tls ? undefined : 'warning',
    message:
      `Gateway ${listWords(unique(clashes.map((clash) => qualified(clash.other))), 'and')} also serve${clashes.length > 1 ? '' : 's'} \`${dnsName(host.value)}\` on port ${port} of the same gateway workload (${labelWords(selector)}). ` +
      `${effect} Serve each host and port from one Gateway.`,
    related: clashes.map((clash) => relatedAt(clash.other, clash.host.span, `Gateway ${qualified(clash.other)} serves the same host`)),
  });
}

function dnsName(host: string): string {
  return host.slice(host.indexOf('/') + 1).toLowerCase();
}

/** `bind` per server ('' when unset), read from the YAML: the index does not keep it. */
function bindsOf(resource: Resource): string[] {
  const yaml = yamlOf(resource);
  if (!yaml) return [];
  return yaml.read.items(yaml.read.child(yaml.spec, 'servers')).map((server) => yaml.read.string(yaml.read.child(server, 'bind'))?.value ?? '');
}

/** A Sidecar's claim: no selector (the namespace default), or labels (`{}` selects every workload). */
function claimOf(resource: Resource): Record<string, string> | undefined {
  const sidecar = resource.facts.sidecar;
  return sidecar?.workloadSelectorWritten ? (sidecar.workloadSelector ?? {}) : undefined;
}

/**
 * IE325 and IE326. Pilot orders Sidecars by creation time, those with a workloadSelector first,
 * and gives each workload the first one that selects it: of two equal claims only the older
 * applies, and an empty selector (which selects every workload) shadows the namespace default.
 */
export function checkSidecarConflicts(resource: Resource, view: IndexView, report: Report): void {
  if (!resource.facts.sidecar) return;
  const claim = claimOf(resource);
  const peers = sidecarsIn(view, resource.namespace).filter((other) => !sameObject(other, resource) && other.facts.sidecar);
  const related = (twins: Resource[]) => twins.map((twin) => relatedAt(twin, twin.facts.name?.span, `Sidecar ${qualified(twin)}`));
  const names = (twins: Resource[]) => listWords(twins.map(qualified), 'and');
  const everything = (other: Resource) => {
    const claimed = claimOf(other);
    return claimed !== undefined && Object.keys(claimed).length === 0;
  };
  const nameSpan = resource.facts.name?.span ?? { start: 0, end: 0 };
  if (!claim) {
    const defaults = peers.filter((other) => !claimOf(other));
    const shadows = peers.filter(everything);
    if (defaults.length) {
      report({
        ...nameSpan,
        code: 'IE325',
        message: `Sidecar ${names(defaults)} also has no workloadSelector in namespace \`${resource.namespace}\`. A namespace has one default Sidecar: Istio uses the oldest and ignores the others. Merge them into one, or give the others a workloadSelector.`,
        related: related(defaults),
      });
    } else if (shadows.length) {
      report({
        ...nameSpan,
        code: 'IE325',
        message: `Sidecar ${names(shadows)} has an empty workloadSelector, which selects every workload of namespace \`${resource.namespace}\` and comes before a Sidecar without selector, so this one applies to no workload. Merge them into one.`,
        related: related(shadows),
      });
    }
    return;
  }
  const yaml = yamlOf(resource);
  const selectorSpan = yaml?.read.keyOf(yaml.spec, 'workloadSelector') ?? nameSpan;
  const twins = peers.filter((other) => {
    const otherClaim = claimOf(other);
    return otherClaim !== undefined && sameLabels(claim, otherClaim);
  });
  if (twins.length) {
    report({
      ...selectorSpan,
      code: 'IE326',
      message: `Sidecar ${names(twins)} selects the same workloads (${labelWords(claim) || 'all of them'}). Istio applies one Sidecar per workload, the oldest, and ignores the others. Merge them, or make the selectors distinct.`,
      related: related(twins),
    });
    return;
  }
  const defaults = Object.keys(claim).length ? [] : peers.filter((other) => !claimOf(other));
  if (defaults.length) {
    report({
      ...selectorSpan,
      code: 'IE325',
      message: `This empty workloadSelector selects every workload of namespace \`${resource.namespace}\` and comes before a Sidecar without selector, so ${names(defaults)} applies to no workload. Remove \`workloadSelector\` to make this the namespace default, or merge the two.`,
      related: related(defaults),
    });
  }
}
