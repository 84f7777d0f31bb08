// The README documents every diagnostic code with its default severity.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from '../../server/src/service';

describe('README', () => {
  it('lists every diagnostic code with its severity', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const missing = Object.entries(CODES)
      .filter(([code, info]) => !new RegExp(`\\| ${code} \\| ${info.severity} \\|`).test(readme))
      .map(([code]) => code);
    assert.deepEqual(missing, [], 'update the code tables in README.md (istio-egress codes)');
  });
});
