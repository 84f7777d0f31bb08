import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, loadWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';

/** The codes of the reference and conflict checks (IE300–IE339) per file: other families judge other sides of these fixtures. */
function ourCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const ours = codes.filter((code) => /^IE3[0-3]\d$/.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

const VS = `
#- /shop/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin # routes to the outside
spec:
  hosts: [httpbin.org]
  http:
  - route:
    - destination:
        host: httpbin.org
        port: {number: 80}
  tls:
  - match:
    - port: 443
      sniHosts: [httpbin.org]
    route:
    - destination: {host: httpbin.org}
`;

const SERVICE_ENTRY = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin-org
spec:
  hosts:
    - httpbin.org
  ports:
    - number: 80
      name: http-80
      protocol: HTTP
    - number: 443
      name: tls-443
      protocol: TLS
  location: MESH_EXTERNAL
  resolution: DNS
`;

describe('quick fix: create-service-entry', () => {
  it('offers the ServiceEntry in this file and in a new file', () => {
    const { actions } = workspaceFixes(VS, '/shop/vs.yaml', 'IE302');
    assert.deepEqual(
      actions.map((action) => action.title),
      ["Add a ServiceEntry for 'httpbin.org' to this file", "Create httpbin.org-serviceentry.yaml with a ServiceEntry for 'httpbin.org'"],
    );
  });

  it('inserts a `---` document after the resource, keeping everything else; the host is then known', () => {
    const after = applyWorkspaceFix(VS, '/shop/vs.yaml', 'IE302');
    assert.equal(after, `${dedent(VS)}---\n${SERVICE_ENTRY}`);
    assert.deepEqual(ourCodes(after), {});
  });

  it('creates `<host>-serviceentry.yaml` next to the file, and picks another name rather than touch an existing one', () => {
    const after = applyWorkspaceFix(VS, '/shop/vs.yaml', 'IE302', /^Create/);
    assert.equal(after, `${dedent(VS)}#- /shop/httpbin.org-serviceentry.yaml\n${SERVICE_ENTRY}`);
    assert.deepEqual(ourCodes(after), {});
    const taken = `${VS}\n#- /shop/httpbin.org-serviceentry.yaml\n${SERVICE_ENTRY.replace(/httpbin/g, 'other')}`;
    const { actions } = workspaceFixes(taken, '/shop/vs.yaml', 'IE302');
    assert.ok(actions.some((action) => action.title === "Create httpbin.org-serviceentry-2.yaml with a ServiceEntry for 'httpbin.org'"));
    const create = actions.find((action) => action.title.startsWith('Create'))?.edit?.documentChanges?.[0];
    assert.deepEqual(create, { kind: 'create', uri: 'file:///workspace/shop/httpbin.org-serviceentry-2.yaml', options: { overwrite: false, ignoreIfExists: false } });
  });

  it('writes the namespace when the resource names one, and resolution NONE for a wildcard host', () => {
    const source = `
      #- /apps/dr.yaml
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: docs, namespace: apps}
      spec:
        host: "*.docs.example.net"
        trafficPolicy:
          portLevelSettings:
          - port: {number: 443}
            tls: {mode: SIMPLE}
    `;
    const after = applyWorkspaceFix(source, '/apps/dr.yaml', 'IE308');
    assert.match(
      after,
      /---\napiVersion: networking.istio.io\/v1\nkind: ServiceEntry\nmetadata:\n {2}name: wildcard-docs-example-net\n {2}namespace: apps\nspec:\n {2}hosts:\n {4}- "\*.docs.example.net"\n {2}ports:\n {4}- number: 443\n {6}name: https-443\n {6}protocol: HTTPS\n {2}location: MESH_EXTERNAL\n {2}resolution: NONE\n$/,
    );
    assert.deepEqual(ourCodes(after), {});
  });

  it('acts only on well-formed data (it comes back from the client)', () => {
    const workspace = loadWorkspace(VS);
    const file = workspace.file('/shop/vs.yaml');
    const diagnostic = workspace.service.doValidation(file.document).find((d) => d.code === 'IE302')!;
    const forged = [
      { fix: 'create-service-entry', host: 'a.example.com\nkind: Secret', namespace: 'shop', ports: [] },
      { fix: 'create-service-entry', host: 'a.example.com', namespace: 'Shop!', ports: [] },
      { fix: 'create-service-entry', host: 'a.example.com', namespace: 'shop', ports: [{ number: 0, protocol: 'HTTP' }] },
      { fix: 'create-service-entry', host: 'a.example.com', namespace: 'shop', ports: [{ number: 80, protocol: 'HTTP: x' }] },
      { fix: 'create-service-entry', host: 'a.example.com', namespace: 'shop' },
    ];
    for (const data of forged) assert.deepEqual(workspace.service.getCodeActions(file.document, diagnostic.range, [{ ...diagnostic, data }]), []);
  });
});
