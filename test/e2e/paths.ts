// Where the end-to-end test keeps things, and the versions it pins. Everything it installs or writes at run
// time lives under `.e2e/` in the repository (ignored by git), so a second run reuses the first one's work.
import { join, resolve } from 'node:path';

/** code-server 4.100.3 bundles VS Code 1.100.3 and is the last release whose postinstall accepts Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep version code-server 4.100.3 pins; its postinstall looks for a cached download first. */
export const VSCODE_RIPGREP_VERSION = '1.15.11';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const E2E_DIR = join(REPO_ROOT, '.e2e');
export const CS_DIR = join(E2E_DIR, 'cs');
export const CS_BIN = join(CS_DIR, 'node_modules', '.bin', 'code-server');
/** Written only after a complete, verified install; its absence means "start the install from scratch". */
export const CS_MARKER = join(CS_DIR, `.installed-${CODE_SERVER_VERSION}`);
/** TMPDIR for the install: npm's scratch files and the ripgrep download cache we seed. */
export const E2E_TMP = join(E2E_DIR, 'tmp');
export const RUNS_DIR = join(E2E_DIR, 'runs');

export const VSIX = join(REPO_ROOT, 'istio-egress.vsix');
export const FIXTURE_WORKSPACE = join(__dirname, 'workspace');
/** The screenshots the README shows. */
export const README_SCREENSHOTS = join(REPO_ROOT, 'client', 'assets', 'screenshots');

export const CHROMIUM = '/usr/bin/chromium';
