import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fixture } from '../../support/fixture';
import { applyQuickFix, codes as allCodes, dedent, newService, preferredQuickFixTitles, quickFixTitles } from '../../support/service';


// These tests are about the YAML and schema checks (IE1xx); other families have their own tests.
const SCHEMA = /^IE1/;
const codes = (source: string) => allCodes(source, SCHEMA);

const se = (spec: string) => dedent(`
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata:
    name: se # the name
  spec:
    hosts: [api.example.com]
${spec}`);

describe('quick fixes', () => {
  it('IE120: renames an unknown field to the suggestion, keeping value and comment', () => {
    assert.equal(applyQuickFix(se('    resolutions: DNS # resolve by name\n'), 'IE120'), se('    resolution: DNS # resolve by name\n'));
  });

  it('IE122: replaces an invalid enum value with each valid one', () => {
    assert.deepEqual(quickFixTitles(se('    resolution: MESH_EXTERNAL\n'), 'IE122'), [
      "Change to 'NONE'",
      "Change to 'STATIC'",
      "Change to 'DNS'",
      "Change to 'DNS_ROUND_ROBIN'",
      "Change to 'DYNAMIC_DNS'",
    ]);
    assert.equal(applyQuickFix(se('    resolution: MESH_EXTERNAL\n'), 'IE122', "Change to 'DNS'"), se('    resolution: DNS\n'));
    assert.equal(applyQuickFix(se('    location: mesh_external\n'), 'IE122'), se('    location: MESH_EXTERNAL\n'));
  });

  it('IE122: prefers a close match, but no guess among all the values', () => {
    assert.deepEqual(preferredQuickFixTitles(se('    location: mesh_external\n'), 'IE122'), ["Change to 'MESH_EXTERNAL'"]);
    assert.deepEqual(preferredQuickFixTitles(se('    resolution: DSN\n'), 'IE122'), ["Change to 'DNS'"]);
    assert.deepEqual(preferredQuickFixTitles(se('    resolution: MESH_EXTERNAL\n'), 'IE122'), []);
    assert.deepEqual(preferredQuickFixTitles(se('    resolution: LOOKUP\n'), 'IE122'), []);
  });

  it('IE111: fixes the kind', () => {
    const before = 'apiVersion: networking.istio.io/v1\nkind: Destination\nmetadata: {name: dr}\nspec: {host: a.example.com}\n';
    assert.equal(applyQuickFix(before, 'IE111'), before.replace('kind: Destination', 'kind: DestinationRule'));
  });

  it('IE110 and IE112: fix or upgrade the apiVersion', () => {
    const body = 'kind: Gateway\nmetadata: {name: gw}\nspec:\n  selector: {istio: egressgateway}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [a.example.com]}]\n';
    assert.equal(applyQuickFix(`apiVersion: networking.istio.io/v2\n${body}`, 'IE110', "Change to 'networking.istio.io/v1'"), `apiVersion: networking.istio.io/v1\n${body}`);
    assert.equal(applyQuickFix(`apiVersion: networking.istio.io/v1alpha3\n${body}`, 'IE112'), `apiVersion: networking.istio.io/v1\n${body}`);
  });

  it('IE121: unquotes a number, quotes a string, adds a duration unit, wraps a list', () => {
    assert.equal(applyQuickFix(se('    ports:\n    - {number: "80", name: http}\n'), 'IE121'), se('    ports:\n    - {number: 80, name: http}\n'));
    const labels = se('').replace('  name: se # the name', '  name: se # the name\n  labels:\n    version: 1.0');
    assert.equal(applyQuickFix(labels, 'IE121'), labels.replace('version: 1.0', 'version: "1.0"'));
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\nspec:\n  hosts: api.example.com\n  http:\n  - route:\n    - destination: {host: api.example.com}\n    timeout: 10\n';
    const wrapped = applyQuickFix(vs, 'IE121', /^Make it a list/);
    assert.equal(wrapped, vs.replace('hosts: api.example.com', 'hosts: [api.example.com]'));
    assert.equal(applyQuickFix(wrapped, 'IE121'), wrapped.replace('timeout: 10', 'timeout: 10s'));
    assert.deepEqual(codes(applyQuickFix(wrapped, 'IE121')), []);
  });

  it('IE101: converts the tabs of one line, or of every flagged line', () => {
    const before = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n\tname: se\nspec:\n\thosts:\n\t- a.example.com\n';
    assert.equal(applyQuickFix(before, 'IE101'), before.replace('\tname', '  name'));
    const all = applyQuickFix(before, 'IE101', /on all 3 lines/);
    assert.equal(all, 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: se\nspec:\n  hosts:\n  - a.example.com\n');
    assert.deepEqual(codes(all), []);
  });

  it('IE101: prefers the one-line fix only when every usual tab width puts the line in the same place', () => {
    // First child of a block: 2, 4 or 8 columns all make `name` a field of metadata.
    const child = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n\tname: se\nspec:\n  hosts: [a.example.com]\n';
    assert.deepEqual(preferredQuickFixTitles(child, 'IE101'), ['Convert tabs to 2 spaces']);
    // After a nested item: 2 columns starts a new egress listener, 4 adds a host to the one above.
    const sidecar = dedent(`
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata: {name: default}
      spec:
        egress:
        - hosts:
          - "./*"
      \t- "istio-system/*"
      `);
    assert.deepEqual(preferredQuickFixTitles(sidecar, 'IE101'), []);
    assert.deepEqual(quickFixTitles(sidecar, 'IE101'), ['Convert tabs to 2 spaces']);
  });

  it('writes the line breaks it inserts in the file\'s own style (CRLF stays CRLF)', () => {
    const lf = dedent(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: vs}
      spec:
        hosts:
        - api.example.com
        tls:
        - match: [{sniHosts: [api.exmaple.com], port: 443}]
          route: [{destination: {host: api.example.com}}]
    `);
    const crlf = lf.replace(/\n/g, '\r\n');
    const title = "Add 'api.exmaple.com' to the VirtualService hosts";
    assert.equal(applyQuickFix(lf, 'IE281', title), lf.replace('- api.example.com\n', '- api.example.com\n  - api.exmaple.com\n'));
    const fixed = applyQuickFix(crlf, 'IE281', title);
    assert.equal(fixed, crlf.replace('- api.example.com\r\n', '- api.example.com\r\n  - api.exmaple.com\r\n'));
    assert.doesNotMatch(fixed, /[^\r]\n/);
  });

  it('offers nothing for diagnostics from other tools or with forged data', () => {
    assert.deepEqual(quickFixTitles(se('    resolution: DNS\n'), 'IE120'), []);
  });

  it('ignores forged diagnostics without a range', () => {
    const file = fixture(se('    resolution: MESH_EXTERNAL\n'));
    const forged = { message: 'x', code: 'IE122', source: 'istio-egress', data: { fix: 'wrap-in-list' } } as unknown as Diagnostic;
    const real = newService().doValidation(file.document)[0];
    const actions = newService().getCodeActions(file.document, real.range, [forged, null as unknown as Diagnostic, real]);
    assert.equal(actions.length, 5);
    assert.ok(actions.every((action) => action.diagnostics?.[0] === real));
  });
});

