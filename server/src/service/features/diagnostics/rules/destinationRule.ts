// Single-resource rules (see ./destinationRule.codes.ts for the codes of this family): what
// Istio's webhook enforces on a DestinationRule beyond its schema, and istioctl's
// caCertificates analyzer (IST0128/IST0129) as a hint.
import { isMap, type Node } from 'yaml';
import type { Span } from '../finding';
import type { DocumentRule } from '.';
import { isIstioLabel } from './commonForms';
import { sameDocument } from './commonPlaces';
import { checkTrafficPolicy, type DestinationRuleScope } from './destinationRulePolicy';
import { hintMissingCaCertificates } from './destinationRuleTls';
import { mapItems, quotedLike } from './virtualServiceYaml';

export const checkDestinationRule: DocumentRule = (context) => {
  if (context.facts.kind !== 'DestinationRule') return;
  const spec = context.read.child(context.root, 'spec');
  if (!isMap(spec)) return;
  const scope: DestinationRuleScope = {
    ...context,
    namespace: context.facts.namespace?.value || context.settings.defaultNamespace,
    namespaceWritten: !!context.facts.namespace?.value,
  };
  checkTrafficPolicy(scope, spec, ['spec'], 'this DestinationRule');
  checkSubsets(scope, spec);
  hintMissingCaCertificates(scope, spec);
};

function checkSubsets(scope: DestinationRuleScope, spec: Node): void {
  const { read, report } = scope;
  const firstUse = new Map<string, { index: number; span: Span }>();
  for (const { node, index } of mapItems(read, spec, 'subsets')) {
    const name = read.string(read.child(node, 'name'));
    if (name) {
      if (!isIstioLabel(name.value)) {
        report({
          ...name.span,
          code: 'IE256',
          message: name.value
            ? `Subset name \`${name.value}\` is not a DNS label, and Istio rejects it: use letters, digits and \`-\` only (at most 63, starting and ending with a letter or digit), e.g. \`${suggestLabel(name.value) || 'v1'}\` (and rename it where routes use it).`
            : 'A subset name cannot be empty, and Istio rejects this one: give the subset a name such as `v1`.',
          data: suggestLabel(name.value) ? { fix: 'replace', candidates: [quotedLike(scope.doc.text, name.span, suggestLabel(name.value))] } : undefined,
        });
      }
      const first = firstUse.get(name.value);
      if (first === undefined) firstUse.set(name.value, { index, span: name.span });
      else {
        report({
          ...name.span,
          code: 'IE255',
          message: `Subset name \`${name.value}\` is already used by \`subsets[${first.index}]\`; Istio rejects duplicate subset names. Rename this subset (and the routes that use it) or merge the two.`,
          related: [sameDocument(scope.doc, first.span, 'the subset name is first used here')],
        });
      }
    }
    const label = name?.value ? `subset \`${name.value}\`` : `\`subsets[${index}]\``;
    checkTrafficPolicy(scope, node, ['spec', 'subsets', index], label);
  }
}

/** A DNS-label spelling of a name: `v1.0` → `v1-0`, `Blue_Green` stays readable as `Blue-Green`. */
function suggestLabel(name: string): string {
  return name
    .replace(/[^-a-zA-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
