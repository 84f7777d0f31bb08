// --fix and --fix-dry-run on temporary copies of the fixtures.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingHeads, FIXTURES, inTempCopy, runCli } from '../support/cli';

const BEFORE = readFileSync(join(FIXTURES, 'fix', 'before', 'egress.yaml'), 'utf8');
const AFTER = readFileSync(join(FIXTURES, 'fix', 'after', 'egress.yaml'), 'utf8');
const REMAINING = ['egress.yaml:41:5 error IE300'];

/** Runs the CLI in a temporary folder holding `egress.yaml` with this content; returns the run and the file after it. */
function inTemp(content: string | Buffer, args: string[]) {
  return inTempCopy(undefined, (dir) => {
    const file = join(dir, 'egress.yaml');
    writeFileSync(file, content);
    const run = runCli(args, { cwd: dir });
    const second = runCli(args, { cwd: dir });
    return { run, second, after: readFileSync(file) };
  });
}

describe('--fix', () => {
  it('applies the safe fixes with minimal edits (comments kept), says what it fixed, and reports what remains', () => {
    const { run, after } = inTemp(BEFORE, ['--fix']);
    assert.equal(after.toString('utf8'), AFTER);
    assert.equal(run.status, 1, 'the IE300 it cannot fix is still an error');
    assert.match(run.stdout, /^egress\.yaml: fixed IE101, IE111, IE120, IE122 ×2$/m);
    assert.deepEqual(findingHeads(run.stdout), REMAINING);
    assert.match(run.stdout, /Fixed 5 problems\.\n$/);
  });

  it('is idempotent: a second run changes nothing', () => {
    const { second, after } = inTemp(BEFORE, ['--fix']);
    assert.equal(after.toString('utf8'), AFTER);
    assert.doesNotMatch(second.stdout, /: fixed /);
    assert.match(second.stdout, /Fixed 0 problems\.\n$/);
    assert.deepEqual(findingHeads(second.stdout), REMAINING);
  });

  it('keeps CRLF line endings and a byte order mark', () => {
    const crlf = inTemp(BEFORE.replace(/\n/g, '\r\n'), ['--fix']);
    assert.equal(crlf.after.toString('utf8'), AFTER.replace(/\n/g, '\r\n'));
    assert.deepEqual(findingHeads(crlf.run.stdout), REMAINING);
    const bom = inTemp(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BEFORE)]), ['--fix']);
    assert.deepEqual([...bom.after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bom.after.subarray(3).toString('utf8'), AFTER);
    // Positions are those an editor shows: the mark takes no column.
    assert.deepEqual(findingHeads(bom.run.stdout), REMAINING);
  });

  it('leaves fixes that edit another file, and hints unless they are listed', () => {
    inTempCopy('mixed', (dir) => {
      const read = (name: string) => readFileSync(join(dir, name), 'utf8');
      const original = { dr: read('destinationrule.yaml'), routes: read('routes.yaml') };
      const run = runCli(['--fix'], { cwd: dir });
      assert.equal(read('destinationrule.yaml'), original.dr, 'the IE301 fix would add the subset to the DestinationRule: not safe');
      assert.match(read('virtualservice.yaml'), /^ {2}location: MESH_EXTERNAL # typo: location$/m);
      assert.match(read('routes.yaml'), /^apiVersion: networking\.istio\.io\/v1beta1$/m, 'IE112 is a hint, not listed by default');
      assert.match(read('routes.yaml'), /^kind: ServiceEntry$/m, 'IE302: a ServiceEntry added to the same file');
      const remaining = findingHeads(run.stdout);
      assert.ok(remaining.includes('virtualservice.yaml:52:17 error IE301'), remaining.join('\n'));
      assert.ok(!remaining.some((head) => /IE120|IE302/.test(head)), remaining.join('\n'));
      runCli(['--fix', '--min-severity', 'hint'], { cwd: dir });
      assert.equal(read('routes.yaml').split('\n')[1], 'apiVersion: networking.istio.io/v1');
      assert.notEqual(original.routes, read('routes.yaml'));
    });
  });
});

describe('--fix-dry-run', () => {
  it('prints a unified diff, writes nothing, and reports what would remain', () => {
    const { run, after } = inTemp(BEFORE, ['--fix-dry-run']);
    assert.equal(after.toString('utf8'), BEFORE);
    assert.ok(run.stdout.startsWith('--- a/egress.yaml\n+++ b/egress.yaml\n@@ -7,16 +7,16 @@\n'), run.stdout);
    assert.match(run.stdout, /^-kind: Destination\n\+kind: DestinationRule$/m);
    assert.match(run.stdout, /^-\t {6}maxConnections: 10\n\+ {8}maxConnections: 10$/m);
    assert.match(run.stdout, /^egress\.yaml: would fix IE101, IE111, IE120, IE122 ×2$/m);
    assert.deepEqual(findingHeads(run.stdout), REMAINING);
    assert.match(run.stdout, /--fix would fix 5 problems\.\n$/);
    assert.equal(run.status, 1);
  });

  it('works on standard input, which --fix refuses to write', () => {
    const dry = runCli(['-', '--fix-dry-run'], { input: BEFORE });
    assert.match(dry.stdout, /^--- a\/<stdin>\n\+\+\+ b\/<stdin>$/m);
    const refused = runCli(['-', '--fix'], { input: BEFORE });
    assert.equal(refused.status, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /--fix writes files and cannot write back to standard input; use --fix-dry-run/);
  });

  it('cannot be combined with --fix', () => {
    const run = runCli(['--fix', '--fix-dry-run'], { cwd: 'route' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /option '--fix' cannot be used with option '--fix-dry-run'/);
  });
});
