// References between resources, as `istioctl analyze` checks them, but answered from the
// workspace even where istioctl needs a cluster. This file dispatches per kind and holds the
// gateway references; subsets, hosts, ports and selectors are in the references*.ts files.
import { resolveGateway, resourcesOfKind, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { Finding, Report } from '../finding';
import type { WorkspaceRule } from '../workspaceRules';
import { checkDestinationRuleHost } from './referencesDestinationRules';
import { checkDestinations } from './referencesDestinations';
import { checkGatewayHosts, checkGatewayWorkload, otherGatewaysServing } from './referencesGateways';
import { qualified, relatedAt, unique } from './referencesShared';
import { checkSidecarEgress } from './referencesSidecars';
import { checkSubsets } from './referencesSubsets';

export const checkReferences: WorkspaceRule = ({ resource, view, report }) => {
  switch (resource.facts.kind) {
    case 'VirtualService': {
      checkGatewayReferences(resource, view, report);
      // The host findings come last, as before, but the subset check must know which hosts they call slips.
      const hostFindings: Finding[] = [];
      const wrongHosts = checkDestinations(resource, view, (finding) => hostFindings.push(finding));
      checkSubsets(resource, view, report, wrongHosts);
      checkGatewayHosts(resource, view, report);
      hostFindings.forEach(report);
      break;
    }
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


/**
 * IE300: every Gateway a VirtualService names exists. The candidates, for the message and the
 * `replace-gateway` fix: a Gateway of that name in another namespace, and the Gateways whose
 * servers offer the VirtualService one of its hosts (written `ns/name` outside its namespace).
 */
function checkGatewayReferences(resource: Resource, view: IndexView, report: Report): void {
  const vs = resource.facts.virtualService;
  if (!vs) return;
  for (const reference of vs.gateways) {
    const resolved = resolveGateway(view, reference.value, resource.namespace);
    if (!resolved || resolved.resource) continue;
    const sameName = resourcesOfKind(view, 'Gateway').filter((gateway) => gateway.name === resolved.name);
    const serving = otherGatewaysServing(view, resource).filter(({ gateway }) => !sameName.includes(gateway));
    const servingNames = serving.map(({ gateway }) => (gateway.namespace === resource.namespace ? gateway.name : qualified(gateway)));
    const servedHosts = unique(serving.map(({ host }) => host.value));
    let hint = ' Check the name, or add the Gateway; a Gateway in another namespace is written `namespace/name`.';
    if (sameName.length) {
      hint = ` A Gateway with that name exists in ${listWords(sameName.map((gateway) => gateway.namespace))}: write it as ${listWords(sameName.map(qualified))}.`;
      if (serving.length) hint += ` ${listWords(servingNames, 'and')} ${serving.length > 1 ? 'serve' : 'serves'} ${listWords(servedHosts, 'and')} too.`;
    } else if (serving.length) {
      hint = ` Did you mean ${listWords(servingNames)}? ${serving.length > 1 ? 'They serve' : 'It serves'} ${listWords(servedHosts, 'and')}.`;
    }
    const candidates = [...sameName.map(qualified), ...servingNames];
    report({
      ...reference.span,
      code: 'IE300',
      message: `Gateway \`${resolved.namespace}/${resolved.name}\` not found: \`${reference.value}\` is looked up ${reference.value.includes('/') ? 'as written' : `in the VirtualService's namespace \`${resource.namespace}\``}.${hint}`,
      data: candidates.length ? { fix: 'replace-gateway', reference: reference.value, candidates } : undefined,
      related: [
        ...sameName.map((gateway) => relatedAt(gateway, gateway.facts.name?.span, `Gateway ${qualified(gateway)}`)),
        ...serving.map(({ gateway, host }) => relatedAt(gateway, host.span, `Gateway ${qualified(gateway)} serves ${host.value}`)),
      ],
    });
  }
}
