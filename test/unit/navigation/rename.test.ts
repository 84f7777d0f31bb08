import { strict as assert } from 'node:assert';
import { applyEdits } from '../../support/render';
import { loadWorkspace } from '../../support/workspace';

const WORKSPACE = `
#- /istio-system/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress
  namespace: istio-system
spec:
  selector: {istio: egressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [httpbin.org]
#- /istio-system/routing.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin-from-gateway
  namespace: istio-system
spec:
  hosts: [httpbin.org]
  gateways: [egress, egress.istio-system, ./egress]
  http:
  - route:
    - destination: {host: httpbin.org}
#- /shop/routing.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-httpbin
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: httpbin
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin-to-gateway
  namespace: shop
spec:
  hosts: [httpbin.org]
  gateways: [mesh, istio-system/egress]
  http:
  - match:
    - gateways: [mesh]
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: httpbin
  - match:
    - gateways: [istio-system/egress]
    route:
    - destination: {host: httpbin.org}
    mirror: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: httpbin}
`;

function withCursor(source: string, before: string): string {
  if (!source.includes(before)) throw new Error(`no '${before}' in the fixture`);
  return source.replace(before, () => `${before}$0`);
}

function open(source: string) {
  const workspace = loadWorkspace(source);
  const file = workspace.files.find((candidate) => candidate.cursor)!;
  return { ...workspace, document: file.document, position: file.cursor! };
}

/** The files a rename changes, after the change, in the fixture format. */
function rename(source: string, newName: string): string {
  const { service, files, document, position } = open(source);
  const edit = service.doRename(document, position, newName);
  if (!edit) throw new Error('rename not supported here');
  return files
    .filter((file) => edit.changes?.[file.uri])
    .map((file) => `#- ${file.path}\n${applyEdits(file.text, edit.changes![file.uri])}`)
    .join('');
}

/** The same files of the fixture, as they are, for comparing with a rename's result. */
function files(source: string, ...paths: string[]): string {
  return loadWorkspace(source)
    .files.filter((file) => paths.includes(file.path))
    .map((file) => `#- ${file.path}\n${file.text}`)
    .join('');
}

function prepare(source: string): string | null {
  const { service, document, position } = open(source);
  const result = service.prepareRename(document, position);
  return result && `${document.getText(result.range)} @${result.range.start.line + 1}:${result.range.start.character + 1} placeholder=${result.placeholder}`;
}

describe('rename', () => {
  const renamedGateway = WORKSPACE.replace('name: egress\n', 'name: egress-http\n')
    .replace('[egress, egress.istio-system, ./egress]', '[egress-http, egress-http.istio-system, ./egress-http]')
    .replace(/istio-system\/egress\]/g, 'istio-system/egress-http]');

  it('renames a Gateway and every reference, each keeping its form', () => {
    assert.equal(
      rename(withCursor(WORKSPACE, 'name: egr'), 'egress-http'),
      files(renamedGateway, '/istio-system/gateway.yaml', '/istio-system/routing.yaml', '/shop/routing.yaml'),
    );
  });

  it('renames the same from a reference in another namespace', () => {
    assert.equal(
      rename(withCursor(WORKSPACE, 'gateways: [mesh, istio-system/eg'), 'egress-http'),
      files(renamedGateway, '/istio-system/gateway.yaml', '/istio-system/routing.yaml', '/shop/routing.yaml'),
    );
  });

  it('renames a subset in its DestinationRule and in every destination of that host, mirrors included', () => {
    const expected = WORKSPACE.replace('- name: httpbin', '- name: via-gateway').replace(/subset: httpbin/g, 'subset: via-gateway');
    assert.equal(rename(withCursor(WORKSPACE, '- name: httpb'), 'via-gateway'), files(expected, '/shop/routing.yaml'));
    assert.equal(rename(withCursor(WORKSPACE, '{host: istio-egressgateway.istio-system.svc.cluster.local, subset: http'), 'via-gateway'), files(expected, '/shop/routing.yaml'));
  });

  it('prepares the name part of a reference, with the name as placeholder', () => {
    assert.equal(prepare(withCursor(WORKSPACE, 'gateways: [mesh, istio-system/eg')), 'egress @18:33 placeholder=egress');
    assert.equal(prepare(withCursor(WORKSPACE, 'gateways: [egress, egr')), 'egress @8:22 placeholder=egress');
    assert.equal(prepare(withCursor(WORKSPACE, 'name: egr')), 'egress @4:9 placeholder=egress');
    assert.equal(prepare(withCursor(WORKSPACE, 'subset: httpb')), 'httpbin @25:17 placeholder=httpbin');
  });

  it('does not rename hosts, `mesh`, Gateways not in the workspace or undefined subsets', () => {
    assert.equal(prepare(withCursor(WORKSPACE, '{host: httpb')), null);
    assert.equal(prepare(withCursor(WORKSPACE, 'gateways: [me')), null);
    const missing = WORKSPACE.replace('[mesh, istio-system/egress]', '[mesh, istio-system/ingress]');
    assert.equal(prepare(withCursor(missing, 'istio-system/ingr')), null);
    const undefinedSubset = WORKSPACE.replace('subset: httpbin}', 'subset: v2}');
    assert.equal(prepare(withCursor(undefinedSubset, 'subset: v')), null);
    const host = open(withCursor(WORKSPACE, '{host: httpb'));
    assert.equal(host.service.doRename(host.document, host.position, 'x'), null);
  });

  it('refuses names that are not DNS-1123 labels', () => {
    const { service, document, position } = open(withCursor(WORKSPACE, 'name: egr'));
    for (const bad of ['Egress', 'egress_http', '-egress', 'egress.http', 'a'.repeat(64), '']) {
      assert.throws(() => service.doRename(document, position, bad), /is not a valid Gateway name/, bad);
    }
    const subset = open(withCursor(WORKSPACE, '- name: httpb'));
    assert.throws(() => subset.service.doRename(subset.document, subset.position, 'V1'), /is not a valid subset name/);
  });

  it('refuses a name already taken', () => {
    const taken = `${WORKSPACE}---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: taken, namespace: istio-system}\nspec: {selector: {istio: egressgateway}}\n`;
    const { service, document, position } = open(withCursor(taken, 'name: egr'));
    assert.throws(() => service.doRename(document, position, 'taken'), /A Gateway `istio-system\/taken` already exists/);
    const subsets = WORKSPACE.replace('  - name: httpbin\n', '  - name: httpbin\n  - name: direct\n');
    const subset = open(withCursor(subsets, '- name: httpb'));
    assert.throws(() => subset.service.doRename(subset.document, subset.position, 'direct'), /already defines a subset `direct`/);
  });

  it('refuses to rewrite a reference it cannot edit in place (an escaped string)', () => {
    const escaped = WORKSPACE.replace('gateways: [egress, egress.istio-system, ./egress]', 'gateways: ["egr\\x65ss"]');
    const { service, document, position } = open(withCursor(escaped, 'name: egr'));
    assert.throws(() => service.doRename(document, position, 'egress-http'), /written through a YAML alias or escape/);
    assert.equal(prepare(withCursor(escaped, '["egr')), null);
  });

  it('renames through an anchored entry once: its aliases follow it', () => {
    const anchored = WORKSPACE.replace('gateways: [egress, egress.istio-system, ./egress]', 'gateways: [&gw egress]').replace(
      '  - route:\n    - destination: {host: httpbin.org}\n#- /shop',
      '  - match: [{gateways: [*gw]}]\n    route:\n    - destination: {host: httpbin.org}\n#- /shop',
    );
    assert.match(rename(withCursor(anchored, 'name: egr'), 'egress-http'), /gateways: \[&gw egress-http\]\n[\s\S]*gateways: \[\*gw\]/);
  });
});
