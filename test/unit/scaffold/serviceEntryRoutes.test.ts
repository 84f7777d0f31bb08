// "Route this host through the egress gateway" on an existing ServiceEntry: the code actions
// offered, the file after applying one (the entry kept, the route appended after it, clean under
// our analysis), and the CodeLenses that stand for the same edits.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, type CodeAction } from 'vscode-languageserver-types';
import { ROUTE_SERVICE_ENTRY_COMMAND } from '../../../server/src/service/features/scaffold/serviceEntryActions';
import { dedent, fixture } from '../../support/fixture';
import { applyWorkspaceEdit } from '../../support/render';
import { newService } from '../../support/service';

const NEWS = `
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry$0
  metadata:
    name: news
  spec:
    hosts:
    - news.example.org
    ports:
    - number: 80
      name: http
      protocol: HTTP
    - number: 443
      name: https
      protocol: HTTPS
    resolution: DNS
`;

/** The route actions at the fixture's cursor, and a way to apply one and check the result. */
function routeActions(source: string, settings?: unknown) {
  const file = fixture(source);
  const service = newService(settings);
  const cursor = file.cursor ?? { line: 0, character: 0 };
  const actions = service.getEgressRouteActions(file.document, { start: cursor, end: cursor });
  const apply = (action: CodeAction | undefined) => {
    assert.ok(action?.edit, 'an action with an edit');
    const text = applyWorkspaceEdit(file.uri, file.text, action.edit);
    const check = newService(settings);
    check.setWorkspaceFile(file.uri, text);
    const problems = check.fileDiagnostics(file.uri).filter((d) => d.severity !== DiagnosticSeverity.Hint).map((d) => `${d.code} ${d.message}`);
    return { text, problems };
  };
  return { actions, titles: actions.map((action) => action.title), apply, service, file };
}

describe('scaffold: routing an existing ServiceEntry through the egress gateway', () => {
  it('offers one refactoring per route the entry\'s ports allow', () => {
    const { titles, actions } = routeActions(NEWS);
    assert.deepEqual(titles, [
      'Route news.example.org through the egress gateway: HTTP on port 80',
      'Route news.example.org through the egress gateway: TLS origination, port 80 → 443',
      'Route news.example.org through the egress gateway: TLS passthrough on port 443',
    ]);
    assert.ok(actions.every((action) => action.kind === 'refactor.rewrite.egressRoute'));
  });

  it('appends the Gateway, DestinationRules and VirtualService after the entry, which stays as written', () => {
    const { actions, apply } = routeActions(NEWS);
    const { text, problems } = apply(actions[1]);
    assert.deepEqual(problems, []);
    assert.ok(text.startsWith(dedent(NEWS).replace('$0', '')), 'the ServiceEntry is untouched');
    assert.equal((text.match(/^kind: ServiceEntry$/gm) ?? []).length, 1, 'no second ServiceEntry');
    assert.deepEqual(text.match(/^kind: \w+$/gm), ['kind: ServiceEntry', 'kind: Gateway', 'kind: DestinationRule', 'kind: VirtualService', 'kind: DestinationRule']);
    assert.match(text, /resolution: DNS\n---\n# The egress gateway \(istio-egressgateway\.istio-system\) accepts news\.example\.org on port 80\.\n/);
    assert.match(text, /name: originate-tls-for-news-example-org/);
  });

  it('each offered route comes out clean', () => {
    const { actions, apply } = routeActions(NEWS);
    for (const action of actions) assert.deepEqual(apply(action).problems, [], action.title);
  });

  it('inserts between documents, before the comments that introduce the next one', () => {
    const source = `${NEWS.replace('$0', '')}  ---\n  # Unrelated.\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x$0\n`;
    const file = fixture(source);
    const service = newService();
    const actions = service.getEgressRouteActions(file.document, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } });
    const text = applyWorkspaceEdit(file.uri, file.text, actions[0].edit);
    assert.ok(text.endsWith('---\n# Unrelated.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'));
    assert.deepEqual(text.match(/^kind: \w+$/gm), ['kind: ServiceEntry', 'kind: Gateway', 'kind: DestinationRule', 'kind: VirtualService', 'kind: ConfigMap']);
  });

  it('keeps the entry\'s namespace, and writes it only where the entry does', () => {
    const inShop = routeActions(NEWS.replace('name: news', 'name: news\n    namespace: shop'));
    const { text, problems } = inShop.apply(inShop.actions[0]);
    assert.deepEqual(problems, []);
    assert.equal((text.match(/^ {2}namespace: shop$/gm) ?? []).length, 4);
    assert.doesNotMatch(routeActions(NEWS).apply(routeActions(NEWS).actions[0]).text, /namespace:/);
  });

  it('an entry without resolution gets resolution DNS: with NONE the egress gateway would connect to itself', () => {
    const { titles, actions, apply } = routeActions(NEWS.replace('    resolution: DNS\n', ''));
    assert.equal(titles[0], 'Route news.example.org through the egress gateway: HTTP on port 80 (sets resolution: DNS)');
    const { text, problems } = apply(actions[0]);
    assert.deepEqual(problems, []);
    assert.match(text, /protocol: HTTPS\n {2}resolution: DNS\n---\n/);
  });

  it('a wildcard entry is forwarded to one concrete server, which gets its own ServiceEntry', () => {
    const source = NEWS.replace('- news.example.org', '- "*.news.example.org"').replace('resolution: DNS', 'resolution: NONE');
    const { titles, actions, apply } = routeActions(source);
    assert.equal(titles[2], 'Route *.news.example.org through the egress gateway: TLS passthrough on port 443 (forwarded to www.news.example.org)');
    const { text, problems } = apply(actions[2]);
    assert.deepEqual(problems, []);
    assert.match(text, /hosts:\n {2}- www\.news\.example\.org\n/);
  });

  it('nothing is offered where the route would not work or exists already', () => {
    const none = (source: string, why: string) => assert.deepEqual(routeActions(source).titles, [], why);
    none(NEWS.replace('resolution: DNS', 'location: MESH_INTERNAL\n    resolution: DNS'), 'a mesh-internal entry');
    none(NEWS.replace('resolution: DNS', 'resolution: STATIC'), 'STATIC without endpoints');
    none(NEWS.replace('resolution: DNS', 'resolution: MESH_EXTERNAL'), 'a resolution to fix first');
    none(NEWS.replace('- news.example.org', '- news'), 'a short name');
    const timeout = `
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata:
        name: news
      spec:
        hosts:
        - news.example.org
        http:
        - timeout: 3s
          route:
          - destination:
              host: news.example.org
    `;
    none(dedent(NEWS) + dedent(timeout), 'a VirtualService already routes the host for the sidecars');
    const tcp = NEWS.replace(/ports:[\s\S]*resolution: DNS/, 'addresses:\n    - 192.0.2.15/32\n    ports:\n    - number: 5432\n      name: tcp\n      protocol: TCP\n    resolution: DNS');
    none(tcp, 'a TCP port the default egress gateway does not expose');
    assert.deepEqual(routeActions(tcp, { gateways: [{ service: 'istio-egressgateway', namespace: 'istio-system', labels: { istio: 'egressgateway' }, ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }] }] }).titles, [
      'Route news.example.org through the egress gateway: TCP on port 5432',
    ]);
  });

  it('offered where the cursor names the entry or a host, not on its other lines', () => {
    const twoHosts = NEWS.replace('kind: ServiceEntry$0', 'kind: ServiceEntry').replace('- news.example.org', '- news.example.org\n    - sport.example.org');
    assert.equal(routeActions(twoHosts.replace('name: news', 'name: news$0')).titles.length, 6);
    assert.deepEqual(routeActions(twoHosts.replace('- sport.example.org', '- sport.example.org$0')).titles, [
      'Route sport.example.org through the egress gateway: HTTP on port 80',
      'Route sport.example.org through the egress gateway: TLS origination, port 80 → 443',
      'Route sport.example.org through the egress gateway: TLS passthrough on port 443',
    ]);
    assert.deepEqual(routeActions(twoHosts.replace('protocol: HTTPS', 'protocol: HTTPS$0')).titles, []);
  });

  it('the cursor outside a ServiceEntry gets nothing', () => {
    const source = `${NEWS.replace('$0', '')}  ---\n  apiVersion: networking.istio.io/v1\n  kind: Sidecar$0\n  metadata:\n    name: default\n  spec:\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLY\n`;
    assert.deepEqual(routeActions(source).titles, []);
  });

  it('CodeLenses on the entry\'s kind line offer the same routes and run the server command', () => {
    const { service, file } = routeActions(NEWS);
    const lenses = service.findEgressRouteLenses(file.document);
    assert.deepEqual(
      lenses.map((lens) => lens.command?.title),
      ['Route this host through the egress gateway: HTTP on port 80', 'TLS origination, port 80 → 443', 'TLS passthrough on port 443'],
    );
    assert.ok(lenses.every((lens) => lens.range.start.line === 1 && lens.command?.command === ROUTE_SERVICE_ENTRY_COMMAND));
    const args = lenses[1].command!.arguments![0];
    assert.deepEqual(args, { uri: file.uri, host: 'news.example.org', mode: 'tls-origination', port: 80 });
    const viaLens = service.egressRouteCommandEdit(file.document, args);
    assert.deepEqual(viaLens?.edit, service.getEgressRouteActions(file.document, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } })[1].edit);
    assert.equal(service.egressRouteCommandEdit(file.document, { ...args, port: 81 }), undefined);
    assert.equal(service.egressRouteCommandEdit(file.document, 'nonsense'), undefined);
  });
});
