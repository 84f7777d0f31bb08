// Command line for CI: checks YAML files and directories with the same analysis as the editor.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { CODES, createLanguageService } from './service';

const USAGE = `Usage: istio-egress-check [options] <file|directory|->...

Checks Istio ServiceEntry, Gateway, DestinationRule, VirtualService and Sidecar YAML.
Directories are searched for *.yaml and *.yml (node_modules and .git are skipped); '-' reads stdin.

Options:
  --format text|json      output format (default: text)
  --fail-on error|warning|none
                          exit with status 1 when a finding at this level or above exists (default: error)
  --list-codes            print every diagnostic code and exit
  -h, --help              show this help`;

const SEVERITY_NAME: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

interface Options {
  format: 'text' | 'json';
  failOn: 'error' | 'warning' | 'none';
  inputs: string[];
}

function parseArguments(argv: string[]): Options | string {
  const options: Options = { format: 'text', failOn: 'error', inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--list-codes') return 'codes';
    if (arg === '--format' || arg === '--fail-on') {
      const value = argv[++i];
      if (arg === '--format' && (value === 'text' || value === 'json')) options.format = value;
      else if (arg === '--fail-on' && (value === 'error' || value === 'warning' || value === 'none')) options.failOn = value;
      else return `Invalid value for ${arg}: ${value ?? '(missing)'}`;
    } else if (arg.startsWith('--')) {
      return `Unknown option ${arg}`;
    } else {
      options.inputs.push(arg);
    }
  }
  return options.inputs.length ? options : 'No input given.';
}

function collectFiles(input: string, files: string[]): void {
  const stats = statSync(input);
  if (stats.isDirectory()) {
    for (const entry of readdirSync(input).sort()) {
      if (SKIPPED_DIRECTORIES.has(entry)) continue;
      const path = join(input, entry);
      if (statSync(path).isDirectory() || ['.yaml', '.yml'].includes(extname(entry))) collectFiles(path, files);
    }
  } else {
    files.push(input);
  }
}

interface FileReport {
  path: string;
  diagnostics: Diagnostic[];
}

function main(argv: string[]): number {
  const parsed = parseArguments(argv);
  if (parsed === 'help') return print(USAGE, 0);
  if (parsed === 'codes') {
    for (const [code, info] of Object.entries(CODES)) console.log(`${code}  ${info.severity.padEnd(11)} ${info.summary}`);
    return 0;
  }
  if (typeof parsed === 'string') return print(`${parsed}\n\n${USAGE}`, 2, true);
  const files: string[] = [];
  for (const input of parsed.inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    try {
      collectFiles(input, files);
    } catch {
      return print(`Cannot read ${input}: no such file or directory.`, 2, true);
    }
  }
  // Index every file first, so that cross-file checks see the whole set, then report per file.
  const service = createLanguageService();
  const inputs = files.map((path) => {
    const text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
    const uri = path === '-' ? 'stdin:/input.yaml' : pathToFileURL(resolve(path)).toString();
    service.setWorkspaceFile(uri, text);
    return { path: path === '-' ? '<stdin>' : relative(process.cwd(), path) || path, uri };
  });
  const reports: FileReport[] = inputs.map(({ path, uri }) => ({ path, diagnostics: service.fileDiagnostics(uri) }));
  const resources = service.indexedResourceCount();
  if (parsed.format === 'json') console.log(JSON.stringify({ files: reports.length, resources, results: reports.map(toJson) }, null, 2));
  else printText(reports, resources);
  const threshold = parsed.failOn === 'error' ? DiagnosticSeverity.Error : parsed.failOn === 'warning' ? DiagnosticSeverity.Warning : 0;
  const failing = reports.some((report) => report.diagnostics.some((d) => (d.severity ?? 1) <= threshold));
  return failing ? 1 : 0;
}

function toJson(report: FileReport) {
  return {
    file: report.path,
    diagnostics: report.diagnostics.map((d) => ({
      code: d.code,
      severity: SEVERITY_NAME[d.severity ?? 1],
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      message: d.message,
    })),
  };
}

function printText(reports: FileReport[], resources: number): void {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const severity = SEVERITY_NAME[d.severity ?? 1] as keyof typeof counts;
      counts[severity]++;
      if (severity === 'hint') continue;
      console.log(`${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity} ${d.code}: ${d.message}`);
    }
  }
  console.log(
    `\nChecked ${reports.length} file${reports.length === 1 ? '' : 's'}, ${resources} Istio resource${resources === 1 ? '' : 's'}: ` +
      `${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info, ${counts.hint} hint${counts.hint === 1 ? '' : 's'}.`,
  );
}

function print(message: string, code: number, error = false): number {
  (error ? console.error : console.log)(message);
  return code;
}

process.exitCode = main(process.argv.slice(2));
