// `npm run test:electron`: the suite in test/electron/suite, run by mocha inside a real VS Code desktop
// extension host with this repository as the extension under development.
//
// VS Code comes from VSCODE_EXECUTABLE (a local VS Code: its Electron binary or its `code` launcher), else from
// @vscode/test-electron's download (VS Code 1.100.3, or VSCODE_TEST_VERSION). A machine without either cannot run
// the suite: it says NOT RUN and exits 3, so no script or CI step can count it as passed.
//
// Exit status: 0 passed · 1 a test failed (or VS Code died) · 2 setup problem · 3 NOT RUN (no VS Code).
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSuite } from './buildSuite';
import { createSandbox } from './sandbox';
import { chooseVSCode } from './vscodeExecutable';

const ROOT = resolve(__dirname, '..', '..');
const EXIT = { passed: 0, failed: 1, setup: 2, notRun: 3 } as const;

async function main(): Promise<number> {
  // The extension under test is the built one (package.json `main`), so a missing bundle is a setup error.
  const missing = ['client/out/extension.js', 'server/out/server.js'].filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length) {
    console.error(`Missing ${missing.join(', ')}: run \`npm run build\` first (\`npm run test:electron\` does).`);
    return EXIT.setup;
  }
  // Bundled before looking for VS Code, so even a machine that cannot run the suite proves it still builds.
  const extensionTestsPath = await buildSuite();

  const vscode = await chooseVSCode(ROOT);
  if (vscode.kind === 'unavailable') {
    console.error(`VS Code could not be downloaded (${vscode.reason}); set VSCODE_EXECUTABLE to a local VS Code to run the extension-host tests. NOT RUN.`);
    return EXIT.notRun;
  }
  if (vscode.kind === 'invalid') {
    console.error(`${vscode.reason}; point it at a VS Code executable (e.g. /usr/share/code/code) or unset it to download one.`);
    return EXIT.setup;
  }
  console.log(`Extension-host tests with ${vscode.origin}`);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('No DISPLAY: VS Code needs a display server; on a headless machine run this under `xvfb-run -a`.');
  }

  const sandbox = createSandbox(join(__dirname, 'workspace'));
  try {
    await runTests({
      vscodeExecutablePath: vscode.executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [sandbox.workspace, '--disable-extensions', `--user-data-dir=${sandbox.userData}`, `--extensions-dir=${sandbox.extensions}`],
      extensionTestsEnv: {
        ISTIO_EGRESS_SUITE_REPORT: sandbox.report,
        // Set when this script is itself run by an Electron-as-Node process; inherited, it would start VS Code as plain Node.
        ELECTRON_RUN_AS_NODE: undefined,
      },
    });
    // Exit status 0 is not enough: an executable that never loaded the suite exits 0 too.
    const report = readReport(sandbox.report);
    if (!report || report.failures || !report.passes) {
      console.error(`VS Code exited 0 but the suite ${report ? `reported ${JSON.stringify(report)}` : 'never reported'}: not counted as passed. Kept ${sandbox.root}`);
      return EXIT.failed;
    }
    sandbox.dispose();
    console.log(`Extension-host tests passed: ${report.passes} passing, ${report.pending} pending.`);
    return EXIT.passed;
  } catch (error) {
    if (!(error instanceof TestRunFailedError)) throw error;
    // Kept for the logs: <user-data>/logs/*/exthost*/ and the window's renderer log.
    console.error(`Extension-host tests FAILED (${error.message}). Workspace, settings and logs kept in ${sandbox.root}`);
    return EXIT.failed;
  }
}

function readReport(path: string): { passes: number; failures: number; pending: number } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { passes: number; failures: number; pending: number };
  } catch {
    return undefined;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = EXIT.failed;
  },
);
