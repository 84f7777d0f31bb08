// Cross-resource rules (see ./egressProtocols.codes.ts for the codes of this family): the ports,
// protocols, SNI names and TLS modes along an egress chain must agree. A VirtualService gets the
// findings whose fix is in its routes; a DestinationRule the ones whose fix is in its TLS
// settings and a ServiceEntry the ones in its ports, found by walking back to the
// VirtualServices that route through them.
import { isWildcard } from '../../../index/hosts';
import { fqdnOf, resourcesOfKind, virtualServicesRoutingTo, virtualServicesUsingSubset } from '../../../index/queries';
import type { WorkspaceRule } from '../workspaceRules';
import { gatewayLegIssues } from './egressProtocolsGatewayTls';
import { checkRouteKinds } from './egressProtocolsKinds';
import { chainLegs, reportOnce } from './egressProtocolsLegs';
import { externalLegIssues } from './egressProtocolsOrigination';
import { checkPorts } from './egressProtocolsPorts';
import { checkSniAgreement } from './egressProtocolsSni';
import { checkSniffedPorts } from './egressProtocolsSniffed';

export const checkEgressProtocols: WorkspaceRule = ({ resource, view, report }) => {
  const once = reportOnce(report);
  if (resource.facts.virtualService) {
    const legs = chainLegs(view, resource);
    if (!legs) return;
    checkPorts(legs, once);
    checkRouteKinds(legs, once);
    checkSniAgreement(legs, once);
    for (const issue of [...gatewayLegIssues(view, legs), ...externalLegIssues(view, legs)]) if (issue.on === resource) once(issue.finding);
    return;
  }
  if (resource.facts.serviceEntry) {
    checkSniffedPorts(view, resource, once);
    return;
  }
  const host = resource.facts.destinationRule?.host?.value;
  if (!host) return;
  // The VirtualServices whose chains can read this rule: those routing to its host (every one for a
  // wildcard host). A rule with only subset-level settings is read only by those using its subsets,
  // which keeps a thousand egress routes sharing the gateway's host from each reading all the others.
  const fqdn = fqdnOf(view, host, resource.namespace);
  const rule = resource.facts.destinationRule!;
  const hostWide = !rule.subsets.length || !!rule.trafficPolicy?.tls || !!rule.trafficPolicy?.portLevel.some((level) => level.tls);
  const routing = isWildcard(host)
    ? resourcesOfKind(view, 'VirtualService')
    : hostWide
      ? virtualServicesRoutingTo(view, fqdn)
      : [...new Set(rule.subsets.flatMap((subset) => virtualServicesUsingSubset(view, fqdn, subset.name.value)))];
  for (const vs of routing) {
    const legs = chainLegs(view, vs);
    if (!legs) continue;
    for (const issue of [...gatewayLegIssues(view, legs), ...externalLegIssues(view, legs)]) if (issue.on === resource) once(issue.finding);
  }
};
