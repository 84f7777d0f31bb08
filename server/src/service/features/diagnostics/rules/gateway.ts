// Single-resource Gateway rules of Istio's webhook (validateGateway, validateServer and friends)
// that the schema checks cannot express. Codes: ./gateway.codes.ts.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { YamlReader } from '../../../index/yamlAccess';
import { protocolFamily } from '../../../schema/common';
import type { Span } from '../finding';
import type { DocumentRule, DocumentRuleContext } from '.';
import { isIpAddress, UNIX_PREFIX, unixPathProblem } from './gatewayAddresses';
import { isTrue, mapField, numberField, stringField } from './gatewayFields';
import { checkServerTls, effectiveTlsMode } from './gatewayTls';

export const checkGateway: DocumentRule = (context) => {
  const { facts, read, root, report } = context;
  if (facts.kind !== 'Gateway') return;
  const spec = read.child(root, 'spec');
  // Without a spec mapping the schema checks already ask for one.
  if (!read.map(spec)) return;
  checkSelector(context, spec);
  const servers = read.child(spec, 'servers');
  const list = read.resolve(servers);
  const none = servers === undefined || isNull(read, servers) || (isSeq(list) && list.items.length === 0);
  if (none) {
    report({
      ...(read.keyOf(spec, 'servers') ?? read.keyOf(root, 'spec') ?? { start: 0, end: 1 }),
      code: 'IE230',
      message: 'A Gateway needs at least one server; Istio rejects it otherwise. Add `servers:` with a port, a protocol and the hosts to accept (for TLS egress: port 443, protocol `TLS`, `tls.mode: PASSTHROUGH`).',
    });
    return;
  }
  const portNames = new Map<string, number>();
  const seen = new Map<Node, number>();
  (isSeq(list) ? (list.items as Array<Node | null>) : []).forEach((written, index) => {
    const server = read.resolve(written);
    if (!isMap(server)) return;
    // An alias repeats a whole server (and so its port name); say it once, where the alias is.
    const first = seen.get(server);
    if (first !== undefined) {
      report({ ...read.span(written), code: 'IE231', message: `This alias repeats server ${first + 1}, port name included; Istio rejects repeated port names. Write the server out with its own port name.` });
      return;
    }
    seen.set(server, index);
    checkServer(context, server, index, portNames);
  });
};

function isNull(read: YamlReader, node: Node | undefined): boolean {
  const resolved = read.resolve(node);
  return isScalar(resolved) && resolved.value === null;
}

/** `selector: {}` is read as "no selector": the servers open on every gateway proxy. */
function checkSelector({ read, report, settings }: DocumentRuleContext, spec: Node | undefined): void {
  const selector = read.child(spec, 'selector');
  const map = read.map(selector);
  if (!map || map.items.length > 0) return;
  const workloads = [...settings.gateways].sort((a, b) => Number(b.role === 'egress') - Number(a.role === 'egress'));
  const candidates = [
    ...new Set(
      workloads.map((workload) => {
        // `istio: <name>` is how Istio's own examples select a gateway; otherwise every label.
        const labels = 'istio' in workload.labels ? { istio: workload.labels.istio } : workload.labels;
        return `{${Object.entries(labels).map(([key, value]) => `${key}: ${value}`).join(', ')}}`;
      }),
    ),
  ];
  report({
    ...read.span(selector),
    code: 'IE247',
    message:
      'An empty selector counts as no selector: these servers open on every gateway workload, ingress gateways included, where an egress port ' +
      `can be reachable from outside the cluster. Name the labels of the intended gateway pods${candidates.length ? `, e.g. \`${candidates[0]}\`` : ''}.`,
    data: candidates.length ? { fix: 'replace', candidates } : undefined,
  });
}

function checkServer(context: DocumentRuleContext, server: Node, index: number, portNames: Map<string, number>): void {
  const { read, report } = context;
  const hosts = read.child(server, 'hosts');
  if (isSeq(read.resolve(hosts)) && read.items(hosts).length === 0) {
    report({
      ...(read.keyOf(server, 'hosts') ?? read.span(server)),
      code: 'IE248',
      message: 'A server needs at least one host; Istio rejects an empty list. List the hosts this server accepts, e.g. the external host for egress, or `"*"` for any.',
    });
  }
  const port = mapField(read, server, 'port');
  const protocol = stringField(read, port, 'protocol');
  const family = protocolFamily(protocol?.value);
  checkPortName(context, port, index, portNames);
  const targetPort = numberField(read, port, 'targetPort');
  if (targetPort && targetPort.value > 0) {
    report({
      ...targetPort.span,
      code: 'IE232',
      message: 'Istio rejects a Gateway port with a `targetPort`: the gateway proxy listens on `number` itself. Remove `targetPort`.',
      data: { fix: 'gateway-remove-fields', keys: ['targetPort'] },
    });
  }
  checkBind(context, server, port);

  const tlsNode = read.child(server, 'tls');
  const tls = mapField(read, server, 'tls');
  const tlsKey = read.keyOf(server, 'tls');
  if (family === 'tls' && protocol && (tlsNode === undefined || isNull(read, tlsNode))) {
    const modes = protocol.value.toUpperCase() === 'HTTPS' ? ['ISTIO_MUTUAL', 'PASSTHROUGH'] : ['PASSTHROUGH', 'ISTIO_MUTUAL'];
    report({
      ...protocol.span,
      code: 'IE235',
      message:
        `A server with protocol \`${protocol.value}\` needs a \`tls\` block; Istio rejects it otherwise. For egress, \`mode: PASSTHROUGH\` forwards the application's own TLS by SNI, ` +
        '`mode: ISTIO_MUTUAL` accepts mutual TLS from the sidecars (with a DestinationRule `ISTIO_MUTUAL` towards the gateway).',
      data: { fix: 'gateway-add-tls', modes },
    });
  }
  if (!tls || !tlsKey) return;
  if (family !== 'unknown' && family !== 'tls' && !isPlainRedirect(read, tls, family)) {
    const better = family === 'http' ? 'HTTPS' : 'TLS';
    report({
      ...tlsKey,
      code: 'IE236',
      message:
        `Istio rejects a \`tls\` block on a server with protocol \`${protocol?.value}\`: only \`HTTPS\` and \`TLS\` servers handle TLS` +
        `${family === 'http' ? ' (an `HTTP` server may only carry `httpsRedirect`)' : ''}. Change the protocol to \`${better}\`, or remove the \`tls\` block.`,
      data: { fix: 'gateway-set-protocol', protocol: better },
    });
  }
  if (family !== 'unknown' && family !== 'http' && isTrue(read, tls, 'httpsRedirect')) {
    report({
      ...(read.keyOf(tls, 'httpsRedirect') ?? tlsKey),
      code: 'IE237',
      message: `\`httpsRedirect\` only works on an \`HTTP\` server, where it answers plain requests with a redirect to https; on a server with protocol \`${protocol?.value}\` it does nothing (Istio warns). Remove it.`,
      data: { fix: 'gateway-remove-fields', keys: ['httpsRedirect'] },
    });
  }
  checkServerTls({ read, report, tls, tlsKey, canTerminate: family === 'tls' });
}

/** An HTTP server may keep a `tls` block that only redirects: passthrough mode, no certificate files. */
function isPlainRedirect(read: YamlReader, tls: Node, family: string): boolean {
  if (family !== 'http') return false;
  const mode = effectiveTlsMode(read, tls);
  if (mode !== 'PASSTHROUGH' && mode !== 'AUTO_PASSTHROUGH') return false;
  return !['caCertificates', 'privateKey', 'serverCertificate'].some((field) => stringField(read, tls, field)?.value);
}

function checkPortName({ read, report }: DocumentRuleContext, port: Node | undefined, index: number, portNames: Map<string, number>): void {
  const name = stringField(read, port, 'name');
  if (!name) return;
  if (name.value === '') {
    report({ ...name.span, code: 'IE231', message: 'The port name is empty; Istio requires one, unique across the servers of the Gateway. Name it after the protocol, e.g. `https`.' });
    return;
  }
  const first = portNames.get(name.value);
  if (first === undefined) {
    portNames.set(name.value, index);
    return;
  }
  const number = numberField(read, port, 'number')?.value;
  const candidate = number !== undefined ? `${name.value}-${number}` : `${name.value}-${index + 1}`;
  report({
    ...name.span,
    code: 'IE231',
    message: `Port name \`${name.value}\` is already used by server ${first + 1} of this Gateway; Istio rejects repeated port names. Rename it, e.g. \`${candidate}\`.`,
    data: portNames.has(candidate) ? undefined : { fix: 'replace', candidates: [candidate] },
  });
}

function checkBind({ read, report }: DocumentRuleContext, server: Node, port: Node | undefined): void {
  const bind = stringField(read, server, 'bind');
  const number = numberField(read, port, 'number');
  const unix = !!bind && bind.value.startsWith(UNIX_PREFIX);
  if (bind && unix) {
    const problem = unixPathProblem(bind.value.slice(UNIX_PREFIX.length));
    if (problem) report({ ...bind.span, code: 'IE233', message: `Invalid Unix socket bind: ${problem}. Write \`unix:///absolute/path\` or \`unix://@abstract-name\`.` });
  } else if (bind && bind.value !== '' && !isIpAddress(bind.value)) {
    report({
      ...bind.span,
      code: 'IE233',
      message: `\`bind\` must be an IP address (such as \`0.0.0.0\` or \`::\`) or a Unix socket (\`unix:///path\`); \`${bind.value}\` is neither${/:\d+$/.test(bind.value) ? ' (the port goes in `port.number`)' : ''}.`,
    });
  }
  if (!number) return;
  const span: Span = number.span;
  if (unix && number.value !== 0) {
    report({ ...span, code: 'IE234', message: 'A server bound to a Unix socket has no TCP port: Istio requires `port.number: 0` with a `unix://` bind. Set it to 0.', data: { fix: 'replace', candidates: ['0'] } });
  } else if (!unix && number.value === 0) {
    report({ ...span, code: 'IE234', message: 'Port 0 is only allowed for a server bound to a Unix socket (`bind: unix:///path`). Use a port from 1 to 65535.' });
  }
}
