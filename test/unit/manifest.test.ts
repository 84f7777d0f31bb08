// The settings VS Code shows (package.json) and the ones the service falls back to are declared
// twice by necessity; this keeps the two in step.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
const contributed: Record<string, { default?: unknown }> = manifest.contributes.configuration.properties;
/** Read by the server's workspace walker and by the client library, not by the language service. */
const OUTSIDE_THE_SERVICE = ['istioEgress.exclude', 'istioEgress.trace.server'];

function flatten(value: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) =>
      typeof inner === 'object' && inner !== null && !Array.isArray(inner) && key !== 'severity' ? Object.entries(flatten(inner as Record<string, unknown>, `${prefix}${key}.`)) : [[`${prefix}${key}`, inner]],
    ),
  );
}

describe('extension manifest', () => {
  const defaults = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>, 'istioEgress.');

  it('contributes every setting the service reads, with the same default', () => {
    for (const [key, value] of Object.entries(defaults)) {
      assert.ok(contributed[key], `package.json lacks the setting ${key}`);
      assert.deepEqual(contributed[key].default, value, `default of ${key}`);
    }
  });

  it('the contributed gateway default reads back as the service default', () => {
    assert.deepEqual(normalizeSettings({ gateways: contributed['istioEgress.gateways'].default }).gateways, DEFAULT_SETTINGS.gateways);
  });

  it('contributes no setting that nothing reads', () => {
    const unread = Object.keys(contributed).filter((key) => !(key in defaults) && !OUTSIDE_THE_SERVICE.includes(key));
    assert.deepEqual(unread, []);
  });
});
