// Where the VS Code desktop build for the extension-host tests comes from: VSCODE_EXECUTABLE when set,
// else a copy @vscode/test-electron downloads (or finds already downloaded in .vscode-test/).
// A machine that has neither gets an answer saying so, never a silent skip.
import { downloadAndUnzipVSCode } from '@vscode/test-electron';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Pinned so runs are repeatable; it must satisfy `engines.vscode` (^1.91.0). Override with VSCODE_TEST_VERSION. */
export const DEFAULT_VSCODE_VERSION = '1.100.3';

/** No data for this long means the network is not there: give up rather than hang. */
const DOWNLOAD_IDLE_TIMEOUT_MS = 10_000;

export type VSCodeChoice =
  | { kind: 'found'; executable: string; origin: string }
  /** No VS Code on this machine and none downloadable: the tests cannot run here. */
  | { kind: 'unavailable'; reason: string }
  /** VSCODE_EXECUTABLE is set but wrong: a mistake to fix, not a machine limit. */
  | { kind: 'invalid'; reason: string };

export async function chooseVSCode(root: string, env: NodeJS.ProcessEnv = process.env): Promise<VSCodeChoice> {
  const named = env.VSCODE_EXECUTABLE;
  if (named) {
    if (!existsSync(named) || !statSync(named).isFile()) return { kind: 'invalid', reason: `VSCODE_EXECUTABLE=${named} is not a file` };
    const executable = electronBehindCli(named);
    return { kind: 'found', executable, origin: `VSCODE_EXECUTABLE=${named}${executable === named ? '' : ` (runs ${executable})`}` };
  }
  const version = env.VSCODE_TEST_VERSION || DEFAULT_VSCODE_VERSION;
  try {
    const executable = await downloadAndUnzipVSCode({ version, cachePath: join(root, '.vscode-test'), timeout: DOWNLOAD_IDLE_TIMEOUT_MS });
    return { kind: 'found', executable, origin: `VS Code ${version} from @vscode/test-electron (.vscode-test/)` };
  } catch (error) {
    return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The `code` command on PATH is a launcher script (`<install>/bin/code`, `code.cmd`), which detaches from the
 * window it opens; the tests need the Electron binary itself, whose exit status is the suite's result.
 * Map the usual layouts back to it; anything else is taken as the binary already.
 */
export function electronBehindCli(path: string): string {
  const real = realpathSync(path);
  if (basename(dirname(real)) !== 'bin') return real;
  const install = dirname(dirname(real));
  const name = basename(real).replace(/\.cmd$/i, '');
  const candidates = [
    join(install, name), // Linux: /usr/share/code/bin/code → /usr/share/code/code
    ...listFiles(install).filter((file) => /\.exe$/i.test(file)), // Windows: bin\code.cmd → Code.exe
    join(install, '..', '..', 'MacOS', 'Electron'), // macOS: Contents/Resources/app/bin/code → Contents/MacOS/Electron
    join(install, '..', '..', 'MacOS', 'Code'),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? real;
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).map((entry) => join(dir, entry));
  } catch {
    return [];
  }
}
