// The cross-file case: 1000 hosts spread over 100 files by kind (ServiceEntries, Gateways,
// DestinationRules and VirtualServices in separate files), the server indexing the folder from
// disk, and a one-character edit to a subset name in one open file that makes a VirtualService
// in another open file lose (then regain) its subset.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service';
import { unchangedEnds } from '../../server/src/unchangedEnds';
import { hostDocuments, hostSpec } from './generate';
import { LspDriver } from './lspDriver';
import { summarize, time, type Summary } from './stats';

const HOSTS = 1000;
const FILES_PER_KIND = 25;
const KINDS = ['serviceentries', 'gateways', 'destinationrules', 'virtualservices'] as const;
const EDITS = 30;

export interface CrossFileResult {
  files: number;
  documents: number;
  /** Indexing the 100 files (in-process: setWorkspaceFile for each). */
  indexMs: number;
  /** Edit in the DestinationRule file → its own diagnostics + the dependent VirtualService file's. */
  inProcessMs: Summary;
  /** Open documents re-checked per edit besides the edited one (should be 1: the dependent file). */
  dependentsPerEdit: number[];
  /** didChange → publishDiagnostics of the other file with the flipped IE301 (includes the dependants' debounce). */
  endToEndMs: Summary;
  serverIndexedMs: number;
}

interface Layout {
  root: string;
  files: Array<{ path: string; uri: string; text: string }>;
  dr: { uri: string; text: string };
  vs: { uri: string; text: string };
}

function generate(): Layout {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-egress-crossfile-'));
  const perFile = HOSTS / FILES_PER_KIND;
  const files: Layout['files'] = [];
  for (let f = 0; f < FILES_PER_KIND; f++) {
    const docs = Array.from({ length: perFile }, (_, i) => hostDocuments(hostSpec(f * perFile + i + 1)));
    KINDS.forEach((kind, k) => {
      const file = path.join(root, kind, `${kind}-${String(f + 1).padStart(2, '0')}.yaml`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const text = docs.map((host) => host[k]).join('---\n');
      fs.writeFileSync(file, text);
      files.push({ path: file, uri: pathToFileURL(file).href, text });
    });
  }
  const find = (kind: string) => files.find((file) => file.path.includes(`${kind}-01.yaml`))!;
  return { root, files, dr: find('destinationrules'), vs: find('virtualservices') };
}

/** Appends `x` to (or removes it from) the first subset name of the DestinationRule file. */
function subsetEdit(document: TextDocument, broken: boolean): TextDocumentContentChangeEvent {
  const text = document.getText();
  const at = text.indexOf('  - name: ') + '  - name: '.length;
  const end = text.indexOf('\n', at);
  const position = document.positionAt(end);
  return broken
    ? { range: { start: position, end: position }, text: 'x' }
    : { range: { start: document.positionAt(end - 1), end: position }, text: '' };
}

function inProcess(layout: Layout): Pick<CrossFileResult, 'indexMs' | 'inProcessMs' | 'dependentsPerEdit'> {
  const service = createLanguageService();
  const indexing = time(() => layout.files.forEach((file) => service.setWorkspaceFile(file.uri, file.text)));
  let dr = TextDocument.create(layout.dr.uri, 'yaml', 1, layout.dr.text);
  const vs = TextDocument.create(layout.vs.uri, 'yaml', 1, layout.vs.text);
  service.doValidation(dr);
  service.doValidation(vs);
  service.takeStaleDocuments();
  const samples: number[] = [];
  const dependents: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const change = subsetEdit(dr, i % 2 === 0);
    const hint = unchangedEnds(dr, [change]);
    if (hint) service.recordChange(dr.uri, dr.version + 1, hint);
    dr = TextDocument.update(dr, [change], dr.version + 1);
    const run = time(() => {
      service.doValidation(dr);
      const stale = service.takeStaleDocuments();
      dependents.push(stale.length);
      for (const uri of stale) if (uri === vs.uri) service.doValidation(vs);
    });
    samples.push(run.ms);
  }
  return { indexMs: indexing.ms, inProcessMs: summarize(samples), dependentsPerEdit: dependents };
}

async function endToEnd(serverPath: string, layout: Layout): Promise<Pick<CrossFileResult, 'endToEndMs' | 'serverIndexedMs'>> {
  const started = performance.now();
  const { driver } = await LspDriver.start(serverPath, pathToFileURL(layout.root).href);
  try {
    let dr = TextDocument.create(layout.dr.uri, 'yaml', 1, layout.dr.text);
    // The first diagnostics of the VirtualService file after indexing are clean once the index holds every file.
    let vsClean = driver.nextDiagnostics(layout.vs.uri);
    await driver.didOpen(layout.vs.uri, layout.vs.text);
    await driver.didOpen(layout.dr.uri, layout.dr.text);
    for (let arrival = await vsClean; arrival.diagnostics.some((d) => d.code === 'IE301'); arrival = await vsClean) vsClean = driver.nextDiagnostics(layout.vs.uri);
    const serverIndexedMs = performance.now() - started;
    const samples: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const broken = i % 2 === 0;
      const change = subsetEdit(dr, broken);
      dr = TextDocument.update(dr, [change], dr.version + 1);
      const t0 = performance.now();
      let arrival = driver.nextDiagnostics(layout.vs.uri);
      await driver.didChange(layout.dr.uri, dr.version, [change]);
      for (let result = await arrival; result.diagnostics.some((d) => d.code === 'IE301') !== broken; result = await arrival) arrival = driver.nextDiagnostics(layout.vs.uri);
      samples.push(performance.now() - t0);
    }
    return { endToEndMs: summarize(samples), serverIndexedMs };
  } finally {
    await driver.stop();
  }
}

export async function runCrossFile(serverPath: string): Promise<CrossFileResult> {
  const layout = generate();
  try {
    const local = inProcess(layout);
    const remote = await endToEnd(serverPath, layout);
    return { files: layout.files.length, documents: HOSTS * KINDS.length, ...local, ...remote };
  } finally {
    fs.rmSync(layout.root, { recursive: true, force: true });
  }
}
