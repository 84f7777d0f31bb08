import { strict as assert } from 'node:assert';
import {codes as allCodes, dedent, diagnose as diagnoseAll} from '../../support/service';


// These tests are about the YAML and schema checks (IE1xx); other families have their own tests.
const SCHEMA = /^IE1/;
const codes = (source: string) => allCodes(source, SCHEMA);
const diagnose = (source: string, options: { messages?: boolean; settings?: unknown } = {}) => diagnoseAll(source, { ...options, only: SCHEMA });

const body = 'metadata:\n  name: se\nspec:\n  hosts: [api.example.com]\n';

describe('resource header diagnostics', () => {
  it('IE110: an apiVersion Istio does not serve, with the closest served one', () => {
    const rendered = diagnose(`apiVersion: networking.istio.io/v1alpha2\nkind: ServiceEntry\n${body}`, { messages: true });
    assert.match(rendered, /\^{28} IE110 error: Unknown apiVersion `networking.istio.io\/v1alpha2`.*Use `networking.istio.io\/v1alpha3`\./);
  });

  it('IE110: a misspelt group is still recognised as Istio', () => {
    assert.deepEqual(codes(`apiVersion: networking.isito.io/v1\nkind: ServiceEntry\n${body}`), ['IE110']);
  });

  it('IE110/IE112: served versions pass; legacy ones get only a hint', () => {
    assert.deepEqual(codes(`apiVersion: networking.istio.io/v1\nkind: ServiceEntry\n${body}`), []);
    assert.deepEqual(codes(`apiVersion: networking.istio.io/v1beta1\nkind: ServiceEntry\n${body}`), ['IE112']);
    assert.deepEqual(codes(`apiVersion: networking.istio.io/v1alpha3\nkind: ServiceEntry\n${body}`), ['IE112']);
  });

  it('IE111: `kind: Destination` suggests DestinationRule, on the value', () => {
    assert.equal(
      diagnose(`apiVersion: networking.istio.io/v1\nkind: Destination\nmetadata:\n  name: dr\nspec:\n  host: a.example.com\n`, { messages: true }),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: Destination
              ^^^^^^^^^^^ IE111 error: Unknown kind \`Destination\` for networking.istio.io. Did you mean \`DestinationRule\`?
        metadata:
          name: dr
        spec:
          host: a.example.com
      `),
    );
  });

  it('IE111: known Istio kinds outside our five are left alone', () => {
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: f}\nspec: {configPatches: []}\n'), []);
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: w}\nspec: {address: 1.2.3.4}\n'), []);
  });

  it('leaves other YAML alone, including Gateway API Gateways', () => {
    assert.deepEqual(codes('apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {gatewayClassName: istio, listeners: []}\n'), []);
    assert.deepEqual(codes('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {bogus: 1}\n'), []);
  });
});
