// --format json and --format sarif: their shape, and SARIF checked against the SARIF 2.1.0 JSON
// schema (the copy @microsoft/jest-sarif ships) and against what GitHub code scanning requires.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { CODES } from '../../server/src/service';
import { inTempCopy, REPO_ROOT, runCli } from '../support/cli';

const SARIF_SCHEMA = join(REPO_ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

function validateSarif(log: unknown): string[] {
  // One pattern of the schema (language tags) is not valid in Unicode mode: compile patterns without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
  return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('--format json', () => {
  it('has a versioned shape: files with diagnostics (1-based spans, related places, fixable), skipped files, a summary', () => {
    const run = runCli(['--format', 'json', '--min-severity', 'hint'], { cwd: 'mixed' });
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(report), ['version', 'tool', 'files', 'skipped', 'summary']);
    assert.equal(report.version, 1);
    assert.deepEqual(report.tool, { name: 'istio-egress', version: manifest.version });
    assert.deepEqual(report.files.map((file: { path: string }) => file.path), ['destinationrule.yaml', 'routes.yaml', 'virtualservice.yaml']);
    const vs = report.files[2].diagnostics;
    assert.deepEqual(vs[0], {
      code: 'IE120',
      severity: 'error',
      message: 'Unknown field `locaton` in spec (ServiceEntry). Did you mean `location`?',
      line: 14,
      column: 3,
      endLine: 14,
      endColumn: 10,
      fixable: true,
      related: [],
    });
    assert.equal(vs[1].code, 'IE301');
    assert.equal(vs[1].fixable, false, 'its fix edits the DestinationRule in another file');
    assert.deepEqual(vs[1].related, [
      { path: 'destinationrule.yaml', line: 8, column: 9, endLine: 8, endColumn: 59, message: 'DestinationRule shop/egressgateway-for-httpbin' },
    ]);
    assert.deepEqual(report.files[1].diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`), ['IE112 hint', 'IE303 info', 'IE302 warning']);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.summary, { files: 3, resources: 6, errors: 2, warnings: 1, infos: 1, hints: 1, fixable: 4, fixed: 0 });
  });

  it('lists skipped files with their reason, and what --fix-dry-run would fix per file', () => {
    inTempCopy('fix/before', (dir) => {
      writeFileSync(join(dir, 'image.yaml'), Buffer.from('apiVersion: v1\n\u0000\u0001\u0002'));
      const run = runCli(['--format', 'json', '--fix-dry-run'], { cwd: dir });
      const report = JSON.parse(run.stdout);
      assert.deepEqual(report.skipped, [{ path: 'image.yaml', reason: 'binary', message: 'binary data (NUL bytes or invalid UTF-8), not YAML text; skipped' }]);
      assert.deepEqual(report.files[0].fixed, { IE101: 1, IE111: 1, IE120: 1, IE122: 2 });
      assert.equal(report.summary.fixed, 5);
      // The diff does not spoil the JSON on stdout: it goes to stderr.
      assert.match(run.stderr, /^\+kind: DestinationRule$/m);
    });
  });
});

describe('--format sarif', () => {
  const run = () => runCli(['--format', 'sarif'], { cwd: 'mixed' });

  it('is valid SARIF 2.1.0', () => {
    const result = run();
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout);
    assert.deepEqual(validateSarif(log), []);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    // The check itself can fail: a log without a version is rejected.
    assert.notDeepEqual(validateSarif({ ...log, version: undefined }), []);
  });

  it('names the tool with the package version and has a rule per code with help and an istio.io link', () => {
    const log: Log = JSON.parse(run().stdout);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'istio-egress');
    assert.equal(driver.version, manifest.version);
    assert.ok(driver.informationUri);
    const rules = driver.rules ?? [];
    assert.deepEqual(rules.map((rule) => rule.id), Object.keys(CODES));
    const ie301 = rules.find((rule) => rule.id === 'IE301')!;
    assert.equal(ie301.shortDescription?.text, CODES.IE301.summary);
    assert.equal(ie301.defaultConfiguration?.level, 'error');
    assert.equal(ie301.helpUri, 'https://istio.io/latest/docs/reference/config/analysis/ist0101/');
    assert.match(ie301.help?.markdown ?? '', /istio-egress-disable-next-line IE301/);
    assert.equal(rules.find((rule) => rule.id === 'IE215')!.helpUri, 'https://istio.io/latest/docs/reference/config/networking/service-entry/');
    assert.equal(rules.find((rule) => rule.id === 'IE303')!.defaultConfiguration?.level, 'note');
  });

  it('meets GitHub code scanning: ruleId and ruleIndex, levels, %SRCROOT%-relative URIs, 1-based regions, related locations, fingerprints', () => {
    const log: Log = JSON.parse(run().stdout);
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules ?? [];
    const results = sarifRun.results ?? [];
    assert.deepEqual(results.map((result) => `${result.ruleId} ${result.level}`), ['IE303 note', 'IE302 warning', 'IE120 error', 'IE301 error']);
    for (const result of results) {
      assert.equal(rules[result.ruleIndex!].id, result.ruleId);
      const location = result.locations?.[0].physicalLocation;
      assert.equal(location?.artifactLocation?.uriBaseId, '%SRCROOT%');
      assert.ok((location?.region?.startLine ?? 0) >= 1);
      assert.match(Object.values(result.partialFingerprints ?? {})[0], /^[0-9a-f]{16}:1$/);
    }
    const ie120 = results[2].locations![0].physicalLocation!;
    assert.equal(ie120.artifactLocation!.uri, 'test/cli/fixtures/mixed/virtualservice.yaml');
    assert.deepEqual(ie120.region, { startLine: 14, startColumn: 3, endLine: 14, endColumn: 10 });
    assert.deepEqual(results[3].relatedLocations, [
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'test/cli/fixtures/mixed/destinationrule.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 8, startColumn: 9, endLine: 8, endColumn: 59 },
        },
        message: { text: 'DestinationRule shop/egressgateway-for-httpbin' },
      },
    ]);
    assert.equal(sarifRun.originalUriBaseIds?.['%SRCROOT%'].uri, `file://${REPO_ROOT}/`);
  });

  it('outside a repository, URIs are relative to the working directory; --output writes the file', () => {
    inTempCopy('mixed', (dir) => {
      const result = runCli(['--format', 'sarif', '--output', 'report.sarif'], { cwd: dir });
      assert.equal(result.stdout, '');
      const log: Log = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8'));
      assert.deepEqual(validateSarif(log), []);
      const uris = (log.runs[0].results ?? []).map((result) => result.locations![0].physicalLocation!.artifactLocation!.uri);
      assert.deepEqual(uris, ['routes.yaml', 'routes.yaml', 'virtualservice.yaml', 'virtualservice.yaml']);
    });
  });

  it('reports skipped files, warnings and input errors as tool notifications', () => {
    inTempCopy('route', (dir) => {
      writeFileSync(join(dir, 'logo.yaml'), Buffer.from([0x89, 0x50, 0x00]));
      const result = runCli(['--format', 'sarif', '.', 'missing-*.yaml', 'gone.yaml'], { cwd: dir });
      assert.equal(result.status, 2);
      const log: Log = JSON.parse(result.stdout);
      assert.deepEqual(validateSarif(log), []);
      const [invocation] = log.runs[0].invocations ?? [];
      assert.equal(invocation.executionSuccessful, false);
      const notes = invocation.toolExecutionNotifications ?? [];
      assert.deepEqual(
        notes.map((note) => `${note.level} ${note.message.text}`),
        [
          'warning logo.yaml: binary data (NUL bytes or invalid UTF-8), not YAML text; skipped.',
          'warning missing-*.yaml: the glob matches no YAML file.',
          'error gone.yaml: no such file or directory.',
        ],
      );
      assert.equal(notes[0].locations?.[0].physicalLocation?.artifactLocation?.uri, 'logo.yaml');
    });
  });
});

describe('istio-egress codes', () => {
  it('prints every code with its severity and summary; --list-codes does the same', () => {
    const run = runCli(['codes']);
    assert.equal(run.status, 0);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, Object.keys(CODES).length);
    assert.equal(lines[0], 'IE100  error       YAML syntax error');
    assert.equal(runCli(['--list-codes']).stdout, run.stdout);
    const json = JSON.parse(runCli(['codes', '--format', 'json']).stdout);
    assert.deepEqual(json[0], { code: 'IE100', severity: 'error', summary: 'YAML syntax error', helpUri: null });
  });
});
