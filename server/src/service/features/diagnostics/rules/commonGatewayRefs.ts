// Gateway references in a VirtualService's `gateways` and in each match's `gateways` (IE208,
// IE209), as Istio's validateGatewayNames reads them: `mesh`, `namespace/name`, or the legacy
// short `name` and `name.namespace` forms.
import type { DocumentRuleContext } from '.';
import type { Spanned } from '../../../index/facts';
import type { Finding } from '../finding';
import { fqdnProblem, isIstioLabel } from './commonForms';
import { yamlScalar } from './commonPlaces';

type Problem = Pick<Finding, 'code' | 'message' | 'data'>;

export function checkGatewayReferences({ facts, report }: DocumentRuleContext): void {
  const vs = facts.virtualService;
  if (!vs) return;
  checkList(vs.gateways, report);
  for (const route of vs.routes) for (const match of route.matches) checkList(match.gateways, report);
}

function checkList(references: Spanned<string>[], report: DocumentRuleContext['report']): void {
  // Istio's check returns at the first name without a `/`, so what follows it is never checked
  // there: still wrong, but not rejected, hence only a warning.
  let unchecked = false;
  for (const reference of references) {
    const problem = referenceProblem(reference.value);
    if (problem) {
      const downgrade = unchecked && problem.code === 'IE208';
      report({
        ...reference.span,
        ...problem,
        severity: downgrade ? 'warning' : undefined,
        message: downgrade ? `${problem.message} (Istio does not reject it, because it stops checking this list after a name without \`/\`, but it can never match a Gateway.)` : problem.message,
      });
    }
    if (!reference.value.includes('/')) unchecked = true;
  }
}

function referenceProblem(reference: string): Problem | undefined {
  const slash = reference.indexOf('/');
  if (slash < 0) {
    const problem = fqdnProblem(reference);
    if (problem) {
      return { code: 'IE208', message: `\`${reference}\` is not a valid gateway reference: ${problem}. Write \`mesh\`, \`name\` (this namespace) or \`namespace/name\`.` };
    }
    if (!reference.includes('.')) return undefined;
    // Istio reads `name.namespace[.svc.cluster.local]` as the Gateway `name` in `namespace`.
    const [name, namespace] = reference.split('.');
    const recommended = `${namespace}/${name}`;
    return {
      code: 'IE209',
      message: `\`${reference}\` uses the legacy \`name.namespace\` form: Istio still reads it, but recommends \`namespace/name\`. Write \`${recommended}\`.`,
      data: { fix: 'replace', candidates: [yamlScalar(recommended)] },
    };
  }
  const namespace = reference.slice(0, slash);
  const name = reference.slice(slash + 1);
  if (!namespace || !name) return { code: 'IE208', message: `\`${reference}\` needs both a namespace and a Gateway name: \`namespace/name\`.` };
  if (!isIstioLabel(namespace)) {
    return { code: 'IE208', message: `\`${namespace}\` is not a valid namespace in the gateway reference \`${reference}\`: a namespace is a DNS label (letters, digits, inner dashes).` };
  }
  if (!isIstioLabel(name)) {
    return {
      code: 'IE208',
      message: `\`${name}\` is not a valid Gateway name in \`${reference}\`: Gateway names are DNS labels, without dots or slashes. Write \`namespace/name\`.`,
    };
  }
  return undefined;
}
