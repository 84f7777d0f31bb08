// A fresh code-server per run: its own port, user data, extensions and XDG dirs under .e2e/runs/<id>, our .vsix
// installed into it, and a copy of the fixture workspace. Stopped by the process group we created for it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CS_BIN, FIXTURE_WORKSPACE, RUNS_DIR, VSIX } from './paths';
import { log } from './log';

export interface CodeServer {
  /** The workbench URL with the fixture workspace open. */
  url: string;
  runDir: string;
  workspaceDir: string;
  /** Environment keeping a process's config and cache writes inside the run dir (for the browser too). */
  xdgEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Keybindings of the run: one drives the scaffold command with arguments, as automation would. */
export const SCAFFOLD_KEY = 'ctrl+alt+shift+e';
/** The same key as Playwright writes it. */
export const SCAFFOLD_PRESS = 'Control+Alt+Shift+E';
export const SCAFFOLD_ARGS = { host: 'httpbin.org', mode: 'http', target: 'untitled' };

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // Only Ctrl+Space opens the suggest widget, so the test decides when it appears.
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  // The workspace lives inside this repository's checkout: no "open the parent repository?" notification.
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
};

export async function startCodeServer(): Promise<CodeServer> {
  pruneOldRuns(5);
  const runDir = join(RUNS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  const dataDir = join(runDir, 'data');
  const extensionsDir = join(runDir, 'extensions');
  const workspaceDir = join(runDir, 'workspace');
  mkdirSync(join(dataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  writeFileSync(
    join(dataDir, 'User', 'keybindings.json'),
    JSON.stringify([{ key: SCAFFOLD_KEY, command: 'istioEgress.newEgressRoute', args: SCAFFOLD_ARGS }], null, 2),
  );
  cpSync(FIXTURE_WORKSPACE, workspaceDir, { recursive: true });
  // code-server writes config.yaml and logs into the XDG dirs even for --install-extension.
  const xdgEnv = { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg-config'), XDG_DATA_HOME: join(runDir, 'xdg-data'), XDG_CACHE_HOME: join(runDir, 'xdg-cache') };
  const dirs = ['--user-data-dir', dataDir, '--extensions-dir', extensionsDir];

  const installed = execFileSync(CS_BIN, [...dirs, '--install-extension', VSIX], { encoding: 'utf8', env: xdgEnv });
  if (!/successfully installed/i.test(installed)) throw new Error(`installing ${VSIX} failed:\n${installed}`);
  log('vsix installed into', extensionsDir);

  // Another process may take the free port between our probe and code-server's bind: try again with a new one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const child = await spawnCodeServer(port, dirs, workspaceDir, runDir, xdgEnv);
      const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspaceDir)}`;
      return { url, runDir, workspaceDir, xdgEnv, stop: () => stopProcessGroup(child) };
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
      log(`port ${port} was taken, retrying`);
    }
  }
}

function spawnCodeServer(port: number, dirs: string[], workspaceDir: string, runDir: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    ...dirs,
    workspaceDir,
  ];
  // Its own process group, so stopping it also stops the extension host and our language server under it.
  const child = spawn(CS_BIN, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(join(runDir, 'code-server.log'));
  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stopProcessGroup(child);
      reject(new Error(`code-server did not listen within 60s:\n${output}`));
    }, 60_000);
    timer.unref();
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('HTTP server listening on')) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        clearTimeout(timer);
        log(`code-server ${child.pid} listening on 127.0.0.1:${port}`);
        resolvePromise(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  // Children that outlive the leader (an extension host finishing its shutdown) get the same treatment.
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

/** Runs keep their logs and screenshots for inspection; only the newest few are kept. */
function pruneOldRuns(keep: number): void {
  let names: string[];
  try {
    names = readdirSync(RUNS_DIR).sort();
  } catch {
    return;
  }
  for (const name of names.slice(0, Math.max(0, names.length - keep))) rmSync(join(RUNS_DIR, name), { recursive: true, force: true });
}
