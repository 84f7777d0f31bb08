// Installs what the end-to-end test needs, once, under .e2e/: Debian packages (see systemDeps.ts), Node headers
// for node-gyp, a seeded ripgrep download, and code-server from the npm registry. Offline-safe: only the npm
// registry and apt are used, never github.com or nodejs.org.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CODE_SERVER_VERSION, CS_BIN, CS_DIR, CS_MARKER, E2E_DIR, E2E_TMP, VSCODE_RIPGREP_VERSION } from './paths';
import { ensureSystemPackages } from './systemDeps';
import { log } from './log';

/** Release asset @vscode/ripgrep 1.15.11 would download from GitHub; a file named `rg` at its root is enough. */
const RIPGREP_ASSETS: Record<string, string> = {
  x64: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz',
  arm64: 'ripgrep-v13.0.0-10-aarch64-unknown-linux-musl.tar.gz',
};

export async function ensureSetup(installSystemDeps: boolean): Promise<void> {
  const installed = existsSync(CS_MARKER);
  ensureSystemPackages({ needBuildTools: !installed, installRequested: installSystemDeps });
  if (installed) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${CS_DIR}`);
    return;
  }
  const started = Date.now();
  mkdirSync(E2E_TMP, { recursive: true });
  const nodedir = nodeHeadersDir();
  seedRipgrepCache();
  installCodeServer(nodedir);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

/** node-gyp downloads headers from nodejs.org unless told where they are: next to node, or from the npm registry. */
function nodeHeadersDir(): string {
  const prefix = dirname(dirname(process.execPath));
  if (existsSync(join(prefix, 'include', 'node', 'node.h'))) return prefix;
  const dir = join(E2E_DIR, 'nodehdr');
  const unpacked = join(dir, 'package');
  if (existsSync(join(unpacked, 'include', 'node', 'node.h'))) return unpacked;
  // The registry's node-linux-<arch> package is the full Node distribution, headers included.
  const spec = `node-linux-${process.arch}@${process.versions.node}`;
  log(`fetching Node headers: npm pack ${spec}`);
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['pack', spec], { cwd: dir, env: npmEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${spec} wrote no tarball in ${dir}`);
  execFileSync('tar', ['xzf', tarball], { cwd: dir });
  return unpacked;
}

/** @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<version>/ before going to GitHub. */
function seedRipgrepCache(): void {
  const asset = RIPGREP_ASSETS[process.arch];
  if (!asset) throw new Error(`no ripgrep asset name known for ${process.arch}`);
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('rg not found on PATH (Debian package ripgrep)');
  const cache = join(E2E_TMP, `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  mkdirSync(cache, { recursive: true });
  execFileSync('tar', ['czf', join(cache, asset), '-C', dirname(rg), 'rg']);
}

function installCodeServer(nodedir: string): void {
  // A half-finished install (an interrupted postinstall) is not resumable: npm would skip the scripts.
  rmSync(CS_DIR, { recursive: true, force: true });
  mkdirSync(CS_DIR, { recursive: true });
  writeFileSync(join(CS_DIR, 'package.json'), JSON.stringify({ name: 'e2e-code-server', private: true }, null, 2));
  const logFile = join(E2E_DIR, 'cs-install.log');
  log(`npm install code-server@${CODE_SERVER_VERSION} (native modules build from source; log: ${logFile})`);
  const env = {
    ...npmEnv(),
    TMPDIR: E2E_TMP,
    npm_config_nodedir: nodedir,
    npm_config_devdir: join(E2E_DIR, 'node-gyp'),
    // code-server's postinstall refuses to run as root without it (npm 11 warns it is unknown; the script reads it).
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`, which must not stop at a prompt.
    npm_config_yes: 'true',
  };
  const args = ['install', '--no-audit', '--no-fund', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`];
  const result = spawnSync('sh', ['-c', 'exec npm "$@" >"$0" 2>&1', logFile, ...args], { cwd: CS_DIR, env, stdio: 'inherit' });
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n');
    throw new Error(`npm install code-server failed (exit ${result.status ?? result.signal}); end of ${logFile}:\n${tail}`);
  }
  const version = execFileSync(CS_BIN, ['--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(E2E_TMP, 'xdg-config'), XDG_DATA_HOME: join(E2E_TMP, 'xdg-data') } });
  // Its first run also logs that it wrote a default config file; the version is on a line of its own.
  if (!version.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) throw new Error(`code-server --version says ${version.trim()}`);
  writeFileSync(CS_MARKER, version);
}

/**
 * The environment of `npm run` leaks its own settings (npm_config_local_prefix points at this repository, for one)
 * into nested npm calls; keep only those describing how to reach the registry.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cafile|ca|cache|userconfig|globalconfig|strict_ssl|https?_proxy|proxy|noproxy)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.test(key)));
}
