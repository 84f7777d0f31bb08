import { strict as assert } from 'node:assert';
import {codes as allCodes, dedent, diagnose as diagnoseAll} from '../../support/service';


// These tests are about the YAML and schema checks (IE1xx); other families have their own tests.
const SCHEMA = /^IE1/;
const codes = (source: string) => allCodes(source, SCHEMA);
const diagnose = (source: string, options: { messages?: boolean; settings?: unknown } = {}) => diagnoseAll(source, { ...options, only: SCHEMA });

describe('YAML syntax diagnostics', () => {
  it('IE100: reports an unterminated string where it starts and keeps checking the other documents', () => {
    assert.equal(
      diagnose(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: "broken
        spec:
          hosts: [a.example.com]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: gw
        spec:
          selectr: {istio: egressgateway}
          servers: []
      `),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: "broken
                ^^^^^^^ IE100 error
        spec:
          hosts: [a.example.com]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: gw
        spec:
          selectr: {istio: egressgateway}
          ^^^^^^^ IE120 error
          servers: []
      `),
    );
  });

  it('IE100: bad indentation is reported on the misaligned line with advice', () => {
    const rendered = diagnose(
      `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: se
      spec:
        hosts:
        - a.example.com
         location: MESH_EXTERNAL
      `,
      { messages: true },
    );
    assert.match(rendered, /IE100 error: YAML syntax error: .+/);
  });

  it('IE101: flags tabs in indentation on the tab characters only', () => {
    assert.equal(
      diagnose('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n\tname: se\n'),
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n\tname: se\n^ IE101 error\n',
    );
  });

  it('IE101: tabs inside values are fine', () => {
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: "a\tb"\nspec:\n  hosts: [a.example.com]\n'), []);
  });

  it('IE102: flags the second of two equal keys', () => {
    assert.equal(
      diagnose(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: se
        spec:
          hosts: [a.example.com]
          hosts: [b.example.com]
      `),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: se
        spec:
          hosts: [a.example.com]
          hosts: [b.example.com]
          ^^^^^ IE102 error
      `),
    );
  });

  it('IE102: the same key in different mappings is fine', () => {
    assert.deepEqual(codes(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: se
      spec:
        hosts: [a.example.com]
        ports:
        - {name: http, number: 80}
        - {name: https, number: 443}
    `), []);
  });

  it('IE103: a binary file gets one clear message and nothing else', () => {
    const rendered = diagnose('apiVersion: networking.istio.io/v1\u0000\u0001\u0002kind', { messages: true });
    assert.match(rendered, /IE103 info: This file contains binary data/);
    assert.equal(codes('\u0000\u0000garbage').join(), 'IE103');
  });

  it('IE103: a file over the size limit is not analysed, and says how to change that', () => {
    const big = `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se}\nspec: {hosts: [a.example.com]}\n# ${'x'.repeat(3000)}\n`;
    const rendered = diagnose(big, { messages: true, settings: { maxFileSizeKB: 1 } });
    assert.match(rendered, /IE103 info: This file is 3 KB, above the 1 KB analysis limit.*istioEgress\.maxFileSizeKB/);
    assert.deepEqual(codes(big), []);
  });

  it('IE105: a Helm template gets one hint and no syntax noise', () => {
    assert.equal(
      diagnose(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {{ .Values.name }}
        spec:
          hosts: {{ toYaml .Values.hosts | nindent 4 }}
      `),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {{ .Values.name }}
                ^^ IE105 hint
        spec:
          hosts: {{ toYaml .Values.hosts | nindent 4 }}
      `),
    );
  });

  it('leaves syntax errors in non-Istio YAML to other tools', () => {
    assert.deepEqual(codes('services:\n  web:\n    image: "nginx\n'), []);
  });

  it('IE104: thousands of nested brackets get one clear message, nothing else', () => {
    const deep = `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: a}\nspec:\n  hosts: ${'['.repeat(10000)}${']'.repeat(10000)}\n`;
    const rendered = diagnose(deep, { messages: true });
    assert.deepEqual(codes(deep), ['IE104']);
    assert.match(rendered, /IE104 error: This document is nested too deeply to analyse/);
  });

  it('IE100: an alias without an anchor; aliases and merge keys that resolve are fine', () => {
    assert.match(diagnose(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: a}
      spec:
        hosts: *missing
    `, { messages: true }), /\^{8} IE100 error: YAML syntax error: the alias `\*missing` refers to no anchor/);
    assert.deepEqual(codes(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: a}
      spec:
        hosts: &hosts [a.example.com]
        ports:
        - &tls {number: 443, name: tls, protocol: TLS}
        - <<: *tls
          number: 8443
          name: tls-alt
        subjectAltNames: *hosts
    `), []);
  });

  it('checks a value reached through an alias, and reports on the alias', () => {
    assert.equal(
      diagnose(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: a}
        spec:
          hosts: [a.example.com]
          location: &where MESH_EXTERNAL
          resolution: *where
      `),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: a}
        spec:
          hosts: [a.example.com]
          location: &where MESH_EXTERNAL
          resolution: *where
                      ^^^^^^ IE122 error
      `),
    );
  });

  it('a merge key counts for required fields', () => {
    assert.deepEqual(codes(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: a}
      spec:
        hosts: [a.example.com]
        ports:
        - &http {number: 80, name: http}
        - <<: *http
          number: 8080
    `), []);
  });

  it('`...` ends a document, so a following one is checked on its own', () => {
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: a}\nspec: {outboundTrafficPolicy: {mode: ALLOW_ANY}}\n...\napiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: b}\nspec: {outboundTrafficPolicy: {mode: ALLOW}}\n'), ['IE122']);
  });

  it('IE120: an empty key says so', () => {
    assert.match(diagnose('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: a}\nspec:\n  hosts: [a.example.com]\n  : DNS\n', { messages: true }), /IE120 error: A key is missing in spec/);
  });

  it('IE105 only for template actions, not for braces inside strings', () => {
    assert.deepEqual(codes(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata:
        name: vs
        annotations:
          note: "a lone {{ opens nothing"
      spec:
        hosts: [a.example.com]
        http:
        - route:
          - destination: {host: a.example.com}
    `), []);
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: {{- include "name" . }}\n'), ['IE105']);
  });
});

