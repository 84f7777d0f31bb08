// exportTo lists of ServiceEntries, VirtualServices and DestinationRules (IE207), as Istio's
// validateExportTo reads them: `.` stands for the resource's own namespace throughout.
import type { DocumentRuleContext } from '.';
import type { Spanned } from '../../../index/facts';
import { isIstioLabel } from './commonForms';
import { sameDocument } from './commonPlaces';

const KINDS_WITH_EXPORT_TO = new Set(['ServiceEntry', 'VirtualService', 'DestinationRule']);

export function checkExportTo({ facts, doc, report }: DocumentRuleContext): void {
  const entries = facts.exportTo;
  if (!entries?.length || !KINDS_WITH_EXPORT_TO.has(facts.kind)) return;
  // Without metadata.namespace the namespace is whatever `kubectl apply` is told, so `.` is
  // compared with named entries only when the namespace is written.
  const namespace = facts.namespace?.value || '.';
  const isServiceEntry = facts.kind === 'ServiceEntry';
  const accepted = new Map<string, Spanned<string>>();
  for (const entry of entries) {
    const key = entry.value === '.' ? namespace : entry.value;
    const earlier = accepted.get(key);
    if (earlier) {
      report({
        ...entry.span,
        code: 'IE207',
        message:
          earlier.value === entry.value
            ? `\`${entry.value}\` is listed twice in \`exportTo\`; Istio rejects duplicates. Remove one.`
            : `\`${entry.value}\` and \`${earlier.value}\` both mean namespace \`${namespace}\` (\`.\` is the resource's own namespace); Istio rejects the duplicate. Remove one.`,
        data: { fix: 'remove-item', item: entry.value },
        related: [sameDocument(doc, earlier.span, 'the same namespace is listed here')],
      });
      continue;
    }
    const problem = entryProblem(entry.value, isServiceEntry);
    // `~` on a kind without it most likely meant "keep it here"; offered only when that adds no duplicate.
    const toOwn = entry.value === '~' && !entries.some((other) => other.value === '.' || other.value === facts.namespace?.value);
    if (problem) report({ ...entry.span, code: 'IE207', message: problem, data: toOwn ? { fix: 'replace', candidates: ['.'] } : undefined });
    else accepted.set(key, entry);
  }
  const everyone = accepted.get('*');
  if (everyone && entries.length > 1) {
    report({
      ...everyone.span,
      code: 'IE207',
      message: '`*` already exports to every namespace and cannot be combined with other entries. Keep `*` alone, or list only the namespaces that need the resource.',
    });
  }
  const nobody = accepted.get('~');
  if (nobody && entries.length > 1) {
    report({
      ...nobody.span,
      code: 'IE207',
      message: '`~` hides the ServiceEntry from every namespace and cannot be combined with other entries. Keep `~` alone, or remove it.',
    });
  }
  if (facts.kind === 'DestinationRule' && facts.destinationRule?.workloadSelector) checkSelectorScope(accepted, namespace, report);
}

function entryProblem(value: string, isServiceEntry: boolean): string | undefined {
  if (value === '.' || value === '*') return undefined;
  if (value === '~') {
    return isServiceEntry
      ? undefined
      : '`~` (export to no namespace) is only allowed on ServiceEntries. Use `.` to keep the resource in its own namespace.';
  }
  if (isIstioLabel(value)) return undefined;
  return `\`${value}\` is not a valid \`exportTo\` entry: use \`.\` (this namespace), \`*\` (all namespaces)${isServiceEntry ? ', `~` (none)' : ''} or a namespace name.`;
}

/** A DestinationRule with a workloadSelector applies to workloads of its own namespace only. */
function checkSelectorScope(accepted: Map<string, Spanned<string>>, namespace: string, report: DocumentRuleContext['report']): void {
  if (accepted.size === 0) return;
  // With an unwritten namespace (`.`), a named entry may or may not be the own namespace.
  const others = [...accepted.entries()].filter(([key]) => key !== namespace && (namespace !== '.' || key === '*'));
  if (others.length === 0) return;
  const own = namespace === '.' ? 'its own namespace' : `its own namespace \`${namespace}\``;
  const message = accepted.has(namespace)
    ? `A DestinationRule with a \`workloadSelector\` may only be exported to ${own}: remove this entry.`
    : `A DestinationRule with a \`workloadSelector\` cannot be exported beyond ${own}: use \`.\`.`;
  for (const [, entry] of others) {
    report({
      ...entry.span,
      code: 'IE207',
      message,
      data: accepted.has(namespace) ? { fix: 'remove-item', item: entry.value } : others.length === 1 ? { fix: 'replace', candidates: ['.'] } : undefined,
    });
  }
}
