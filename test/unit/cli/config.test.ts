// The command line's config file accepts exactly the settings the extension contributes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS } from '../../../server/src/cli/config';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));

describe('command line config keys', () => {
  it('are the contributed settings without their istioEgress. prefix', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties).map((key) => key.replace(/^istioEgress\./, ''));
    assert.deepEqual([...CONFIG_KEYS].sort(), contributed.sort());
  });
});
