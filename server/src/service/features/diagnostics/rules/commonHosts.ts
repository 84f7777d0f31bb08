// Host names of ServiceEntries, VirtualServices and DestinationRules, as Istio's webhook checks
// them (codes IE201–IE204). Gateway and Sidecar hosts, written `namespace/dnsName`, are in
// ./commonNamespacedHosts.ts.
import type { DocumentRuleContext } from '.';
import type { Spanned } from '../../../index/facts';
import { fqdnProblem, isIpAddress, isPartialWildcard, partialWildcardAdvice, wildcardDomainProblem } from './commonForms';
import { checkGatewayHosts, checkSidecarHosts } from './commonNamespacedHosts';
import { sameDocument } from './commonPlaces';
import { effectiveResolution } from './serviceEntryModel';

export function checkHosts(context: DocumentRuleContext): void {
  checkServiceEntryHosts(context);
  checkVirtualServiceHosts(context);
  const host = context.facts.destinationRule?.host;
  if (host) reportInvalidHost(context, host, 'DestinationRule');
  checkGatewayHosts(context);
  checkSidecarHosts(context);
}

function reportInvalidHost({ report }: DocumentRuleContext, host: Spanned<string>, kind: string): boolean {
  const problem = wildcardDomainProblem(host.value);
  if (!problem) return false;
  report({
    ...host.span,
    code: 'IE201',
    message: `\`${host.value}\` is not a valid ${kind} host: ${problem}. Write a DNS name such as \`api.example.com\`, optionally with a leading \`*.\` wildcard.`,
  });
  return true;
}

function checkServiceEntryHosts(context: DocumentRuleContext): void {
  const se = context.facts.serviceEntry;
  if (!se) return;
  const resolution = effectiveResolution(se);
  // With DNS resolution and no endpoints a wildcard host is an error of its own (IE213), so the
  // partial-wildcard warning would only repeat it.
  const dnsWithoutEndpoints = (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && se.endpoints.length === 0;
  for (const host of se.hosts) {
    if (host.value === '*') {
      context.report({
        ...host.span,
        code: 'IE203',
        message:
          'A ServiceEntry cannot register the host `*`. List the external hosts, or a wildcard domain such as `*.example.com`; ' +
          'to let workloads reach any host, use `outboundTrafficPolicy: ALLOW_ANY` instead.',
      });
    } else if (reportInvalidHost(context, host, 'ServiceEntry')) {
      continue;
    } else if (isPartialWildcard(host.value) && !(dnsWithoutEndpoints && fqdnProblem(host.value))) {
      const dynamic = resolution === 'DYNAMIC_DNS';
      context.report({
        ...host.span,
        code: 'IE202',
        severity: dynamic ? 'error' : undefined,
        message: `${partialWildcardAdvice(host.value)}${dynamic ? ' With `resolution: DYNAMIC_DNS` Istio rejects it.' : ' Istio accepts it with a warning.'}`,
      });
    }
  }
}

function checkVirtualServiceHosts(context: DocumentRuleContext): void {
  const vs = context.facts.virtualService;
  if (!vs) return;
  const { report, doc } = context;
  // Without gateways (or with an empty list) a VirtualService applies to the mesh; with gateways
  // it applies to the mesh only when `mesh` is among them.
  const appliesToMesh = vs.gateways.length === 0 || vs.gateways.some((gateway) => gateway.value === 'mesh');
  const hasSniMatch = vs.routes.some((route) => route.kind === 'tls' && route.matches.some((match) => match.sniHosts.length > 0));
  let allValid = true;
  for (const host of vs.hosts) {
    // Gateway-bound TLS routes may use Envoy's generated SNI names (`outbound_.80_._.host`).
    if (!appliesToMesh && hasSniMatch && host.value.startsWith('outbound_')) continue;
    if (wildcardDomainProblem(host.value)) {
      // Istio lets IP addresses through.
      if (!isIpAddress(host.value)) {
        reportInvalidHost(context, host, 'VirtualService');
        allValid = false;
      }
    } else if (appliesToMesh && host.value === '*') {
      report({
        ...host.span,
        code: 'IE203',
        message:
          'A VirtualService that applies to the mesh cannot use the host `*`: it would capture all traffic of every sidecar. ' +
          'Name the hosts, or bind the VirtualService only to Gateways (a `gateways` list without `mesh`).',
      });
      allValid = false;
    }
  }
  // Istio compares hosts only when all are valid; wildcards overlap what they cover.
  if (!allValid) return;
  vs.hosts.forEach((later, j) => {
    const earlier = vs.hosts.slice(0, j).find((host) => hostsMatch(host.value, later.value));
    if (!earlier) return;
    const same = earlier.value === later.value;
    report({
      ...later.span,
      code: 'IE204',
      message: same
        ? `\`${later.value}\` is listed twice in \`hosts\`; Istio rejects duplicate hosts. Remove one.`
        : `\`${later.value}\` overlaps \`${earlier.value}\` in the same \`hosts\` list; Istio rejects hosts that match each other. ` +
          'Keep the wildcard or the specific name, or split them into two VirtualServices.',
      data: same ? { fix: 'remove-item', item: later.value } : undefined,
      related: [sameDocument(doc, earlier.span, same ? 'first listed here' : `\`${earlier.value}\` is listed here`)],
    });
  });
}

/** Istio's host.Name.Matches: equal names, or a wildcard whose suffix the other name ends with. */
export function hostsMatch(a: string, b: string): boolean {
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild && bWild) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return a === b;
}
