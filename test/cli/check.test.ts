// `istio-egress check` with the human format: what it prints, which files it reads, how it exits.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingHeads, FIXTURES, inTempCopy, runCli } from '../support/cli';

const MIXED_HEADS = [
  'routes.yaml:13:15 info IE303',
  'routes.yaml:29:15 warning IE302',
  'virtualservice.yaml:14:3 error IE120',
  'virtualservice.yaml:52:17 error IE301',
];
const ANSI = /\u001b\[\d+m/;

describe('istio-egress check: human output', () => {
  it('prints file:line:col severity code message, the line and a caret underline, related places and a summary', () => {
    const run = runCli(['check', '.'], { cwd: 'mixed' });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(findingHeads(run.stdout), MIXED_HEADS);
    assert.ok(
      run.stdout.includes(
        'virtualservice.yaml:14:3 error IE120 Unknown field `locaton` in spec (ServiceEntry). Did you mean `location`? (fixable)\n' +
          '  14 |   locaton: MESH_EXTERNAL # typo: location\n' +
          '     |   ^^^^^^^\n',
      ),
      run.stdout,
    );
    assert.ok(run.stdout.includes('  52 |         subset: backup\n     |                 ^^^^^^\n  → destinationrule.yaml:8:9 DestinationRule shop/egressgateway-for-httpbin\n'), run.stdout);
    const summary = run.stdout.trimEnd().split('\n').pop();
    assert.equal(summary, 'Checked 3 files, 6 Istio resources: 2 errors, 1 warning, 1 info, 1 hint (1 not shown; --min-severity hint lists them). 3 problems fixable with --fix.');
    assert.equal(run.stderr, '');
  });

  it('hides hints unless --min-severity asks for them, and can list errors only', () => {
    assert.ok(!runCli([], { cwd: 'mixed' }).stdout.includes('IE112'));
    const all = runCli(['--min-severity', 'hint'], { cwd: 'mixed' });
    assert.deepEqual(findingHeads(all.stdout), ['routes.yaml:2:13 hint IE112', ...MIXED_HEADS]);
    assert.ok(!all.stdout.includes('not shown'));
    assert.deepEqual(findingHeads(runCli(['--min-severity', 'error'], { cwd: 'mixed' }).stdout), MIXED_HEADS.slice(2));
  });

  it('colours only a terminal, --color, or FORCE_COLOR; NO_COLOR and --no-color turn it off', () => {
    assert.doesNotMatch(runCli([], { cwd: 'mixed' }).stdout, ANSI);
    assert.match(runCli(['--color'], { cwd: 'mixed' }).stdout, ANSI);
    assert.match(runCli([], { cwd: 'mixed', env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(runCli(['--no-color'], { cwd: 'mixed', env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(runCli([], { cwd: 'mixed', env: { NO_COLOR: '1' } }).stdout, ANSI);
  });

  it('a clean route: only the summary, exit 0', () => {
    const run = runCli(['check'], { cwd: 'route' });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, 'Checked 2 files, 4 Istio resources: 0 errors, 0 warnings, 0 info, 0 hints.\n');
  });
});

describe('istio-egress check: exit status', () => {
  const status = (...args: string[]) => runCli(args, { cwd: 'mixed' }).status;
  const noErrors = ['--severity', 'IE120=off', '--severity', 'IE301=off'];
  const infoOnly = [...noErrors, '--severity', 'IE302=off'];

  it('--fail-on error (the default): 1 with errors, 0 with warnings only', () => {
    assert.equal(status(), 1);
    assert.equal(status('--fail-on', 'error'), 1);
    assert.equal(status(...noErrors), 0);
  });

  it('--fail-on warning and info count everything at that level and above', () => {
    assert.equal(status('--fail-on', 'warning', ...noErrors), 1);
    assert.equal(status('--fail-on', 'warning', ...infoOnly), 0);
    assert.equal(status('--fail-on', 'info', ...infoOnly), 1);
    assert.equal(status('--fail-on', 'info', ...infoOnly, '--severity', 'IE303=hint'), 0);
  });

  it('--fail-on none never fails on findings; --max-warnings fails past its count', () => {
    assert.equal(status('--fail-on', 'none'), 0);
    assert.equal(status('--fail-on', 'none', '--max-warnings', '1'), 0);
    assert.equal(status('--fail-on', 'none', '--max-warnings', '0'), 1);
    assert.equal(status('--fail-on', 'none', '--max-warnings', '0', '--severity', 'IE302=info'), 0);
  });
});

describe('istio-egress check: inputs', () => {
  it('reads the current folder by default, recursively, YAML files only', () => {
    assert.equal(runCli([], { cwd: 'route' }).stdout, runCli(['.'], { cwd: 'route' }).stdout);
    assert.match(runCli(['route'], { cwd: FIXTURES }).stdout, /^Checked 2 files, 4 Istio resources/m);
  });

  it('analyses all inputs as one workspace: a related place in another input file', () => {
    const together = runCli(['virtualservice.yaml', 'destinationrule.yaml'], { cwd: 'mixed' });
    assert.ok(together.stdout.includes('  → destinationrule.yaml:8:9 DestinationRule shop/egressgateway-for-httpbin'), together.stdout);
    assert.match(together.stdout, /Checked 2 files/);
    const alone = runCli(['virtualservice.yaml'], { cwd: 'mixed' });
    assert.ok(!alone.stdout.includes('destinationrule.yaml'), alone.stdout);
  });

  it('expands globs with tinyglobby', () => {
    assert.match(runCli(['*.yaml'], { cwd: 'mixed' }).stdout, /Checked 3 files/);
    const one = runCli(['virtual*.yaml'], { cwd: 'mixed' });
    assert.match(one.stdout, /Checked 1 file, /);
    assert.deepEqual(findingHeads(one.stdout), ['virtualservice.yaml:14:3 error IE120', 'virtualservice.yaml:52:17 error IE301']);
    assert.match(runCli(['**/routing.y*ml'], { cwd: FIXTURES }).stdout, /Checked 1 file, 3 Istio resources/);
  });

  it('skips node_modules, .git and --exclude globs in folders and globs', () => {
    inTempCopy('route', (dir) => {
      const broken = readFileSync(join(FIXTURES, 'config-bare', 'generated', 'broken.yaml'), 'utf8');
      for (const folder of ['node_modules/some-chart', '.git', 'generated']) {
        mkdirSync(join(dir, folder), { recursive: true });
        writeFileSync(join(dir, folder, 'broken.yaml'), broken);
      }
      const run = runCli(['--exclude', 'generated/**'], { cwd: dir });
      assert.equal(run.status, 0, run.stdout);
      assert.match(run.stdout, /^Checked 2 files/);
      assert.equal(runCli(['**/*.yaml', '--exclude', 'generated/**'], { cwd: dir }).status, 0);
      const included = runCli([], { cwd: dir });
      assert.deepEqual(findingHeads(included.stdout), ['generated/broken.yaml:3:7 error IE111']);
      // A file named on the command line is checked even when a glob excludes it.
      assert.equal(runCli(['generated/broken.yaml', '--exclude', 'generated/**'], { cwd: dir }).status, 1);
    });
  });

  it('reads standard input, as <stdin> or under --stdin-filename, in the same workspace', () => {
    const text = readFileSync(join(FIXTURES, 'mixed', 'virtualservice.yaml'), 'utf8');
    const plain = runCli(['-'], { cwd: 'mixed', input: text });
    assert.deepEqual(findingHeads(plain.stdout), ['<stdin>:14:3 error IE120', '<stdin>:52:17 error IE301']);
    const named = runCli(['-', 'destinationrule.yaml', '--stdin-filename', 'egress/vs.yaml'], { cwd: 'mixed', input: text });
    assert.deepEqual(findingHeads(named.stdout), ['egress/vs.yaml:14:3 error IE120', 'egress/vs.yaml:52:17 error IE301']);
    assert.ok(named.stdout.includes('  → destinationrule.yaml:8:9'), named.stdout);
    // Standard input stands for the file it names: the disk copy is not read as well.
    const fixed = text.replace('locaton:', 'location:');
    const shadow = runCli(['.', '-', '--stdin-filename', 'virtualservice.yaml'], { cwd: 'mixed', input: fixed });
    assert.match(shadow.stdout, /Checked 3 files/);
    assert.deepEqual(findingHeads(shadow.stdout), [...MIXED_HEADS.slice(0, 2), MIXED_HEADS[3]]);
  });

  it('a glob or folder without YAML is a warning when other inputs have files', () => {
    const run = runCli(['.', 'nothing-*.yaml'], { cwd: 'mixed' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^istio-egress: warning: nothing-\*\.yaml: the glob matches no YAML file\.$/m);
    assert.match(run.stdout, /Checked 3 files/);
  });
});
