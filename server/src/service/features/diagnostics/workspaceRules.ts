// Rules that read other resources through the workspace index. Each resource's results are
// cached with the versions of the index keys they read, and recomputed only when one moved.
import type { Resource, WorkspaceIndex } from '../../index/workspaceIndex';
import type { IndexView } from '../../index/queries';
import type { ServiceSettings } from '../../settings';
import type { Finding, Report } from './finding';
import { WORKSPACE_RULES } from './rules';

export interface WorkspaceRuleContext {
  resource: Resource;
  view: IndexView;
  report: Report;
}

/** One rule family: looks at one resource and may read any other through `view`. */
export type WorkspaceRule = (context: WorkspaceRuleContext) => void;

interface CrossMemo {
  settings: ServiceSettings;
  dependencies: Array<[string, number]>;
  findings: Finding[];
}

export function crossResourceFindings(index: WorkspaceIndex, resource: Resource, settings: ServiceSettings): readonly Finding[] {
  const memo = resource.crossMemo as CrossMemo | undefined;
  if (memo && memo.settings === settings && memo.dependencies.every(([key, version]) => index.keyVersion(key) === version)) return memo.findings;
  const dependencies = new Map<string, number>();
  const remembered = new Map<Resource, Map<string, unknown>>();
  const view: IndexView = {
    settings,
    lookup(key) {
      dependencies.set(key, index.keyVersion(key));
      return index.lookup(key);
    },
    shared(question, keys, compute) {
      for (const key of keys) dependencies.set(key, index.keyVersion(key));
      const versions = keys.map((key) => index.keyVersion(key));
      const known = index.sharedAnswers.get(question);
      if (known && known.versions.length === versions.length && known.versions.every((version, i) => version === versions[i])) {
        return known.value as ReturnType<typeof compute>;
      }
      const value = compute();
      index.sharedAnswers.set(question, { versions, value });
      return value;
    },
    remember(target, what, compute) {
      let facts = remembered.get(target);
      if (!facts) remembered.set(target, (facts = new Map()));
      if (!facts.has(what)) facts.set(what, compute());
      return facts.get(what) as ReturnType<typeof compute>;
    },
  };
  const findings: Finding[] = [];
  const report: Report = (finding) => findings.push(finding);
  for (const rule of WORKSPACE_RULES) rule({ resource, view, report });
  resource.crossMemo = { settings, dependencies: [...dependencies], findings } satisfies CrossMemo;
  return findings;
}

/** Whether a change to these keys can alter the resource's cross-resource findings. */
export function dependsOn(resource: Resource, changedKeys: ReadonlySet<string>): boolean {
  const memo = resource.crossMemo as CrossMemo | undefined;
  if (!memo) return true;
  return memo.dependencies.some(([key]) => changedKeys.has(key));
}
