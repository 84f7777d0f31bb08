// Cross-resource rules must stay near-linear: a thousand egress routes share the egress gateway's
// host, and a rule that reads "every VirtualService routing to the gateway" per resource turns
// opening such a workspace into minutes. This counts the index's work (lookups and the resources
// they return) rather than time, so it is deterministic.
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/service';
import { WorkspaceIndex } from '../../../server/src/service/index/workspaceIndex';
import { hostDocuments, hostSpec } from '../../bench/generate';

function indexWork(hosts: number): number {
  const original = WorkspaceIndex.prototype.lookup;
  let work = 0;
  WorkspaceIndex.prototype.lookup = function (this: WorkspaceIndex, key: string) {
    const found = original.call(this, key);
    work += 1 + found.length;
    return found;
  };
  try {
    const docs: string[] = [];
    for (let i = 1; i <= hosts; i++) docs.push(...hostDocuments(hostSpec(i)));
    const diagnostics = createLanguageService().doValidation(TextDocument.create('file:///egress.yaml', 'yaml', 1, docs.join('---\n')));
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 4).map((d) => d.code), []);
  } finally {
    WorkspaceIndex.prototype.lookup = original;
  }
  return work;
}

describe('cross-resource rules scale with the workspace', () => {
  it('doubling the egress routes sharing one gateway at most doubles the index work (plus slack)', () => {
    const small = indexWork(40);
    const large = indexWork(160);
    // Linear would be 4×; quadratic 16×. Allow some fixed overhead either way.
    assert.ok(large / small < 6, `index work grew ${(large / small).toFixed(1)}× for 4× the routes (${small} → ${large})`);
  });
});
