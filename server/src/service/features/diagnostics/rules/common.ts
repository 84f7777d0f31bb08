// Forms Istio's webhook checks on every kind: resource names, host names, exportTo lists and
// gateway references (see ./common.codes.ts for the codes of this family).
import type { DocumentRule, DocumentRuleContext } from '.';
import { checkExportTo } from './commonExportTo';
import { isKubernetesLabel, isKubernetesSubdomain } from '../../../util/names';
import { isIstioLabel, saneName } from './commonForms';
import { yamlScalar } from './commonPlaces';
import { checkGatewayReferences } from './commonGatewayRefs';
import { checkHosts } from './commonHosts';

export const checkCommon: DocumentRule = (context) => {
  checkNames(context);
  checkHosts(context);
  checkExportTo(context);
  checkGatewayReferences(context);
};

/** IE200: Kubernetes refuses invalid names and namespaces; Istio also refuses dotted Gateway names. */
function checkNames({ facts, report }: DocumentRuleContext): void {
  const { name, namespace } = facts;
  if (name && !isKubernetesSubdomain(name.value)) {
    const better = saneName(name.value, facts.kind !== 'Gateway');
    report({
      ...name.span,
      code: 'IE200',
      message:
        `\`${name.value}\` is not a valid resource name: Kubernetes accepts lower-case letters, digits, \`-\` and \`.\`, ` +
        `starting and ending with a letter or digit, at most 253 characters.${better ? ` Use \`${better}\`, for example.` : ''}`,
      data: better ? { fix: 'replace', candidates: [yamlScalar(better)] } : undefined,
    });
  } else if (name && facts.kind === 'Gateway' && !isIstioLabel(name.value)) {
    const better = saneName(name.value, false);
    report({
      ...name.span,
      code: 'IE200',
      message:
        `A Gateway name must be a single DNS label (no dots, at most 63 characters): VirtualServices refer to Gateways as \`namespace/name\`, ` +
        `and Istio rejects \`${name.value}\`.${better ? ` Rename it, e.g. \`${better}\`, and update the VirtualServices that use it.` : ''}`,
      data: better ? { fix: 'replace', candidates: [yamlScalar(better)] } : undefined,
    });
  }
  if (namespace && !isKubernetesLabel(namespace.value)) {
    const better = saneName(namespace.value, false);
    report({
      ...namespace.span,
      code: 'IE200',
      message:
        `\`${namespace.value}\` is not a valid namespace: a namespace name has only lower-case letters, digits and inner dashes, ` +
        `at most 63 characters.${better ? ` Did you mean \`${better}\`?` : ''}`,
      data: better ? { fix: 'replace', candidates: [yamlScalar(better)] } : undefined,
    });
  }
}
