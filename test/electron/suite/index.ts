// What VS Code calls (--extensionTestsPath) once the extension under development is loaded: run the bundled
// *.test.js files beside this one with mocha. A rejection makes VS Code exit non-zero, which fails the run.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// It checks that nothing activated the extension before it opens the first YAML file, so it must go first.
const FIRST = 'activation.test.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: true, timeout: 60_000 });
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b));
  if (!files.length) return Promise.reject(new Error(`No *.test.js files in ${__dirname}: the suite was not built`));
  for (const file of files) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      // `let`: should mocha ever call back synchronously, the report is skipped instead of throwing.
      let runner: Mocha.Runner | undefined = undefined;
      runner = mocha.run((failures) => {
        writeReport(runner?.stats);
        if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}

/**
 * Proof for runTest.ts that the suite really ran: VS Code exiting 0 alone could also mean a wrong executable
 * that never loaded the tests.
 */
function writeReport(stats: Mocha.Stats | undefined): void {
  const path = process.env.ISTIO_EGRESS_SUITE_REPORT;
  if (path && stats) writeFileSync(path, JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending }));
}
