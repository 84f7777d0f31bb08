// A throwaway home for one run: a copy of the fixture workspace (tests edit and save files), a fresh
// user-data directory with settings that keep VS Code quiet, and an empty extensions directory.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sandbox {
  root: string;
  workspace: string;
  userData: string;
  extensions: string;
  /** Where the suite writes its mocha counts (suite/index.ts). */
  report: string;
  dispose(): void;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'window.restoreWindows': 'none',
  // Word-based suggestions would mix words of the open files into the completion results under test.
  'editor.wordBasedSuggestions': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
};

export function createSandbox(fixtureWorkspace: string): Sandbox {
  // Short names: VS Code puts IPC sockets under the user-data directory, and macOS limits socket paths to ~100 bytes.
  const root = mkdtempSync(join(tmpdir(), 'ie-vsc-'));
  const workspace = join(root, 'ws');
  const userData = join(root, 'ud');
  const extensions = join(root, 'ext');
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions);
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return { root, workspace, userData, extensions, report: join(root, 'report.json'), dispose: () => rmSync(root, { recursive: true, force: true }) };
}
