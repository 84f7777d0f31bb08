// DestinationRules along an egress chain are applied by the proxy that sends the traffic: the
// client's sidecar for the leg to the egress gateway, the gateway for the leg to the external
// host. A rule exported only to the application's namespace, or kept in a namespace Istio does
// not search for that proxy, silently does nothing there.
import type { EgressChain } from '../../../index/egressChain';
import type { DestinationFact, RouteKind, TlsFact, TrafficPolicyFact } from '../../../index/facts';
import { destinationRulesFor, fqdnOf, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { Finding } from '../finding';
import type { WorkspaceRuleContext } from '../workspaceRules';
import { exportFix, exportTarget } from './visibilityData';
import { appliedDestinationRules, clientNamespaces, describeExportTo, exportToSpan, isClusterHost, nameSpan, qualified, serviceEntriesVisibleTo, whyNotApplied, type RuleLookup } from './visibilityLookup';

interface Leg {
  destination: DestinationFact;
  lookup: RuleLookup;
  kind: RouteKind;
  /** Who sends the traffic, e.g. "the sidecars in `shop`, which send this traffic". */
  sender: string;
}

/** Each destination of the chain with the proxy that sends to it. */
function legs(view: IndexView, vs: Resource, chain: EgressChain): Leg[] {
  const out: Leg[] = [];
  // The mesh rules run in the client namespaces.
  for (const client of clientNamespaces(view, vs)) {
    for (const rule of chain.meshToGateway) {
      for (const { destination, workload } of rule.gatewayDestinations) {
        const fqdn = fqdnOf(view, destination.host!.value, vs.namespace);
        out.push({ destination, kind: rule.route.kind, sender: `the sidecars in \`${client}\`, which send this traffic`, lookup: { view, fqdn, proxyNamespace: client, serviceNamespaces: [workload.namespace] } });
      }
    }
  }
  for (const rule of chain.gatewayToExternal) {
    for (const workload of rule.gateway.workloads.filter((candidate) => candidate.role === 'egress')) {
      for (const destination of rule.destinations) {
        if (!destination.host) continue;
        const fqdn = fqdnOf(view, destination.host.value, vs.namespace);
        if (isClusterHost(view, fqdn)) continue;
        // Without a visible ServiceEntry the gateway has no cluster at all (IE340 says so).
        const entries = serviceEntriesVisibleTo(view, fqdn, workload.namespace);
        if (!entries.length) continue;
        const serviceNamespaces = entries.map((entry) => entry.namespace);
        out.push({ destination, kind: rule.route.kind, sender: `the egress gateway in \`${workload.namespace}\` (istioEgress.gateways setting), which sends this traffic`, lookup: { view, fqdn, proxyNamespace: workload.namespace, serviceNamespaces } });
      }
    }
  }
  return out;
}

export function checkChainDestinationRules(context: WorkspaceRuleContext, chain: EgressChain): void {
  const external = new Set(chain.gatewayToExternal.flatMap((rule) => rule.destinations));
  const seen = new Set<string>();
  for (const leg of legs(context.view, context.resource, chain)) {
    // Two Gateways may select the same workload: one finding per destination and proxy namespace.
    const key = `${leg.destination.span.start}|${leg.lookup.proxyNamespace}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const applied = appliedDestinationRules(leg.lookup);
    if (leg.destination.subset) checkSubset(context, leg, applied);
    // Only HTTP arrives at the gateway in plain text; TLS and TCP routes carry their own bytes.
    else if (leg.kind === 'http' && external.has(leg.destination)) checkTlsOrigination(context, leg, applied);
  }
}

/** IE343: the rule that defines the subset must be one the sending proxy applies. */
function checkSubset({ report }: WorkspaceRuleContext, leg: Leg, applied: Resource[]): void {
  const subset = leg.destination.subset!;
  const defines = (rule: Resource) => !!rule.facts.destinationRule?.subsets.some((candidate) => candidate.name.value === subset.value);
  if (applied.some(defines)) return;
  // No rule defines it at all: the references family reports the missing subset (IE301).
  const defining = destinationRulesFor(leg.lookup.view, leg.lookup.fqdn).filter(defines);
  if (!defining.length || defining.some((rule) => rule.facts.destinationRule?.workloadSelector)) return;
  const finding = explain(leg, applied, defining, `defines subset \`${subset.value}\``, `requests to the subset fail with 503 (the proxy has no cluster for it)`, 'the subset');
  report({ ...subset.span, code: 'IE343', ...finding });
}

/** IE344: the gateway, not the client's sidecar, opens the TLS connection to the external host. */
function checkTlsOrigination({ report }: WorkspaceRuleContext, leg: Leg, applied: Resource[]): void {
  const port = leg.destination.port?.value;
  if (applied.some((rule) => originatesTls(rule, port))) return;
  const originating = destinationRulesFor(leg.lookup.view, leg.lookup.fqdn).filter((rule) => originatesTls(rule, port));
  if (!originating.length || originating.some((rule) => rule.facts.destinationRule?.workloadSelector)) return;
  const where = port ? `port ${port} of \`${leg.destination.host!.value}\`` : `\`${leg.destination.host!.value}\``;
  const finding = explain(leg, applied, originating, `originates TLS to ${where}`, `the gateway connects in plain text and the server rejects the requests`, 'the TLS settings');
  report({ ...leg.destination.host!.span, code: 'IE344', ...finding });
}

type Explained = Pick<Finding, 'message' | 'data' | 'related'>;

function explain(leg: Leg, applied: Resource[], candidates: Resource[], what: string, outcome: string, moved: string): Explained {
  const reasons = candidates.map((rule) => ({ rule, why: whyNotApplied(leg.lookup, rule, applied) }));
  // Prefer the rule a one-line exportTo edit would fix.
  const best = reasons.find((entry) => entry.why.reason === 'exportTo') ?? reasons[0];
  const { rule, why } = best;
  const namespace = leg.lookup.proxyNamespace;
  let cause: string;
  let fix: string;
  if (why.reason === 'exportTo') {
    cause = `its exportTo ${describeExportTo(rule)} does not reach \`${namespace}\``;
    fix = `Add \`${why.entry}\`${why.entry === '.' ? ' (its own namespace)' : ''} to its exportTo.`;
  } else if (why.reason === 'namespace') {
    cause = `Istio looks for this proxy's DestinationRules only in ${listWords(why.searched)}`;
    fix = `Move it to ${listWords(why.searched)}.`;
  } else {
    cause = `${listWords(why.by.map(qualified), 'and')} for the same host ${why.by.length > 1 ? 'take' : 'takes'} precedence there`;
    fix = `Move ${moved} into ${why.by.length > 1 ? 'one of those rules' : 'that rule'}.`;
  }
  return {
    message: `DestinationRule ${qualified(rule)} ${what}, but it does not apply to ${leg.sender}: ${cause}. So ${outcome}. ${fix}`,
    data: why.reason === 'exportTo' ? exportFix([exportTarget(rule, why.entry)]) : undefined,
    related: [
      { target: rule, span: why.reason === 'exportTo' ? exportToSpan(rule) : nameSpan(rule), message: `DestinationRule ${qualified(rule)}` },
      ...(why.reason === 'shadowed' ? why.by.map((other) => ({ target: other, span: nameSpan(other), message: `DestinationRule ${qualified(other)} (applied instead)` })) : []),
    ],
  };
}

const ORIGINATING = new Set(['SIMPLE', 'MUTUAL']);

/** Whether a rule makes the proxy open TLS on `port` (any port when unknown). */
function originatesTls(rule: Resource, port: number | undefined): boolean {
  const policy = rule.facts.destinationRule?.trafficPolicy;
  return !!policy && tlsModes(policy, port).some((mode) => ORIGINATING.has(mode));
}

function tlsModes(policy: TrafficPolicyFact, port: number | undefined): string[] {
  const mode = (tls: TlsFact | undefined) => (tls?.mode ? [tls.mode.value] : []);
  if (port === undefined) return [...mode(policy.tls), ...policy.portLevel.flatMap((level) => mode(level.tls))];
  // Port-level settings replace the rule-wide TLS settings for their port.
  const level = policy.portLevel.find((candidate) => candidate.port?.value === port);
  return level?.tls ? mode(level.tls) : mode(policy.tls);
}
