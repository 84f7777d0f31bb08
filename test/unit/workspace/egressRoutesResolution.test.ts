// IE410: the host the egress gateway forwards to must not have resolution NONE (nor leave it
// out): the gateway would send each connection to its original destination, itself. Sidecars
// may use such an entry directly, and the mesh leg of a chain never reads it.
import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';
import { BOTH, DR, GATEWAY_RULE, MESH_RULE, SE, egressCodes, fileText, gateway, vs } from './egressRoutes.test';

const CHAIN = vs(BOTH, MESH_RULE + GATEWAY_RULE);
const NONE = SE.replace('resolution: DNS', 'resolution: NONE');
/** An entry that leaves `resolution` out, with `location` before and another key after `ports`. */
const UNSET = SE.replace('  hosts:\n  - httpbin.org\n', '  hosts:\n  - httpbin.org\n  location: MESH_EXTERNAL # outside the mesh\n').replace('  resolution: DNS\n', '  exportTo: ["*"]\n');

const ie410 = (source: string) => Object.values(workspaceCodes(source)).flat().filter((code) => code === 'IE410');

/** Istio's wildcard task in this fixture's terms: sidecars send `*.httpbin.org` to the gateway, which forwards to `target`. */
const WILDCARD_SE = SE.replace('  - httpbin.org\n', '  - "*.httpbin.org"\n').replace('  resolution: DNS\n', '');
const wildcard = (target: string, targetEntry = '') =>
  WILDCARD_SE + targetEntry + gateway(undefined, '- "*.httpbin.org"') + DR + vs(BOTH, MESH_RULE + GATEWAY_RULE.replace('host: httpbin.org', `host: ${target}`)).replace('  - httpbin.org\n', '  - "*.httpbin.org"\n');
/** The one concrete host the wildcard's gateway leg goes to, with an entry of its own. */
const WWW = SE.replace('/egress/se.yaml', '/egress/se-www.yaml').replace('  name: httpbin\n', '  name: www-httpbin\n').replace('  - httpbin.org\n', '  - www.httpbin.org\n');

describe('egress gateway forwarding to a host with resolution NONE (IE410)', () => {
  it('passes with resolution DNS', () => {
    assert.deepEqual(egressCodes(SE + gateway() + DR + CHAIN), {});
  });

  it('IE410 for `resolution: NONE`, on the gateway leg destination; related: the resolution key and the Gateway', () => {
    const source = NONE + gateway() + DR + CHAIN;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE410/ });
    assert.match(
      rendered,
      /\n {8}host: httpbin.org\n {14}\^{11} IE410 error: The egress gateway forwards this traffic to `httpbin.org` \(rule at Gateway `egress-httpbin`\), and ServiceEntry shop\/httpbin has `resolution: NONE`: with NONE the gateway sends each connection to its original destination address, which at the gateway is the gateway's own \(sidecars sent the traffic there\), so the traffic loops back into the gateway and requests fail \(503 or timeouts\)\. Set `resolution: DNS` on ServiceEntry shop\/httpbin\.\n/,
    );
    assert.match(rendered, /IE410 → \/egress\/se.yaml:13:3 ServiceEntry shop\/httpbin: resolution NONE/);
    assert.match(rendered, /IE410 → \/egress\/gateway.yaml:4:9 Gateway shop\/egress-httpbin on the egress gateway/);
    // Only the gateway leg: the mesh leg's destination is the egress gateway itself.
    assert.deepEqual(egressCodes(source), { '/egress/vs.yaml': ['IE410'] });
  });

  it('IE410 fix: replaces NONE with DNS in the ServiceEntry file', () => {
    const after = applyWorkspaceFix(NONE + gateway() + DR + CHAIN, '/egress/vs.yaml', 'IE410');
    assert.equal(after, dedent(SE + gateway() + DR + CHAIN));
  });

  it('IE410 for an entry with `addresses`: STATIC with endpoints is the other way out, so DNS is offered but not preferred', () => {
    const source = NONE.replace('  ports:\n', '  addresses:\n  - 192.0.2.10\n  ports:\n') + gateway() + DR + CHAIN;
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE410/ }), /IE410 error: .*Set `resolution: DNS` on ServiceEntry shop\/httpbin, or `resolution: STATIC` with the server's IPs as `endpoints` when the host is not a DNS name\./);
    const { actions } = workspaceFixes(source, '/egress/vs.yaml', 'IE410');
    assert.deepEqual(actions.map((action) => [action.title, !!action.isPreferred]), [['Set resolution: DNS on ServiceEntry shop/httpbin', false]]);
  });

  it('IE410 when `resolution` is left out (NONE by default); the fix writes it after `ports`, keeping comments', () => {
    const source = UNSET + gateway() + DR + CHAIN;
    assert.match(diagnoseWorkspace(source, { messages: true, related: true, codes: /IE410/ }), /IE410 error: .*ServiceEntry shop\/httpbin sets no `resolution`, which means NONE: .*\nIE410 → \/egress\/se.yaml:8:5 ServiceEntry shop\/httpbin: no resolution \(NONE\)/s);
    const { actions } = workspaceFixes(source, '/egress/vs.yaml', 'IE410');
    assert.deepEqual(actions.map((action) => [action.title, action.isPreferred]), [['Set resolution: DNS on ServiceEntry shop/httpbin', true]]);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE410');
    assert.equal(after, dedent(UNSET.replace('  exportTo: ["*"]\n', '  resolution: DNS\n  exportTo: ["*"]\n') + gateway() + DR + CHAIN));
    assert.deepEqual(egressCodes(after), {});
    // `location` after `ports`: the key goes after `location`.
    const late = SE.replace('  resolution: DNS\n', '  location: MESH_EXTERNAL\n  exportTo: ["*"]\n');
    assert.match(fileText(applyWorkspaceFix(late + gateway() + DR + CHAIN, '/egress/vs.yaml', 'IE410'), '/egress/se.yaml'), /protocol: HTTP\n {2}location: MESH_EXTERNAL\n {2}resolution: DNS\n {2}exportTo:/);
  });

  it('IE410 for a wildcard destination: the same loop; route to one concrete DNS host instead, no edit offered', () => {
    const source = wildcard('"*.httpbin.org"');
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE410/ });
    assert.match(
      rendered,
      /host: "\*.httpbin.org"\n {14}\^{15} IE410 error: The egress gateway forwards this traffic to `\*.httpbin.org` .*and ServiceEntry shop\/httpbin sets no `resolution`, which means NONE: .* A wildcard host is the same loop, and DNS cannot resolve it: route the gateway leg to one concrete host declared in a ServiceEntry with `resolution: DNS`, as Istio's wildcard egress task does/,
    );
    assert.deepEqual(ie410(source), ['IE410']);
    assert.equal(workspaceFixes(source, '/egress/vs.yaml', 'IE410').actions.length, 0);
  });

  it('the wildcard task as documented passes: the NONE wildcard entry serves only the mesh leg', () => {
    assert.deepEqual(ie410(wildcard('www.httpbin.org', WWW)), []);
    // The concrete host with a NONE entry of its own is flagged.
    assert.deepEqual(ie410(wildcard('www.httpbin.org', WWW.replace('resolution: DNS', 'resolution: NONE'))), ['IE410']);
  });

  it('an entry that also lists a wildcard host: declare the concrete host in an entry of its own, no edit offered', () => {
    const source = NONE.replace('  - httpbin.org\n', '  - httpbin.org\n  - "*.httpbin.org"\n') + gateway() + DR + CHAIN;
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE410/ }), /IE410 error: .*Move `httpbin.org` to a ServiceEntry of its own with `resolution: DNS`: ServiceEntry shop\/httpbin also lists `\*.httpbin.org`, which DNS cannot resolve\./);
    assert.equal(workspaceFixes(source, '/egress/vs.yaml', 'IE410').actions.length, 0);
  });

  it('no IE410 where NONE is right: sidecars routing straight out, or no VirtualService at all', () => {
    const direct = vs('', '  - route:\n    - destination:\n        host: httpbin.org\n');
    assert.deepEqual(ie410(NONE + direct), []);
    assert.deepEqual(ie410(UNSET), []);
    // A mesh-only VirtualService that sends the host to the egress gateway: no gateway leg here to judge.
    assert.deepEqual(ie410(NONE + gateway() + DR + vs('', MESH_RULE)), []);
  });
});
