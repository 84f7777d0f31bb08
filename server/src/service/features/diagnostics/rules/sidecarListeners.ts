// Sidecar ingress and egress listener rules of Istio's webhook (ValidateSidecar and the
// port/bind helpers it calls). Host forms in `egress.hosts` are the common family's business.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { protocolFamily } from '../../../schema/common';
import type { Span } from '../finding';
import type { DocumentRuleContext } from '.';
import { isIpAddress, isValidPort, splitHostPort, UNIX_PREFIX, unixPathProblem } from './gatewayAddresses';
import { isSet, isTrue, mapField, numberField, stringField } from './gatewayFields';
import { checkServerTls, effectiveTlsMode } from './gatewayTls';

const LOCAL_HOSTS = new Set(['', '127.0.0.1', '0.0.0.0', '::1', '::']);
const UNSUPPORTED_INGRESS_TLS = ['subjectAltNames', 'credentialName', 'credentialNames', 'tlsCertificates'];

export function checkIngressListeners(context: DocumentRuleContext, listeners: Node[]): void {
  const { read, report } = context;
  const ports = new Map<number, number>();
  listeners.forEach((listener, index) => {
    const port = mapField(read, listener, 'port');
    if (!isMap(listener) || !port) return;
    const number = numberField(read, port, 'number');
    if (number) {
      const first = ports.get(number.value);
      if (first !== undefined) {
        report({ ...number.span, code: 'IE293', message: `Port ${number.value} is already used by ingress listener ${first + 1}; Istio rejects two ingress listeners on one port. Use another port, or merge the listeners.` });
      } else ports.set(number.value, index);
    }
    const bind = stringField(read, listener, 'bind');
    if (bind && bind.value !== '' && !isIpAddress(bind.value)) {
      const unix = bind.value.startsWith(UNIX_PREFIX);
      report({
        ...bind.span,
        code: 'IE294',
        message: unix
          ? 'Ingress listeners cannot bind to a Unix socket; `bind` must be an IP address. To hand traffic to the application over a socket, use `defaultEndpoint: unix:///path`.'
          : `\`bind\` must be an IP address such as \`0.0.0.0\`; \`${bind.value}\` is not one.`,
      });
    }
    checkDefaultEndpoint(context, listener);
    const family = protocolFamily(stringField(read, port, 'protocol')?.value);
    checkIngressTls(context, listener, family);
    const pool = mapField(read, listener, 'connectionPool');
    if (pool && mapField(read, pool, 'http') && family !== 'http') {
      report({
        ...(read.keyOf(pool, 'http') ?? read.span(pool)),
        code: 'IE297',
        message: 'These HTTP connection pool settings do nothing here: the port\'s protocol is not HTTP, so only the `tcp` settings apply (Istio warns). Set an HTTP protocol on the port, or remove `http`.',
      });
    }
  });
}

function checkDefaultEndpoint({ read, report }: DocumentRuleContext, listener: Node): void {
  const endpoint = stringField(read, listener, 'defaultEndpoint');
  if (!endpoint || endpoint.value === '') return;
  const problem = endpointProblem(endpoint.value);
  if (!problem) return;
  report({
    ...endpoint.span,
    code: 'IE294',
    message: `Invalid \`defaultEndpoint\`: ${problem}. Write \`127.0.0.1:PORT\`, \`0.0.0.0:PORT\`, \`[::1]:PORT\`, \`[::]:PORT\` or \`unix:///path\`.`,
  });
}

function endpointProblem(endpoint: string): string | undefined {
  if (endpoint.startsWith(UNIX_PREFIX)) return unixPathProblem(endpoint.slice(UNIX_PREFIX.length));
  const parts = splitHostPort(endpoint);
  if ('problem' in parts) return parts.problem;
  if (!LOCAL_HOSTS.has(parts.host)) return `the sidecar can only hand traffic to the workload on a loopback or wildcard address, not \`${parts.host}\``;
  if (!isValidPort(parts.port)) return `\`${parts.port}\` is not a port from 1 to 65535`;
  return undefined;
}

function checkIngressTls(context: DocumentRuleContext, listener: Node, family: string): void {
  const { read, report } = context;
  const tls = mapField(read, listener, 'tls');
  const tlsKey = read.keyOf(listener, 'tls');
  if (!tls || !tlsKey) return;
  if (family !== 'tls') {
    report({
      ...tlsKey,
      code: 'IE296',
      message: 'Istio accepts `tls` on an ingress listener only when the port\'s protocol is `HTTPS` or `TLS`. Change the protocol, or remove the `tls` block.',
      data: { fix: 'gateway-set-protocol', protocol: family === 'http' ? 'HTTPS' : 'TLS' },
    });
  }
  const unsupported = UNSUPPORTED_INGRESS_TLS.filter((key) => isSet(read, tls, key));
  if (isTrue(read, tls, 'httpsRedirect')) unsupported.push('httpsRedirect');
  for (const key of unsupported) {
    report({
      ...(read.keyOf(tls, key) ?? tlsKey),
      code: 'IE296',
      message: `Sidecar ingress TLS does not support \`${key}\`; Istio rejects it. Remove it${key.startsWith('credentialName') || key === 'tlsCertificates' ? ' and give the certificate as `serverCertificate` and `privateKey` file paths' : ''}.`,
      data: { fix: 'gateway-remove-fields', keys: [key] },
    });
  }
  const mode = effectiveTlsMode(read, tls);
  const modeSpan = stringField(read, tls, 'mode')?.span;
  if ((mode === 'ISTIO_MUTUAL' || mode === 'AUTO_PASSTHROUGH') && modeSpan) {
    report({
      ...modeSpan,
      code: 'IE296',
      message: `\`${mode}\` is not available on a Sidecar ingress listener; Istio rejects it. Use \`SIMPLE\` or \`MUTUAL\` with certificate files (mesh traffic is already mutual TLS without any \`tls\` block).`,
      data: { fix: 'replace', candidates: ['SIMPLE', 'MUTUAL'] },
    });
    return;
  }
  checkServerTls({ read, report, tls, tlsKey, canTerminate: family === 'tls' });
}

export function checkEgressListeners(context: DocumentRuleContext, listeners: Node[]): void {
  const { read, report } = context;
  const ports = new Map<number, number>();
  const sockets = new Map<string, number>();
  listeners.forEach((listener, index) => {
    if (!isMap(listener)) return;
    const portNode = read.child(listener, 'port');
    if (portNode === undefined || (isScalar(portNode) && portNode.value === null)) {
      // Istio only accepts a port-less listener in last place, which also makes it the only one.
      if (index < listeners.length - 1) {
        report({
          ...read.span(listener),
          code: 'IE298',
          message: 'An egress listener without `port` catches everything the other listeners do not, so Istio accepts only one, as the last in the list. Move it to the end, or give it a port.',
        });
      }
    } else if (isMap(portNode)) {
      checkEgressPort(context, listener, portNode, index, ports, sockets);
    }
    const hosts = read.child(listener, 'hosts');
    if (isSeq(hosts) && hosts.items.length === 0) {
      report({
        ...(read.keyOf(listener, 'hosts') ?? read.span(listener)),
        code: 'IE298',
        message: 'An egress listener needs at least one host; Istio rejects an empty list. List what the workloads may reach, e.g. `./*` and `istio-system/*`.',
      });
    }
  });
}

function checkEgressPort(context: DocumentRuleContext, listener: Node, port: Node, index: number, ports: Map<number, number>, sockets: Map<string, number>): void {
  const { read, report } = context;
  const number = numberField(read, port, 'number');
  const bind = stringField(read, listener, 'bind');
  const unix = !!bind && bind.value.startsWith(UNIX_PREFIX);
  // A port without a number is port 0 to Istio.
  const value = number?.value ?? (read.child(port, 'number') === undefined ? 0 : undefined);
  if (value === undefined) return;
  const numberSpan: Span = number?.span ?? read.keyOf(listener, 'port') ?? read.span(port);
  if (value === 0) {
    if (!bind || !unix) {
      report({ ...numberSpan, code: 'IE295', message: `${number ? 'Port 0' : 'A port without `number` (read as 0)'} is only for a Unix socket listener, which needs \`bind: unix:///path\` (or \`unix://@name\`). Otherwise give a port from 1 to 65535.` });
    } else {
      const problem = unixPathProblem(bind.value.slice(UNIX_PREFIX.length));
      if (problem) report({ ...bind.span, code: 'IE294', message: `Invalid Unix socket bind: ${problem}. Write \`unix:///absolute/path\` or \`unix://@abstract-name\`.` });
      const first = sockets.get(bind.value);
      if (first !== undefined) report({ ...bind.span, code: 'IE293', message: `Socket \`${bind.value}\` is already used by egress listener ${first + 1}; each Unix socket listener needs its own path.` });
      else sockets.set(bind.value, index);
    }
    const capture = stringField(read, listener, 'captureMode');
    if (capture && capture.value !== 'DEFAULT' && capture.value !== 'NONE') {
      report({ ...capture.span, code: 'IE295', message: `A Unix socket listener cannot use \`captureMode: ${capture.value}\`: there is no traffic to intercept. Use \`DEFAULT\` or \`NONE\`.`, data: { fix: 'replace', candidates: ['NONE', 'DEFAULT'] } });
    }
    return;
  }
  if (bind && unix) {
    report({ ...bind.span, code: 'IE295', message: `A Unix socket listener has no TCP port: with \`bind: ${bind.value}\` Istio requires \`port.number: 0\`.` });
  } else if (bind && bind.value !== '' && !isIpAddress(bind.value)) {
    report({ ...bind.span, code: 'IE294', message: `\`bind\` must be an IP address (such as \`127.0.0.1\`) or a Unix socket (\`unix:///path\`, with port 0); \`${bind.value}\` is neither.` });
  }
  const first = ports.get(value);
  if (first !== undefined) {
    report({ ...numberSpan, code: 'IE293', message: `Port ${value} is already used by egress listener ${first + 1}; Istio rejects two IP-bound egress listeners on one port. Merge their hosts into one listener.` });
  } else ports.set(value, index);
}
