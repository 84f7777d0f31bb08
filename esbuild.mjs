// Bundles the extension client, the language server and the command line into single files.
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: false,
  minify: false,
  logLevel: 'info',
};

const builds = [
  // The client runs inside VS Code, which provides the `vscode` module.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // The server must run with nothing else on disk: no externals.
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  {
    ...common,
    entryPoints: ['server/src/cli/index.ts'],
    outfile: 'server/out/cli.js',
    // tinyglobby's ES module build (chosen for an `import`) reads import.meta.url, which a CommonJS
    // bundle lacks: give it this file's URL.
    banner: { js: "#!/usr/bin/env node\n'use strict';\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    // The CLI reports its version (--version, SARIF) without reading package.json at run time.
    define: {
      'import.meta.url': '__importMetaUrl',
      __ISTIO_EGRESS_VERSION__: JSON.stringify(manifest.version),
      __ISTIO_EGRESS_HOMEPAGE__: JSON.stringify(manifest.homepage ?? manifest.repository?.url ?? 'https://istio.io/'),
    },
  },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
