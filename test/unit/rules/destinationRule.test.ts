import { strict as assert } from 'node:assert';
import { fixture } from '../../support/fixture';
import { renderDiagnostics } from '../../support/render';
import { applyQuickFix, codes as allCodes, dedent, newService, quickFixTitles } from '../../support/service';

/** Schema codes and this family's: the cross-resource families have their own tests. */
const OURS = /^IE(1\d\d|2[5-6]\d)$/;
const codes = (text: string) => allCodes(text).filter((code) => OURS.test(code));
/** The document with carets and messages under the schema's and this family's diagnostics. */
function diagnose(source: string, options: { messages?: boolean } = {}): string {
  const file = fixture(source);
  const diagnostics = newService().doValidation(file.document).filter((d) => OURS.test(String(d.code)));
  return renderDiagnostics(file.text, diagnostics, options);
}

const dr = (spec: string, namespace = 'shop') =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  host: api.example.com\n${spec}`;
/** A spec fragment written at column 0, placed under `spec:`. */
const block = (text: string) => dedent(text).replace(/^(?=.)/gm, '  ');
const spec = (text: string, namespace?: string) => dr(block(text), namespace);

describe('DestinationRule rules', () => {
  it('IE250: an empty trafficPolicy, at the top and in a subset; removed by the fix, comments kept', () => {
    const before = spec(`
      trafficPolicy: {} # to do
      subsets:
      - name: v1
        trafficPolicy:
          tls:
        labels: {version: v1}
    `);
    assert.equal(
      diagnose(before, { messages: true }),
      dr(
        block(`
          trafficPolicy: {} # to do
          ^^^^^^^^^^^^^ IE250 error: The \`trafficPolicy\` of this DestinationRule sets nothing, and Istio rejects an empty traffic policy. Add a setting (such as \`tls\` or \`loadBalancer\`) or remove \`trafficPolicy\`.
          subsets:
          - name: v1
            trafficPolicy:
            ^^^^^^^^^^^^^ IE250 error: The \`trafficPolicy\` of subset \`v1\` sets nothing, and Istio rejects an empty traffic policy. Add a setting (such as \`tls\` or \`loadBalancer\`) or remove \`trafficPolicy\`.
              tls:
            labels: {version: v1}
        `),
      ),
    );
    assert.equal(applyQuickFix(before, 'IE250'), spec(`
      subsets:
      - name: v1
        trafficPolicy:
          tls:
        labels: {version: v1}
    `));
    const fixedSubset = spec(`
      trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
      subsets:
      - name: v1
        trafficPolicy:
          tls:
        labels: {version: v1} # kept
    `);
    assert.equal(applyQuickFix(fixedSubset, 'IE250'), spec(`
      trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
      subsets:
      - name: v1
        labels: {version: v1} # kept
    `));
    assert.deepEqual(quickFixTitles(before, 'IE250'), ['Remove `trafficPolicy`']);
  });

  it('IE250: a policy with any setting passes; typos are left to the schema check', () => {
    assert.deepEqual(codes(spec('trafficPolicy: {tunnel: {protocol: CONNECT, targetHost: proxy.example.com, targetPort: 8080}}\n')), []);
    assert.deepEqual(codes(spec('trafficPolicy: {loadbalancer: {simple: RANDOM}}\n')), ['IE120']);
  });

  it('IE251: a port-level entry with nothing but its port', () => {
    const bad = spec(`
      trafficPolicy:
        portLevelSettings:
        - port: {number: 443}
        - port: {number: 80}
          connectionPool: {tcp: {maxConnections: 10}}
    `);
    assert.match(diagnose(bad, { messages: true }), /- port: \{number: 443\}\n {6}\^{19} IE251 error: This port-level entry for port 443 has nothing but its port/);
    assert.deepEqual(codes(bad), ['IE251']);
  });

  it('IE252: a connection pool without tcp or http; the fix removes it', () => {
    const bad = spec(`
      trafficPolicy:
        connectionPool: {}
        loadBalancer: {simple: ROUND_ROBIN}
    `);
    assert.deepEqual(codes(bad), ['IE252']);
    assert.equal(applyQuickFix(bad, 'IE252'), spec(`
      trafficPolicy:
        loadBalancer: {simple: ROUND_ROBIN}
    `));
    assert.deepEqual(codes(spec('trafficPolicy: {connectionPool: {tcp: {}}}\n')), []);
  });

  it('IE253: UPGRADE with useClientProtocol; the fix removes useClientProtocol', () => {
    const bad = spec(`
      trafficPolicy:
        connectionPool:
          http:
            h2UpgradePolicy: UPGRADE
            useClientProtocol: true
    `);
    assert.deepEqual(codes(bad), ['IE253']);
    assert.equal(applyQuickFix(bad, 'IE253'), spec(`
      trafficPolicy:
        connectionPool:
          http:
            h2UpgradePolicy: UPGRADE
    `));
    assert.deepEqual(codes(bad.replace('useClientProtocol: true', 'useClientProtocol: false')), []);
  });

  it('IE254: consecutiveLocalOriginFailures needs splitExternalLocalOriginErrors: true; the fix adds or sets it', () => {
    const bad = spec(`
      trafficPolicy:
        outlierDetection:
          consecutiveLocalOriginFailures: 5 # connect failures
          interval: 10s
    `);
    assert.deepEqual(codes(bad), ['IE254']);
    assert.equal(applyQuickFix(bad, 'IE254'), spec(`
      trafficPolicy:
        outlierDetection:
          consecutiveLocalOriginFailures: 5 # connect failures
          interval: 10s
          splitExternalLocalOriginErrors: true
    `));
    const off = bad.replace('interval: 10s', 'splitExternalLocalOriginErrors: false');
    assert.equal(applyQuickFix(off, 'IE254'), bad.replace('interval: 10s', 'splitExternalLocalOriginErrors: true'));
    assert.deepEqual(codes(bad.replace('interval: 10s', 'splitExternalLocalOriginErrors: true')), []);
    assert.deepEqual(codes(bad.replace('5 # connect failures', '0')), []);
  });

  it('IE255 and IE256: subset names are unique DNS labels (upper case is fine for Istio)', () => {
    const bad = spec(`
      subsets:
      - name: v1
      - name: v1
      - name: v1.1
      - name: Canary
    `);
    const rendered = diagnose(bad, { messages: true });
    assert.match(rendered, /- name: v1\n {10}\^\^ IE255 error: Subset name `v1` is already used by `subsets\[0\]`/);
    assert.match(rendered, /\^{4} IE256 error: Subset name `v1.1` is not a DNS label/);
    assert.deepEqual(codes(bad), ['IE255', 'IE256']);
    assert.equal(applyQuickFix(bad, 'IE256'), bad.replace('v1.1', 'v1-1'));
    const duplicate = newService().doValidation(fixture(bad).document).find((d) => d.code === 'IE255');
    assert.deepEqual(duplicate?.relatedInformation?.map((r) => [r.location.range.start, r.message]), [[{ line: 8, character: 10 }, 'the subset name is first used here']]);
    assert.deepEqual(codes(spec('subsets:\n- name: v1\n- name: v2\n- name: httpbin # no labels: the egress gateway pattern\n')), []);
  });

  it('IE257: MUTUAL without credentialName needs the client certificate files', () => {
    const bad = spec('trafficPolicy:\n  tls: {mode: MUTUAL, caCertificates: /etc/certs/ca.pem, clientCertificate: /etc/certs/cert.pem}\n');
    assert.match(diagnose(bad, { messages: true }), /IE257 error: MUTUAL TLS presents a client certificate, and without `credentialName` Istio requires it as files: `privateKey` is missing\./);
    assert.deepEqual(codes(bad), ['IE257']);
    assert.deepEqual(codes(bad.replace('}', ', privateKey: /etc/certs/key.pem}')), []);
    assert.deepEqual(codes(spec('trafficPolicy:\n  tls: {mode: ISTIO_MUTUAL}\n')), []);
  });

  it('IE258: certificate files next to credentialName; the fix removes the file field', () => {
    const bad = spec(`
      trafficPolicy:
        tls:
          mode: MUTUAL
          credentialName: client-credential
          privateKey: /etc/certs/key.pem
    `);
    assert.deepEqual(codes(bad), ['IE258', 'IE267']);
    assert.equal(applyQuickFix(bad, 'IE258'), spec(`
      trafficPolicy:
        tls:
          mode: MUTUAL
          credentialName: client-credential
    `));
    assert.deepEqual(codes(applyQuickFix(bad, 'IE258')), ['IE267']);
  });

  it('IE259: insecureSkipVerify with CA or subject-name settings', () => {
    const bad = spec('trafficPolicy:\n  tls: {mode: SIMPLE, insecureSkipVerify: true, caCertificates: /etc/ca.pem, credentialName: c}\n');
    assert.match(diagnose(bad, { messages: true }), /IE259 error: `insecureSkipVerify: true` turns server verification off, so `caCertificates` and `credentialName` would never be used/);
    // MUTUAL may keep credentialName: it also carries the client key pair.
    assert.deepEqual(codes(spec('trafficPolicy:\n  tls: {mode: MUTUAL, insecureSkipVerify: true, credentialName: c}\n')), ['IE267']);
    assert.deepEqual(codes(spec('trafficPolicy:\n  tls: {mode: SIMPLE, insecureSkipVerify: true}\n')), ['IE267']);
  });

  it('IE260: configmap:// credentials must name the DestinationRule namespace', () => {
    const bad = spec('trafficPolicy:\n  tls: {mode: SIMPLE, credentialName: "configmap://istio-system/ca-bundle"}\n');
    assert.match(diagnose(bad, { messages: true }), /IE260 error: Istio reads `configmap:\/\/` credentials only from this DestinationRule's namespace `shop`/);
    assert.equal(applyQuickFix(bad, 'IE260'), bad.replace('configmap://istio-system/', 'configmap://shop/'));
    assert.match(diagnose(bad.replace('istio-system/ca-bundle', 'ca-bundle'), { messages: true }), /IE260 error: A `configmap:\/\/` credentialName needs a namespace and a name/);
    assert.match(diagnose(spec('trafficPolicy:\n  tls: {mode: SIMPLE, credentialName: "configmap://shop/ca"}\n', ''), { messages: true }), /no `metadata.namespace`, so `default`/);
    assert.deepEqual(codes(bad.replace('istio-system/', 'shop/')), ['IE267']);
  });

  it('IE261: Maglev tables must be prime; the fix offers the nearest primes', () => {
    const bad = spec('trafficPolicy:\n  loadBalancer:\n    consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65536}}\n');
    assert.deepEqual(codes(bad), ['IE261']);
    assert.deepEqual(quickFixTitles(bad, 'IE261'), ["Change to '65537'", "Change to '65521'"]);
    assert.deepEqual(codes(bad.replace('65536', '65537')), []);
  });

  it('IE262: distribute weights total 100 over non-overlapping localities', () => {
    const distribute = (to: string, from = 'us-west/zone1/*') => spec(`
      trafficPolicy:
        loadBalancer:
          localityLbSetting:
            distribute:
            - from: ${from}
              to: ${to}
    `);
    assert.match(diagnose(distribute('{"us-west/zone1/*": 80, "us-west/zone2/*": 10}'), { messages: true }), /IE262 error: The weights under `to` total 90; Istio requires locality weights to total exactly 100/);
    assert.match(diagnose(distribute('{"us-west/*": 50, "us-west/zone2": 50}'), { messages: true }), /IE262 error: Locality `us-west\/zone2` overlaps a locality listed before it/);
    assert.match(diagnose(distribute('{"us-west/zone1/*": 100}', 'us-*/zone1'), { messages: true }), /IE262 error: Locality `us-\*\/zone1` may hold one `\*` wildcard only, at its end/);
    assert.deepEqual(codes(distribute('{"us-west/zone1/*": 80, "us-west/zone2/*": 20}')), []);
  });

  it('IE263 and IE264: failover between distinct regions, with outlier detection', () => {
    const failover = (entries: string, outlier = true, priority = '[topology.kubernetes.io/zone]') =>
      dr(
        [
          '  trafficPolicy:',
          ...(outlier ? ['    outlierDetection: {consecutive5xxErrors: 5}'] : []),
          '    loadBalancer:',
          '      localityLbSetting:',
          `        failover: ${entries}`,
          ...(priority ? [`        failoverPriority: ${priority}`] : []),
          '',
        ].join('\n'),
      );
    const rendered = diagnose(failover('[{from: us-east, to: us-east}, {from: us-east/zone1, to: eu-west}]'), { messages: true });
    assert.match(rendered, /IE263 error: This failover entry fails over from `us-east` to itself/);
    assert.match(rendered, /IE263 error: This failover entry names a zone; failover goes between regions only/);
    assert.match(rendered, /IE263 error: `topology.kubernetes.io\/zone` cannot be in `failoverPriority` while `failover` is set/);
    const noOutlier = failover('[{from: us-east, to: eu-west}]', false, '');
    assert.match(diagnose(noOutlier, { messages: true }), /failover: \[\{from: us-east, to: eu-west\}\]\n {8}\^{8} IE264 warning: `failover` only takes effect when unhealthy endpoints are detected/);
    assert.deepEqual(codes(failover('[{from: us-east, to: eu-west}]', true, '[example.com/rack]')), []);
  });

  it('IE263: zone-aware balancing handles topology labels itself', () => {
    const bad = spec('trafficPolicy:\n  outlierDetection: {consecutive5xxErrors: 5}\n  loadBalancer:\n    zoneAwareLbSetting: {enabled: true, failoverPriority: [topology.istio.io/subzone, example.com/rack]}\n');
    assert.deepEqual(codes(bad), ['IE263']);
    assert.deepEqual(codes(bad.replace('topology.istio.io/subzone, ', '')), []);
  });

  it('IE265: warmup aggression must be above 0', () => {
    const bad = spec('trafficPolicy:\n  loadBalancer:\n    simple: ROUND_ROBIN\n    warmup: {duration: 60s, aggression: 0}\n');
    assert.deepEqual(codes(bad), ['IE265']);
    assert.equal(applyQuickFix(bad, 'IE265'), bad.replace('aggression: 0', 'aggression: 1'));
    assert.deepEqual(codes(bad.replace('aggression: 0', 'aggression: 1.5')), []);
  });

  it('IE266: cookie attribute names do not repeat', () => {
    const bad = spec('trafficPolicy:\n  loadBalancer:\n    consistentHash:\n      httpCookie: {name: s, ttl: 0s, attributes: [{name: SameSite, value: Strict}, {name: SameSite, value: Lax}]}\n');
    assert.deepEqual(codes(bad), ['IE266']);
    assert.deepEqual(codes(bad.replace('{name: SameSite, value: Lax}', '{name: Secure}')), []);
  });

  it('IE267: SIMPLE without caCertificates is a hint that says what istioctl prints and why it is fine', () => {
    const origination = spec(`
      trafficPolicy:
        portLevelSettings:
        - port: {number: 443}
          tls:
            mode: SIMPLE # the gateway opens TLS to the external host
    `);
    const rendered = diagnose(origination, { messages: true });
    assert.match(rendered, /mode: SIMPLE # the gateway opens TLS to the external host\n {14}\^{6} IE267 hint: `istioctl analyze` reports IST0129 here for port 443: TLS mode SIMPLE without `caCertificates`/);
    assert.match(rendered, /Since Istio 1.20 an empty `caCertificates` means the proxy verifies the server against the system CA bundle/);
    assert.deepEqual(codes(origination.replace(' # the gateway opens TLS to the external host', '\n        caCertificates: /etc/ssl/certs/ca-certificates.crt')), []);
    // istioctl stays quiet for credentialName with a workloadSelector, and never looks into subsets.
    assert.deepEqual(codes(spec('workloadSelector: {matchLabels: {app: a}}\ntrafficPolicy: {tls: {mode: SIMPLE, credentialName: c}}\n')), []);
    assert.deepEqual(codes(spec('subsets:\n- name: v1\n  trafficPolicy: {tls: {mode: SIMPLE}}\n')), []);
    assert.match(diagnose(spec('trafficPolicy: {tls: {mode: MUTUAL, credentialName: c}}\n'), { messages: true }), /IE267 hint: `istioctl analyze` reports IST0128 here: .*With `credentialName`, the CA certificate comes from that secret/);
  });
});
