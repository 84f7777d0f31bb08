// End-to-end test in a real VS Code workbench: installs what it needs (setup.ts), starts a fresh code-server
// with our .vsix and a copy of test/e2e/workspace, drives Debian's Chromium through playwright-core, runs the
// scenarios in order and exits non-zero if any fails.
//
//   npm run test:e2e [-- --install-system-deps] [--setup-only] [--only completion,hover] [--update-screenshots]
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import { log } from './log';
import { README_SCREENSHOTS, VSIX } from './paths';
import { ensureSetup } from './setup';
import { completion } from './scenarios/completion';
import { diagnostic } from './scenarios/diagnostic';
import { hover } from './scenarios/hover';
import { quickFix } from './scenarios/quickFix';
import { scaffoldInteractive, scaffoldWithArgs } from './scenarios/scaffold';
import type { Scenario } from './scenarios/types';
import { launchBrowser, Workbench } from './workbench';

const SCENARIOS: Scenario[] = [completion, hover, diagnostic, quickFix, scaffoldInteractive, scaffoldWithArgs];
const SCENARIO_TIMEOUT_MS = 120_000;
/** The screenshots the README shows (client/assets/screenshots/). */
const README_IMAGES = ['completion.png', 'hover.png', 'diagnostic.png', 'quickfix.png', 'scaffold-prompt.png', 'scaffold.png'];

interface Outcome {
  name: string;
  ok: boolean;
  seconds: number;
  screenshots: string[];
  error?: string;
}

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',') : undefined;

let server: CodeServer | undefined;
let browser: Browser | undefined;

async function main(): Promise<number> {
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings[label] = (Date.now() - started) / 1000;
    }
  };

  try {
    await timed('setup', () => ensureSetup(flag('--install-system-deps')));
  } catch (error) {
    console.error(`e2e setup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (flag('--setup-only')) return 0;
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` (npm run test:e2e does)`);

  const cs = await timed('code-server start (incl. vsix install)', startCodeServer);
  server = cs;
  const screenshots = join(cs.runDir, 'screenshots');
  mkdirSync(screenshots, { recursive: true });
  const wb = await timed('browser + workbench ready', async () => {
    browser = await launchBrowser(cs.xdgEnv);
    return Workbench.open(browser, cs.url, 'egress');
  });
  wb.page.on('pageerror', (error) => log('page error:', error.message));

  const outcomes: Outcome[] = [];
  for (const scenario of SCENARIOS.filter((s) => !only || only.some((name) => s.name.startsWith(name)))) {
    log(`▶ ${scenario.name}`);
    const started = Date.now();
    const outcome: Outcome = { name: scenario.name, ok: false, seconds: 0, screenshots: [] };
    try {
      await withTimeout(
        scenario.run({
          wb,
          note: (message) => log(`  ${scenario.name}: ${message}`),
          screenshot: async (name = scenario.screenshot) => {
            const file = join(screenshots, name);
            // Finish CSS fade-ins (hovers, menus) so nothing is captured half transparent.
            await wb.page.screenshot({ path: file, animations: 'disabled' });
            outcome.screenshots.push(file);
          },
        }),
        SCENARIO_TIMEOUT_MS,
      );
      outcome.ok = true;
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
      const failure = join(screenshots, `failure-${scenario.screenshot}`);
      await wb.page.screenshot({ path: failure }).catch(() => undefined);
      log(`  ${scenario.name} FAILED: ${outcome.error}\n  (screen: ${failure})`);
      // Leave menus and pickers closed for the next scenario.
      for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape').catch(() => undefined);
    }
    outcome.seconds = (Date.now() - started) / 1000;
    outcomes.push(outcome);
    log(`${outcome.ok ? '✔' : '✘'} ${scenario.name} (${outcome.seconds.toFixed(1)}s)`);
  }

  report(outcomes, timings, cs.runDir);
  if (flag('--update-screenshots')) updateReadmeScreenshots(outcomes);
  return outcomes.every((o) => o.ok) && outcomes.length > 0 ? 0 : 1;
}

function report(outcomes: Outcome[], timings: Record<string, number>, runDir: string): void {
  const total = Object.values(timings).reduce((a, b) => a + b, 0) + outcomes.reduce((a, o) => a + o.seconds, 0);
  console.log('\nE2E results');
  for (const [label, seconds] of Object.entries(timings)) console.log(`  ${seconds.toFixed(1).padStart(6)}s  ${label}`);
  for (const o of outcomes) console.log(`  ${o.seconds.toFixed(1).padStart(6)}s  ${o.ok ? 'PASS' : 'FAIL'}  ${o.name}${o.error ? ` — ${o.error.split('\n')[0]}` : ''}`);
  console.log(`  ${total.toFixed(1).padStart(6)}s  total`);
  console.log(`  run dir: ${runDir} (screenshots/, code-server.log, data/logs/)`);
  writeFileSync(join(runDir, 'results.json'), JSON.stringify({ timings, outcomes, total }, null, 2));
}

/** Copies the screenshots of passing scenarios to where the README shows them (only when asked: they are committed). */
function updateReadmeScreenshots(outcomes: Outcome[]): void {
  mkdirSync(README_SCREENSHOTS, { recursive: true });
  for (const file of outcomes.filter((o) => o.ok).flatMap((o) => o.screenshots)) {
    const name = basename(file);
    if (!README_IMAGES.includes(name)) continue;
    copyFileSync(file, join(README_SCREENSHOTS, name));
    log(`README screenshot updated: ${name}`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function shutdown(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}

// Ctrl+C or a CI cancel: still stop the code-server we started (it runs in its own process group).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void shutdown().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await shutdown();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    console.error('e2e failed:', error instanceof Error ? error.stack : error);
    await shutdown();
    process.exitCode = 1;
  });
