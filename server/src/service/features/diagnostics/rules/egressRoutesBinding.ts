// IE402/IE403: `match.gateways` must stay within `spec.gateways`. Istio first picks the
// VirtualServices bound to a sidecar (`mesh`) or a Gateway, and only then reads match.gateways,
// so a match naming anything the VirtualService is not bound to never applies.
import { gatewayWorkloadsSelectedBy, resolveGateway } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords, suggest } from '../../../util/suggest';
import type { WorkspaceRuleContext } from '../workspaceRules';
import type { BindFixData } from './egressRoutesData';
import { gatewayKey, type ChainView } from './egressRoutesModel';

export function checkBindings({ view, report }: WorkspaceRuleContext, vs: Resource, chain: ChainView | undefined): void {
  const facts = vs.facts.virtualService;
  if (!facts) return;
  const written = facts.gateways.map((gateway) => gateway.value);
  const boundToMesh = !facts.gatewaysWritten || written.includes('mesh');
  const bound = new Map(written.filter((name) => name !== 'mesh').map((name) => [gatewayKey(view, name, vs.namespace), name]));
  const meshEntries = facts.routes.flatMap((route) => route.matches.flatMap((match) => match.gateways.filter((gateway) => gateway.value === 'mesh')));

  // IE402: rules written for sidecars in a VirtualService that is not bound to mesh.
  if (chain && !boundToMesh && meshEntries.length) {
    const data: BindFixData = { fix: 'egress-bind', name: 'mesh', replacements: [] };
    report({
      ...(facts.gatewaysKey ?? facts.gateways[0]?.span ?? meshEntries[0].span),
      code: 'IE402',
      message: `\`gateways\` does not list \`mesh\`, so this VirtualService applies only at the Gateways it lists and its rules for \`mesh\` never apply in sidecars: traffic from the mesh does not take the route to the egress gateway. Add \`mesh\` to \`gateways\`.`,
      related: meshEntries.map((entry) => ({ target: vs, span: entry.span, message: 'a match for `mesh`' })),
      data,
    });
  }

  // IE403: a match naming a Gateway the VirtualService is not bound to.
  for (const route of facts.routes) {
    for (const match of route.matches) {
      for (const entry of match.gateways) {
        if (entry.value === 'mesh' || bound.has(gatewayKey(view, entry.value, vs.namespace))) continue;
        const gateway = resolveGateway(view, entry.value, vs.namespace)?.resource;
        const egress = gatewayWorkloadsSelectedBy(view.settings, gateway?.facts.gateway?.selector?.value).some((workload) => workload.role === 'egress');
        if (!chain && !egress) continue;
        const replacements = nearMisses(entry.value, [...bound.values(), ...(boundToMesh ? ['mesh'] : [])]);
        const listed = facts.gatewaysWritten ? `\`gateways\` lists ${written.length ? listWords(written, 'and') : 'nothing'}` : 'without `gateways` the VirtualService applies to sidecars (`mesh`) only';
        const how = facts.gatewaysWritten ? `add \`${entry.value}\` to \`gateways\`` : `add \`gateways: [mesh, ${entry.value}]\``;
        const data: BindFixData = { fix: 'egress-bind', name: entry.value, replacements };
        report({
          ...entry.span,
          code: 'IE403',
          message: `This match names \`${entry.value}\`, but ${listed}, so Istio never applies the VirtualService there and this match never matches: ${how}${replacements.length ? `, or write ${listWords(replacements)}` : ''}.`,
          related: gateway ? [{ target: gateway, span: gateway.facts.name?.span ?? entry.span, message: `Gateway ${gateway.namespace}/${gateway.name}` }] : [],
          data,
        });
      }
    }
  }
}

/** Bound names the entry was probably meant to be: a typo, or the same Gateway name in another namespace. */
function nearMisses(entry: string, bound: readonly string[]): string[] {
  const name = (reference: string) => reference.slice(reference.indexOf('/') + 1).split('.')[0];
  const sameName = bound.filter((candidate) => name(candidate) === name(entry));
  return [...new Set([...sameName, ...suggest(entry, bound)])];
}
