// Runs the bundled command line (`node server/out/cli.js`) as a process, as CI would.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI_PATH = path.join(REPO_ROOT, 'server', 'out', 'cli.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'cli', 'fixtures');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory: a folder of test/cli/fixtures by name, or an absolute path. */
  cwd?: string;
  /** Text piped to standard input. */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
}

/** Runs `node server/out/cli.js …args`; colour is off unless the test's env turns it on. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const cwd = options.cwd ? path.resolve(FIXTURES, options.cwd) : FIXTURES;
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { cwd, input: options.input ?? '', env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh copy of a fixture folder (or an empty folder) in the system's temp directory. */
export function tempCopy(fixture?: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'istio-egress-cli-'));
  if (fixture) cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `body` in a temporary copy of a fixture folder (or an empty folder), removed afterwards. */
export function inTempCopy<T>(fixture: string | undefined, body: (dir: string) => T): T {
  const copy = tempCopy(fixture);
  try {
    return body(copy.dir);
  } finally {
    copy.remove();
  }
}

/** `file:line:col severity code` of each finding line of the human format. */
export function findingHeads(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => /^(\S+:\d+:\d+ (?:error|warning|info|hint) IE\d+) /.exec(line)?.[1])
    .filter((head): head is string => !!head);
}
