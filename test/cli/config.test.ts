// The config file (.istio-egress.yaml/.yml/.json) and the flags that override it.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingHeads, FIXTURES, inTempCopy, runCli } from '../support/cli';

const NO_STACK = /^\s+at /m;

describe('config file', () => {
  it('reads bare keys: outbound policy, severity, exclude (relative to the config file)', () => {
    const run = runCli([], { cwd: 'config-bare' });
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(findingHeads(run.stdout), ['routes.yaml:12:15 info IE302']);
    assert.match(run.stdout, /Namespace `shop` uses REGISTRY_ONLY \(from the mesh setting/);
    assert.match(run.stdout, /Checked 1 file, /, 'generated/ is excluded, the config file itself is not checked');
    assert.equal(run.stderr, '');
  });

  it('reads istioEgress.-prefixed keys as in settings.json, and warns about unknown ones with a suggestion', () => {
    const run = runCli(['--min-severity', 'hint'], { cwd: 'config-prefixed' });
    assert.equal(run.status, 0);
    assert.deepEqual(findingHeads(run.stdout), ['routes.yaml:11:15 hint IE302']);
    assert.match(run.stdout, /Namespace `storefront` uses ALLOW_ANY/);
    assert.equal(run.stderr, 'istio-egress: warning: .istio-egress.json: unknown setting `istioEgress.severty` (did you mean `istioEgress.severity`?); it is ignored.\n');
  });

  it('flags win over the config file; --config names one, --no-config ignores it', () => {
    const louder = runCli(['--severity', 'IE302=error', '--outbound-policy', 'ALLOW_ANY'], { cwd: 'config-bare' });
    assert.equal(louder.status, 1);
    assert.deepEqual(findingHeads(louder.stdout), ['routes.yaml:12:15 error IE302']);
    assert.match(louder.stdout, /Namespace `shop` uses ALLOW_ANY/);
    const named = runCli(['--config', '../config-prefixed/.istio-egress.json', '--default-namespace', 'billing', '--min-severity', 'hint'], { cwd: 'config-prefixed' });
    assert.match(named.stdout, /Namespace `billing` uses ALLOW_ANY/);
    const ignored = runCli(['--no-config'], { cwd: 'config-bare' });
    assert.equal(ignored.status, 1);
    assert.deepEqual(findingHeads(ignored.stdout), ['generated/broken.yaml:3:7 error IE111', 'routes.yaml:12:15 warning IE302']);
  });

  it('is found in a folder above, up to the repository root but not beyond', () => {
    inTempCopy(undefined, (dir) => {
      const repo = join(dir, 'outer', 'repo');
      mkdirSync(join(repo, '.git'), { recursive: true });
      mkdirSync(join(repo, 'apps'));
      cpSync(join(FIXTURES, 'config-bare', 'routes.yaml'), join(repo, 'apps', 'routes.yaml'));
      writeFileSync(join(dir, 'outer', '.istio-egress.yaml'), 'severity: {IE302: "off"}\n');
      assert.deepEqual(findingHeads(runCli([], { cwd: join(repo, 'apps') }).stdout), ['routes.yaml:12:15 warning IE302'], 'outside the repository: not read');
      writeFileSync(join(repo, '.istio-egress.yml'), 'istioEgress:\n  severity:\n    IE302: error\n');
      assert.deepEqual(findingHeads(runCli([], { cwd: join(repo, 'apps') }).stdout), ['routes.yaml:12:15 error IE302'], 'nested istioEgress: block at the root');
    });
  });

  for (const [name, content, message] of [
    ['a YAML syntax error', 'severity: [\n', /^istio-egress: error: \.istio-egress\.yaml:2: not valid YAML: /],
    ['a value of the wrong kind', 'meshOutboundTrafficPolicy: DENY_ALL\n', /`meshOutboundTrafficPolicy` must be ALLOW_ANY or REGISTRY_ONLY\./],
    ['an unknown severity', 'severity: {IE302: loud}\n', /the severity of IE302 must be error, warning, information, hint or off, not 'loud'/],
    ['a list instead of a map', '- severity\n', /the config file must be a map of settings/],
    ['a gateway without labels', 'gateways: [{service: egress}]\n', /`gateways` must be a list of gateways, each with a `service` and its pod `labels`/],
  ] as const) {
    it(`a malformed config file is a usage error (exit 2): ${name}`, () => {
      inTempCopy('config-bare', (dir) => {
        writeFileSync(join(dir, '.istio-egress.yaml'), content);
        const run = runCli([], { cwd: dir });
        assert.equal(run.status, 2);
        assert.equal(run.stdout, '');
        assert.match(run.stderr, message);
        assert.doesNotMatch(run.stderr, NO_STACK);
      });
    });
  }

  it('a malformed JSON config file names the problem', () => {
    inTempCopy('config-prefixed', (dir) => {
      writeFileSync(join(dir, '.istio-egress.json'), '{"istioEgress.severity": ');
      const run = runCli([], { cwd: dir });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^istio-egress: error: \.istio-egress\.json: not valid JSON: /);
    });
  });
});

describe('flags describing the mesh', () => {
  it('--outbound-policy changes what a Sidecar that imports too little costs', () => {
    const allowAny = runCli([], { cwd: 'policy' });
    assert.equal(allowAny.status, 0);
    assert.deepEqual(findingHeads(allowAny.stdout), ['sidecar.yaml:9:5 warning IE345']);
    const registryOnly = runCli(['--outbound-policy', 'REGISTRY_ONLY'], { cwd: 'policy' });
    assert.equal(registryOnly.status, 1);
    assert.deepEqual(findingHeads(registryOnly.stdout), ['sidecar.yaml:9:5 error IE345']);
    assert.match(registryOnly.stdout, /outbound traffic policy is REGISTRY_ONLY: requests are blocked/);
  });

  it('--egress-gateway, --egress-gateway-label and --egress-gateway-port describe your own egress gateway', () => {
    const heads = (...args: string[]) => findingHeads(runCli(args, { cwd: 'gateway' }).stdout);
    assert.deepEqual(heads(), ['gateway.yaml:9:12 warning IE310']);
    // The chart's labels by default: app=istio-corp-egressgateway, istio=corp-egressgateway; Istio's egress ports.
    assert.deepEqual(heads('--egress-gateway', 'egress/istio-corp-egressgateway'), ['gateway.yaml:12:15 warning IE311']);
    assert.deepEqual(heads('--egress-gateway', 'egress/istio-corp-egressgateway', '--egress-gateway-port', '9443/TLS'), []);
    assert.deepEqual(heads('--egress-gateway', 'egress/corp', '--egress-gateway-label', 'istio=corp-egressgateway', '--egress-gateway-port', '9443/TLS/tls'), []);
    assert.deepEqual(heads('--egress-gateway', 'egress/corp', '--egress-gateway-label', 'app=corp', '--egress-gateway-port', '9443/TLS'), ['gateway.yaml:9:12 warning IE310']);
    assert.match(runCli(['--egress-gateway', 'egress/istio-corp-egressgateway'], { cwd: 'gateway' }).stdout, /`egress\/istio-corp-egressgateway`: ports `80`, `443` and `15443`/);

  });

  it('--egress-gateway-port without --egress-gateway needs an egress gateway in the settings', () => {
    inTempCopy('gateway', (dir) => {
      writeFileSync(join(dir, '.istio-egress.yaml'), 'gateways: [{service: edge, namespace: edge, labels: {app: edge}, role: ingress}]\n');
      const run = runCli(['--egress-gateway-port', '9443/TLS'], { cwd: dir });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /change the configured egress gateway, and there is none: name it with --egress-gateway\./);
      assert.deepEqual(findingHeads(runCli(['--egress-gateway', 'edge/corp', '--egress-gateway-label', 'istio=corp-egressgateway', '--egress-gateway-port', '9443/TLS'], { cwd: dir }).stdout), []);
    });
  });
});
