// `istio-egress check`: config, inputs, one workspace, fixes, report, exit status.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createLanguageService } from '../service';
import { applySafeFixes, fileReports, loadWorkspace } from './analyse';
import { findConfig, loadConfig, type LoadedConfig } from './config';
import { describeFsError, EXIT, UsageError } from './errors';
import { fixesDiff, writeFixes } from './fix';
import { formatCodes } from './format/codes';
import { formatHuman } from './format/human';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { collectInputs } from './inputs';
import type { CheckOptions } from './options';
import { applyFlags } from './overrides';
import { findGitRoot } from './paths';
import { readSourceFile, readStdin, type SourceFile } from './read';
import { findingsStatus, summarize, type Notices, type Report, type SkippedFile } from './report';

function loadSettingsFile(options: CheckOptions, cwd: string, root: string | undefined): LoadedConfig {
  const path = typeof options.config === 'string' ? resolve(cwd, options.config) : options.config === false ? undefined : findConfig(cwd, root);
  return path ? loadConfig(path, cwd) : { settings: {}, exclude: [], warnings: [] };
}

function checkArguments(inputs: readonly string[], options: CheckOptions): void {
  if (options.stdinFilename && !inputs.includes('-')) throw new UsageError('--stdin-filename names the text read from standard input: add - to the inputs.');
  if (options.fix && inputs.includes('-')) {
    throw new UsageError('--fix writes files and cannot write back to standard input; use --fix-dry-run to see the fixes as a diff.');
  }
  if (inputs.filter((input) => input === '-').length > 1) throw new UsageError('Standard input (-) can be read only once.');
}

/** Reads every input; standard input named by --stdin-filename takes the place of that file. */
async function readInputs(inputs: readonly string[], options: CheckOptions, cwd: string, config: LoadedConfig, maxKB: number, notices: Notices) {
  const excludes = { groups: [{ base: config.path ? dirname(config.path) : cwd, patterns: config.exclude }, { base: cwd, patterns: options.exclude }] };
  const collected = await collectInputs(inputs.length ? inputs : ['.'], cwd, excludes);
  notices.warnings.push(...collected.warnings);
  notices.errors.push(...collected.errors);
  const stdinPath = options.stdinFilename ? resolve(cwd, options.stdinFilename) : undefined;
  const results = collected.paths.filter((path) => path !== stdinPath).map((path) => readSourceFile(path, cwd, maxKB));
  if (collected.stdin) results.push(readStdin(stdinPath, cwd, maxKB));
  const sources: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const result of results) {
    if ('file' in result) sources.push(result.file);
    else if ('skipped' in result) skipped.push(result.skipped);
    else notices.errors.push(result.error);
  }
  return { sources, skipped };
}

function shouldColor(option: boolean | undefined, toFile: boolean): boolean {
  if (option !== undefined) return option;
  const env = process.env;
  if (toFile || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && !['0', 'false'].includes(env.FORCE_COLOR)) return true;
  return !!process.stdout.isTTY && env.TERM !== 'dumb';
}

function render(report: Report, options: CheckOptions, root: string, notices: Notices): string {
  if (options.format === 'json') return formatJson(report);
  if (options.format === 'sarif') return formatSarif(report, root, notices);
  return formatHuman(report, shouldColor(options.color, !!options.output));
}

function printNotices(notices: Notices, skipped: readonly SkippedFile[]): void {
  for (const warning of notices.warnings) process.stderr.write(`istio-egress: warning: ${warning}\n`);
  for (const file of skipped) process.stderr.write(`istio-egress: warning: ${file.display}: ${file.message}.\n`);
  for (const error of notices.errors) process.stderr.write(`istio-egress: error: ${error}\n`);
}

export async function runCheck(inputs: string[], options: CheckOptions): Promise<number> {
  if (options.listCodes) {
    process.stdout.write(formatCodes('human'));
    return EXIT.clean;
  }
  checkArguments(inputs, options);
  const cwd = process.cwd();
  const root = findGitRoot(cwd);
  const config = loadSettingsFile(options, cwd, root);
  const notices: Notices = { warnings: [...config.warnings], errors: [] };
  const service = createLanguageService(applyFlags(config.settings, options));
  const { sources, skipped } = await readInputs(inputs, options, cwd, config, service.settings.maxFileSizeKB, notices);
  if (!sources.length) {
    notices.errors.push('Nothing to check: no readable YAML file among the inputs.');
    printNotices(notices, skipped);
    return EXIT.usage;
  }
  const files = loadWorkspace(service, sources);
  const fixMode = options.fix ? 'write' : options.fixDryRun ? 'dry-run' : 'none';
  if (fixMode !== 'none') applySafeFixes(service, files, options.minSeverity);
  const report: Report = { files: fileReports(service, files, options.minSeverity), skipped, resources: service.indexedResourceCount(), shown: options.minSeverity, fixMode };
  if (fixMode === 'write') notices.errors.push(...writeFixes(files));
  if (fixMode === 'dry-run') {
    // A JSON or SARIF report on stdout keeps stdout to itself: the diff goes to stderr then.
    const diff = fixesDiff(files);
    (options.format !== 'human' && !options.output ? process.stderr : process.stdout).write(diff);
  }
  const output = render(report, options, root ?? cwd, notices);
  if (options.output) {
    try {
      writeFileSync(resolve(cwd, options.output), output);
    } catch (error) {
      notices.errors.push(`Cannot write ${options.output}: ${describeFsError(error)}.`);
    }
  } else {
    process.stdout.write(output);
  }
  printNotices(notices, skipped);
  if (notices.errors.length) return EXIT.usage;
  return findingsStatus(summarize(report), options.failOn, options.maxWarnings);
}
