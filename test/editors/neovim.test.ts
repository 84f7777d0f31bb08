// Neovim, configured as README.md "Other editors" says (fixtures/nvim/init.lua), with the built server: it opens a
// broken file of a workspace, shows the server's diagnostics (one of them found through a file it never opened, one
// with the severity the configuration's settings give it) and offers the server's completions.
// Run by `npm run test:editors` (CI: .ci/run), not by `npm test`; `nvim` must be installed.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { editorSuite, FIXTURES, runEditor, tail, TIMEOUT_MS } from './support';

interface NvimReport {
  nvim: string;
  api: string;
  lsp_log?: string;
  error?: string;
  filetype?: string;
  client?: { name: string; root_dir: string };
  statuses?: Array<{ state: string; resources: number; files: number }>;
  diagnostics?: Array<{ lnum: number; col: number; end_lnum: number; end_col: number; severity: number; code: string; source: string; message: string }>;
  completion?: Array<{ label: string; kind?: number; newText?: string }>;
}

/** vim.diagnostic.severity */
const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

describe('Neovim with the README configuration', function () {
  this.timeout(2 * TIMEOUT_MS + 30_000);
  const suite = editorSuite('nvim', 'neovim');

  it('shows the diagnostics and the completions of the server', () => {
    const workspace = suite.workspace();
    const version = suite.version();
    const harness = path.join(FIXTURES, 'nvim', 'harness.lua');
    const { run, report, elapsed, summary, expected } = runEditor<NvimReport>(workspace, 'nvim', ['--headless', '--clean', '-n', '-u', harness, workspace.file()]);
    const explain = () =>
      `${version}: ${summary}\nreport: ${JSON.stringify(report, null, 2)}\nstdout/stderr: ${run.stdout}${run.stderr}\n` +
      `Neovim's LSP log:\n${tail(report?.lsp_log)}`;
    assert.ok(report, `Neovim wrote no report.\n${explain()}`);
    assert.equal(report.error, undefined, `the Neovim harness failed.\n${explain()}`);
    assert.equal(run.status, 0, explain());

    // The configuration started the client on the YAML buffer, rooted at the folder with the .git,
    assert.equal(report.filetype, 'yaml');
    assert.deepEqual(report.client, { name: 'istio_egress', root_dir: workspace.root }, explain());
    // and the server indexed that folder: both files, the unopened one included.
    assert.ok(report.statuses?.some((status) => status.state === 'ready' && status.files === 2), `no ready status with the 2 files of the workspace.\n${explain()}`);

    assert.deepEqual(
      report.diagnostics?.map((d) => ({ code: d.code, line: d.lnum, start: d.col, end: d.end_col, severity: SEVERITY[d.severity] })),
      expected.diagnostics,
      explain(),
    );
    for (const diagnostic of report.diagnostics!) {
      assert.equal(diagnostic.source, 'istio-egress');
      assert.match(diagnostic.message, expected.messages[diagnostic.code]);
    }

    // The enum values of `resolution`, each replacing the value.
    assert.deepEqual(report.completion?.map((item) => item.label).sort(), expected.completion, explain());
    for (const item of report.completion!) assert.equal(item.newText, item.label);
    console.log(`      ${version} through ${report.api}: ${elapsed} ms`);
  });
});
