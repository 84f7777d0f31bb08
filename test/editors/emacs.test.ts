// Emacs with Eglot, configured as README.md "Other editors" says (fixtures/emacs/init.el), with the built server:
// Flymake holds the server's diagnostics for a broken file (one found through a file Emacs never visited, one with
// the severity the configuration's settings give it) and completion-at-point offers the server's completions.
// Run by `npm run test:editors` (CI: .ci/run), not by `npm test`; `emacs` and Eglot must be installed.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { editorSuite, FIXTURES, runEditor, TIMEOUT_MS } from './support';

interface EmacsReport {
  emacs: string;
  eglot?: string;
  error?: string;
  server_output?: string;
  mode?: string;
  root?: string;
  statuses?: Array<{ state: string; resources: number; files: number }>;
  diagnostics?: Array<{ line: number; col: number; end_line: number; end_col: number; type: string; code: string; text: string }>;
  completion?: string[];
}

/** Eglot's Flymake diagnostic types. */
const SEVERITY: Record<string, string> = { 'eglot-error': 'error', 'eglot-warning': 'warning', 'eglot-note': 'note' };

describe('Emacs (Eglot) with the README configuration', function () {
  this.timeout(2 * TIMEOUT_MS + 30_000);
  const suite = editorSuite('emacs', 'emacs-nox elpa-eglot');

  it('shows the diagnostics (Flymake) and the completions (completion-at-point) of the server', () => {
    const workspace = suite.workspace();
    const version = suite.version();
    const harness = path.join(FIXTURES, 'emacs', 'harness.el');
    const { run, report, elapsed, summary, expected } = runEditor<EmacsReport>(workspace, 'emacs', ['--batch', '--no-site-file', '-l', harness]);
    const explain = () => {
      const { server_output: output, ...rest } = report ?? ({} as EmacsReport);
      return `${version}: ${summary}\nreport: ${JSON.stringify(rest, null, 2)}\nstdout/stderr: ${run.stdout}${run.stderr}\nEglot's buffers:\n${output ?? '(none)'}`;
    };
    assert.ok(report, `Emacs wrote no report.\n${explain()}`);
    assert.ok(report.eglot, `Eglot is not installed (apt-get install -y --no-install-recommends elpa-eglot).\n${explain()}`);
    assert.equal(report.error, undefined, `the Emacs harness failed.\n${explain()}`);
    assert.equal(run.status, 0, explain());

    // eglot-ensure connected the YAML buffer, in the project of the .git folder,
    assert.equal(report.mode, 'yaml-mode');
    assert.equal(report.root, workspace.root, explain());
    // and the server indexed that folder: both files, the unvisited one included.
    assert.ok(report.statuses?.some((status) => status.state === 'ready' && status.files === 2), `no ready status with the 2 files of the workspace.\n${explain()}`);

    assert.deepEqual(
      report.diagnostics?.map((d) => ({ code: d.code, line: d.line, start: d.col, end: d.end_col, severity: SEVERITY[d.type] ?? d.type })),
      expected.diagnostics,
      explain(),
    );
    for (const diagnostic of report.diagnostics!) {
      assert.ok(diagnostic.text.startsWith(`istio-egress [${diagnostic.code}]: `), diagnostic.text);
      assert.match(diagnostic.text, expected.messages[diagnostic.code]);
    }

    assert.deepEqual([...(report.completion ?? [])].sort(), expected.completion, explain());
    console.log(`      Emacs ${report.emacs} with ${report.eglot}: ${elapsed} ms`);
  });
});
