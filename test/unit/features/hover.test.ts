import { strict as assert } from 'node:assert';
import { hoverText } from '../../support/service';

const SE = (body: string) => `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
spec:
${body}`;

describe('hover', () => {
  it('shows a field doc with type, default, pitfalls, values and a reference link', () => {
    const text = hoverText(SE('  resol$0ution: DNS\n'))!;
    assert.match(text, /^\*\*resolution\*\* · `enum` · default: NONE/);
    assert.match(text, /`DNS_ROUND_ROBIN` — /);
    assert.match(text, /MESH_EXTERNAL` is a `location`/);
    assert.match(text, /\[Reference\]\(https:\/\/istio\.io\/latest\/docs\/reference\/config\/networking\/service-entry\/#ServiceEntry-resolution\)/);
  });

  it('shows the meaning of an enum value under the cursor', () => {
    const text = hoverText(SE('  resolution: DN$0S\n'))!;
    assert.match(text, /^\*\*DNS\*\* · value of `resolution`/);
    assert.match(text, /#ServiceEntry-Resolution-DNS\)/);
  });

  it('matches protocol values in any case', () => {
    const text = hoverText(SE('  ports:\n  - number: 443\n    name: tls\n    protocol: t$0ls\n'))!;
    assert.match(text, /^\*\*TLS\*\*/);
  });

  it('explains the resource on kind', () => {
    assert.match(hoverText(SE('').replace('kind: ServiceEntry', 'kind: Service$0Entry'))!, /^\*\*ServiceEntry\*\* · networking\.istio\.io/);
    assert.match(hoverText(SE('').replace('kind: ServiceEntry', 'ki$0nd: ServiceEntry'))!, /ServiceEntry/);
  });

  it('explains apiVersion values, flagging legacy ones', () => {
    const text = hoverText(SE('').replace('networking.istio.io/v1', 'networking.istio.io/v1al$0pha3'))!;
    assert.match(text, /same schema as v1/);
  });

  it('documents nested fields and list items with links to their own message', () => {
    const text = hoverText(SE('  ports:\n  - num$0ber: 80\n'))!;
    assert.match(text, /^\*\*number\*\* · `integer 1–65535` · required/);
    assert.match(text, /#ServicePort-number\)/);
    const vs = hoverText(`
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs}
spec:
  hosts: [api.example.com]
  tls:
  - match:
    - sni$0Hosts: [api.example.com]
`)!;
    assert.match(vs, /^\*\*sniHosts\*\*/);
    assert.match(vs, /#TLSMatchAttributes-sni_hosts\)/);
  });

  it('links metadata fields to the Kubernetes reference', () => {
    assert.match(hoverText(SE('').replace('  name: httpbin', '  na$0me: httpbin'))!, /kubernetes\.io\/docs\/reference\/kubernetes-api\/common-definitions\/object-meta/);
  });

  it('says nothing for unknown fields, non-Istio YAML or blank space', () => {
    assert.equal(hoverText(SE('  resolu$0tions: DNS\n')), undefined);
    assert.equal(hoverText('apiVersion: apps/v1\nkind: Deployment\nspec:\n  repl$0icas: 1\n'), undefined);
    assert.equal(hoverText(SE('  hosts: [a.example.com]\n$0\n')), undefined);
  });
});
