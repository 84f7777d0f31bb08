// The extension host loads plain JavaScript: bundle the suite (index.ts and every *.test.ts) into out/suite/.
// `vscode` is provided by the host; mocha stays external and resolves from the repository's node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SUITE = join(__dirname, 'suite');
const OUT = join(__dirname, 'out');

/** Returns the path VS Code gets as --extensionTestsPath. */
export async function buildSuite(): Promise<string> {
  const entryPoints = readdirSync(SUITE)
    .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
    .map((file) => join(SUITE, file));
  // Start clean so a deleted test file cannot keep running from a stale bundle.
  rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: join(OUT, 'suite'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(OUT, 'suite', 'index.js');
}
