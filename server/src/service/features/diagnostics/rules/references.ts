// References between resources, as `istioctl analyze` checks them, but answered from the
// workspace even where istioctl needs a cluster. This file dispatches per kind and holds the
// gateway and subset references; hosts, ports and selectors are in the references*.ts files.
import { destinationRulesDefiningSubset, destinationRulesFor, fqdnOf, resolveGateway, resourcesOfKind, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { Report } from '../finding';
import type { WorkspaceRule } from '../workspaceRules';
import { checkDestinationRuleHost } from './referencesDestinationRules';
import { checkDestinations } from './referencesDestinations';
import { checkGatewayHosts, checkGatewayWorkload } from './referencesGateways';
import { checkSidecarEgress } from './referencesSidecars';

export const checkReferences: WorkspaceRule = ({ resource, view, report }) => {
  switch (resource.facts.kind) {
    case 'VirtualService':
      checkGatewaysAndSubsets(resource, view, report);
      checkGatewayHosts(resource, view, report);
      checkDestinations(resource, view, report);
      break;
    case 'DestinationRule':
      checkDestinationRuleHost(resource, view, report);
      break;
    case 'Gateway':
      checkGatewayWorkload(resource, view, report);
      break;
    case 'Sidecar':
      checkSidecarEgress(resource, view, report);
      break;
  }
};

function checkGatewaysAndSubsets(resource: Resource, view: IndexView, report: Report): void {
  const vs = resource.facts.virtualService;
  if (!vs) return;

  // IE300: every named Gateway exists.
  for (const reference of vs.gateways) {
    const resolved = resolveGateway(view, reference.value, resource.namespace);
    if (!resolved || resolved.resource) continue;
    const sameName = resourcesOfKind(view, 'Gateway').filter((gateway) => gateway.name === resolved.name);
    const candidates = sameName.map((gateway) => `${gateway.namespace}/${gateway.name}`);
    const hint = candidates.length
      ? ` A Gateway with that name exists in ${listWords(sameName.map((gateway) => gateway.namespace))}: write it as ${listWords(candidates)}.`
      : ' Check the name, or add the Gateway; a Gateway in another namespace is written `namespace/name`.';
    report({
      ...reference.span,
      code: 'IE300',
      message: `Gateway \`${resolved.namespace}/${resolved.name}\` not found: \`${reference.value}\` is looked up ${reference.value.includes('/') ? 'as written' : `in the VirtualService's namespace \`${resource.namespace}\``}.${hint}`,
      data: candidates.length ? { fix: 'replace', candidates } : undefined,
      related: sameName.map((gateway) => ({ target: gateway, span: gateway.facts.name?.span ?? { start: 0, end: 0 }, message: `Gateway ${gateway.namespace}/${gateway.name}` })),
    });
  }

  // IE301: every subset used is defined by a DestinationRule for that host.
  for (const route of vs.routes) {
    for (const destination of route.destinations) {
      if (!destination.host || !destination.subset) continue;
      const fqdn = fqdnOf(view, destination.host.value, resource.namespace);
      // The common case is answered by key; only a missing subset reads every rule for the host.
      if (destinationRulesDefiningSubset(view, fqdn, destination.subset.value).length) continue;
      const rules = destinationRulesFor(view, fqdn);
      const defined = [...new Set(rules.flatMap((dr) => dr.facts.destinationRule?.subsets.map((subset) => subset.name.value) ?? []))];
      const where = rules.length
        ? `DestinationRule ${listWords(rules.map((dr) => `${dr.namespace}/${dr.name}`))} for \`${destination.host.value}\` defines ${defined.length ? listWords(defined, 'and') : 'no subsets'}`
        : `no DestinationRule exists for \`${destination.host.value}\``;
      report({
        ...destination.subset.span,
        code: 'IE301',
        message: `Subset \`${destination.subset.value}\` is not defined: ${where}. Traffic to this destination fails (503 "no healthy upstream"). Add the subset to a DestinationRule for the host.`,
        data: { fix: 'add-subset', subset: destination.subset.value, host: fqdn, hostAsWritten: destination.host.value, namespace: resource.namespace },
        related: rules.map((dr) => ({ target: dr, span: dr.facts.destinationRule?.host?.span ?? dr.facts.name?.span ?? { start: 0, end: 0 }, message: `DestinationRule ${dr.namespace}/${dr.name}` })),
      });
    }
  }
}
