// Shared by the editor tests: the built server, a throw-away copy of the fixture workspace, the editor binaries
// (a missing one fails the test: these suites exist to prove the server in that editor), and what they report.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SERVER_PATH } from '../support/lspClient';

export { SERVER_PATH };
export const FIXTURES = path.join(__dirname, 'fixtures');
/** The file the editors open: three documents, one mistake each (the last one cross-file). */
export const OPENED_FILE = 'egress.yaml';

/** How long an editor may wait for the server (twice that and it is killed). */
export const TIMEOUT_MS = 60_000;

/**
 * The hooks of an editor's suite: the built server and the editor must be there (else the suite fails, saying how to
 * install it), and each test gets a fresh workspace, removed after it.
 */
export function editorSuite(binary: string, debianPackages: string) {
  let version = '';
  let current: TempWorkspace | undefined;
  before(() => {
    requireServer();
    version = requireEditor(binary, debianPackages);
  });
  afterEach(() => {
    current?.dispose();
    current = undefined;
  });
  return {
    /** The first line of `<binary> --version`. */
    version: () => version,
    workspace: () => (current = new TempWorkspace()),
  };
}

export function requireServer(): void {
  if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} does not exist: run \`npm run build\` (npm run test:editors does).`);
}

/** The first line of `<binary> --version`; throws, saying how to install it, when the editor is not there. */
export function requireEditor(binary: string, debianPackages: string): string {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) {
    throw new Error(
      `\`${binary}\` is needed by the editor tests and could not be run (${result.error?.message ?? `exit ${result.status}`}).\n` +
        `Install it with \`apt-get install -y --no-install-recommends ${debianPackages}\` (as root, or with sudo), or run .ci/run, which installs it.`,
    );
  }
  return result.stdout.split('\n')[0].trim();
}

/**
 * A copy of fixtures/workspace in the system temp folder, made a git repository so that the configurations' "nearest
 * folder with a .git" root is this folder (inside this repository it would be this repository).
 * Also holds the editor's home and XDG folders, and its report.
 */
export class TempWorkspace {
  readonly base = realpathSync(mkdtempSync(path.join(tmpdir(), 'istio-egress-editors-')));
  readonly root = path.join(this.base, 'workspace');
  readonly home = path.join(this.base, 'home');
  readonly report = path.join(this.base, 'report.json');

  constructor() {
    cpSync(path.join(FIXTURES, 'workspace'), this.root, { recursive: true });
    mkdirSync(this.home);
    // A real repository where git exists (Emacs's project.el asks git for the files to watch); else just the marker.
    const git = spawnSync('git', ['init', '-q', this.root], { encoding: 'utf8', env: this.env({}) });
    if (git.error || git.status !== 0) mkdirSync(path.join(this.root, '.git'), { recursive: true });
  }

  file(name = OPENED_FILE): string {
    return path.join(this.root, name);
  }

  text(name = OPENED_FILE): string {
    return readFileSync(this.file(name), 'utf8');
  }

  /** An environment that keeps the editor away from the user's configuration, state and caches. */
  env(extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, 'config'),
      XDG_DATA_HOME: path.join(this.home, 'data'),
      XDG_STATE_HOME: path.join(this.home, 'state'),
      XDG_CACHE_HOME: path.join(this.home, 'cache'),
      ...extra,
    };
  }

  readReport<T>(): T | undefined {
    return existsSync(this.report) ? (JSON.parse(readFileSync(this.report, 'utf8')) as T) : undefined;
  }

  dispose(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}

/**
 * Runs an editor's harness in the workspace until it exits (killed after twice TIMEOUT_MS) and reads its report. The
 * harness learns from the environment the server, the file to open, where to complete, its time limit and where to
 * write the report. Also returns what the report should say.
 */
export function runEditor<T>(workspace: TempWorkspace, binary: string, args: string[]) {
  const expected = expectations(workspace.text());
  const { line, character } = expected.completeAt;
  const env = {
    ISTIO_EGRESS_SERVER: SERVER_PATH,
    ISTIO_EGRESS_FILE: workspace.file(),
    ISTIO_EGRESS_COMPLETE_AT: `${line}:${character}`,
    ISTIO_EGRESS_TIMEOUT_MS: String(TIMEOUT_MS),
    ISTIO_EGRESS_OUT: workspace.report,
  };
  const started = Date.now();
  const run: SpawnSyncReturns<string> = spawnSync(binary, args, {
    cwd: workspace.root,
    env: workspace.env(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 2 * TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const elapsed = Date.now() - started;
  const report = workspace.readReport<T>();
  const summary = `${binary} exited with ${run.status ?? run.signal} after ${elapsed} ms${run.error ? ` (${run.error.message})` : ''}`;
  return { run, report, elapsed, summary, expected };
}

/**
 * What the editors must show for fixtures/workspace/egress.yaml (`text`), with the settings of both configurations
 * (IE111 made a warning), and where to ask for completions.
 */
export function expectations(text: string) {
  const resolution = locate(text, 'resolution: MESH_EXTERNAL');
  const value = { line: resolution.line, character: resolution.character + 'resolution: '.length };
  const kind = locate(text, 'kind: Destination');
  const subset = locate(text, 'subset: v2');
  return {
    completeAt: value,
    diagnostics: [
      { code: 'IE122', line: value.line, start: value.character, end: value.character + 'MESH_EXTERNAL'.length, severity: 'error' },
      // An error by default: the settings of the configuration make it a warning.
      { code: 'IE111', line: kind.line, start: kind.character + 'kind: '.length, end: kind.character + 'kind: Destination'.length, severity: 'warning' },
      // Cross-file: the DestinationRule is in destinationrule.yaml, which the editor never opens.
      { code: 'IE301', line: subset.line, start: subset.character + 'subset: '.length, end: subset.character + 'subset: v2'.length, severity: 'error' },
    ],
    /** The messages reach the editor (their wording is the LSP and unit tests' business). */
    messages: {
      IE122: /`MESH_EXTERNAL`/,
      IE111: /`DestinationRule`/,
      IE301: /`v2`/,
    } as Record<string, RegExp>,
    /** textDocument/completion on the value of `resolution`: its enum values. */
    completion: ['DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS', 'NONE', 'STATIC'],
  };
}

/** Zero-based line of the first line containing `needle`, and the column where `needle` starts. */
export function locate(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes(needle));
  if (line < 0) throw new Error(`the fixture has no line with ${JSON.stringify(needle)}`);
  return { line, character: lines[line].indexOf(needle) };
}

/** The end of a log file, for failure messages. */
export function tail(file: string | undefined, lines = 30): string {
  if (!file || !existsSync(file)) return '(no log file)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
