// Inputs that cannot be checked and arguments that make no sense: a clear message on stderr,
// exit status 2 (a skipped file is only a warning), never a stack trace.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, runCli, tempCopy } from '../support/cli';

const NO_STACK = /^\s+at /m;

function usageError(args: string[], message: RegExp, cwd = 'route'): void {
  const run = runCli(args, { cwd });
  assert.equal(run.status, 2, `${args.join(' ')}\n${run.stdout}${run.stderr}`);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, NO_STACK);
}

describe('unreadable and missing inputs', () => {
  let copy: ReturnType<typeof tempCopy>;
  beforeEach(() => {
    copy = tempCopy('route');
  });
  afterEach(() => copy.remove());

  it('a path that does not exist', () => {
    const run = runCli(['routing.yaml', 'no/such/file.yaml'], { cwd: copy.dir });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'istio-egress: error: no/such/file.yaml: no such file or directory.\n');
    // The readable input is still reported.
    assert.match(run.stdout, /^Checked 1 file, 3 Istio resources/m);
  });

  it('a folder without YAML, or a glob that matches nothing, when it is all there is', () => {
    mkdirSync(join(copy.dir, 'empty'));
    writeFileSync(join(copy.dir, 'empty', 'notes.txt'), 'not yaml\n');
    const folder = runCli(['empty'], { cwd: copy.dir });
    assert.equal(folder.status, 2);
    assert.equal(folder.stderr, 'istio-egress: warning: empty: no YAML file (*.yaml, *.yml) in this folder.\nistio-egress: error: Nothing to check: no readable YAML file among the inputs.\n');
    assert.equal(folder.stdout, '');
    const glob = runCli(['charts/**/*.yaml'], { cwd: copy.dir });
    assert.equal(glob.status, 2);
    assert.match(glob.stderr, /warning: charts\/\*\*\/\*\.yaml: the glob matches no YAML file\.\n.*Nothing to check/);
  });

  it('a binary file (NUL bytes or invalid UTF-8) is skipped with a warning naming it', () => {
    writeFileSync(join(copy.dir, 'logo.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(copy.dir, 'latin1.yaml'), Buffer.from('kind: Gateway # caf\xe9\n', 'latin1'));
    const run = runCli([], { cwd: copy.dir });
    assert.equal(run.status, 0);
    assert.equal(
      run.stderr,
      'istio-egress: warning: latin1.yaml: binary data (NUL bytes or invalid UTF-8), not YAML text; skipped.\n' +
        'istio-egress: warning: logo.yaml: binary data (NUL bytes or invalid UTF-8), not YAML text; skipped.\n',
    );
    assert.match(run.stdout, /^Checked 2 files/m);
    const alone = runCli(['logo.yaml'], { cwd: copy.dir });
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /logo\.yaml: binary data.*\n.*Nothing to check/);
  });

  it('a file over maxFileSizeKB is skipped with a warning', () => {
    writeFileSync(join(copy.dir, '.istio-egress.yaml'), 'maxFileSizeKB: 2\n');
    writeFileSync(join(copy.dir, 'big.yaml'), `# ${'x'.repeat(3000)}\n`);
    const run = runCli([], { cwd: copy.dir });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, 'istio-egress: warning: big.yaml: 3 KB, above the 2 KB limit (setting maxFileSizeKB); skipped.\n');
    assert.match(run.stdout, /^Checked 2 files/m);
  });

  it('an unreadable file (not as root, who can read anything)', function () {
    if (process.getuid?.() === 0) this.skip();
    const file = join(copy.dir, 'routing.yaml');
    chmodSync(file, 0o000);
    try {
      const run = runCli([], { cwd: copy.dir });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^istio-egress: error: routing\.yaml: permission denied\.$/m);
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it('a report that cannot be written', () => {
    const run = runCli(['--output', join(copy.dir, 'missing', 'report.json'), '--format', 'json'], { cwd: copy.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Cannot write .*report\.json: no such file or directory\./);
  });
});

describe('usage errors', () => {
  it('unknown options, commands and choices', () => {
    usageError(['--bogus'], /error: unknown option '--bogus'/);
    usageError(['--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are human, json, sarif\./);
    usageError(['--fail-on', 'hint'], /Allowed choices are error, warning, info, none\./);
    usageError(['--outbound-policy', 'DENY'], /Allowed choices are ALLOW_ANY, REGISTRY_ONLY\./);
  });

  it('flag values with a syntax of their own', () => {
    usageError(['--max-warnings', 'many'], /option '--max-warnings <count>' argument 'many' is invalid\. Give a whole number, 0 or more\./);
    usageError(['--severity', 'IE3O2=error'], /There is no code IE3O2 \(did you mean IE302\?\)/);
    usageError(['--severity', 'IE302=loud'], /The level must be error, warning, info, hint or off, not 'loud'\./);
    usageError(['--severity', 'IE302'], /Write it as CODE=LEVEL/);
    usageError(['--egress-gateway', 'istio-egressgateway'], /Write it as NAMESPACE\/SERVICE/);
    usageError(['--egress-gateway-label', 'istio'], /Write it as KEY=VALUE/);
    usageError(['--egress-gateway-port', '443'], /Write it as NUMBER\/PROTOCOL\[\/NAME\], e\.g\. 443\/TLS/);
    usageError(['--default-namespace', 'Shop_1'], /A namespace is a DNS label/);
  });

  it('combinations that cannot work', () => {
    usageError(['--stdin-filename', 'vs.yaml'], /--stdin-filename names the text read from standard input: add - to the inputs\./);
    usageError(['-', '-'], /Standard input \(-\) can be read only once\./);
    usageError(['--config', 'nowhere.yaml'], /Cannot read the config file nowhere\.yaml: no such file or directory\./);
  });

  it('--help lists examples and exits 0; --version prints the version', () => {
    const help = runCli(['check', '--help'], { cwd: FIXTURES });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Examples:\n {2}\$ istio-egress check \./);
    assert.match(help.stdout, /--fail-on <level>/);
    const version = runCli(['--version']);
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});
