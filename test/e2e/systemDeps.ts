// Debian packages the end-to-end test needs. Missing ones are installed only where that is clearly wanted
// (root on CI, or an explicit --install-system-deps); anywhere else the run stops and names them.
import { spawnSync } from 'node:child_process';
import { log } from './log';

/** Compilers and headers for code-server's native modules (node-gyp builds them all from source offline). */
const BUILD_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev'];
/** Needed at every run: the browser, and the `rg` that Quick Open's file search runs (and that seeds the install). */
const RUNTIME_PACKAGES = ['ripgrep', 'chromium'];
const ALL_PACKAGES = [...BUILD_PACKAGES, ...RUNTIME_PACKAGES];

function isInstalled(pkg: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

export interface SystemDepsOptions {
  /** code-server still has to be built, so the build packages are needed too. */
  needBuildTools: boolean;
  /** The user asked for apt to be run (--install-system-deps). */
  installRequested: boolean;
}

export function ensureSystemPackages({ needBuildTools, installRequested }: SystemDepsOptions): void {
  const wanted = needBuildTools ? ALL_PACKAGES : RUNTIME_PACKAGES;
  const missing = wanted.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  // Not root: a password-less sudo (common on CI runners) will do.
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  const onCi = /^(true|1)$/i.test(process.env.CI ?? '');
  if (!((isRoot || sudo) && (onCi || installRequested))) {
    const why = installRequested ? '--install-system-deps needs root or password-less sudo' : 'they are installed only on CI (CI=true) or with --install-system-deps';
    throw new Error(
      `missing Debian packages: ${missing.join(' ')} (${why}).\n` +
        `Install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  log(`apt: installing (missing: ${missing.join(' ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...ALL_PACKAGES]]) {
    const result = sudo ? spawnSync('sudo', ['-n', '-E', 'apt-get', ...args], { stdio: 'inherit', env }) : spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`apt-get ${args[0]} failed (exit ${result.status ?? result.signal})`);
  }
  const still = wanted.filter((pkg) => !isInstalled(pkg));
  if (still.length) throw new Error(`apt-get finished but these packages are still missing: ${still.join(' ')}`);
}
