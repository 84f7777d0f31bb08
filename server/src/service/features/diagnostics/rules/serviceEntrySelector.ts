// ServiceEntry workloadSelector (IE223–IE225): the backends are the selected workloads, so the
// selector needs labels, labels need keys, and NONE resolution has no use for it.
import { isScalar, type Node, type Pair } from 'yaml';
import { keyText } from '../../../parse/yamlPath';
import type { EntryContext } from './serviceEntryModel';

export function checkSelector({ read, spec, resolution, report, resolutionNote }: EntryContext): void {
  const key = read.keyOf(spec, 'workloadSelector');
  if (!key) return;
  const selector = read.child(spec, 'workloadSelector');
  const labels = read.map(read.child(selector, 'labels'));
  if (!labels || labels.items.length === 0) {
    report({
      ...key,
      code: 'IE224',
      message:
        'This workloadSelector has no labels, so it selects every pod and WorkloadEntry in the namespace as a backend of this ServiceEntry; ' +
        'Istio accepts it with a warning. Add `labels` naming the workloads, e.g. `app: my-service`.',
    });
  }
  for (const pair of (labels?.items ?? []) as Pair[]) {
    const name = keyText(pair);
    const value = read.string(pair.value as Node | null)?.value ?? '';
    if (name !== '' && !name.includes('*') && !value.includes('*')) continue;
    const span = isScalar(pair.key) && pair.key.range ? { start: pair.key.range[0], end: Math.max(pair.key.range[1], pair.key.range[0] + 1) } : key;
    report({
      ...span,
      code: 'IE225',
      message:
        name === ''
          ? 'A selector label needs a key: write `key: value`.'
          : 'Selector labels match exactly; `*` is not a wildcard here and Istio rejects it. Write the exact label key and value.',
    });
  }
  if (resolution === 'NONE') {
    report({
      ...key,
      code: 'IE223',
      message:
        'A workloadSelector picks backend workloads, but resolution NONE ignores backends and forwards to the address the application dialled; Istio warns about it. ' +
        'Set `resolution: STATIC` to send traffic to the selected workloads.',
      data: { fix: 'set-resolution', resolution: 'STATIC' },
      related: resolutionNote(),
    });
  }
}
