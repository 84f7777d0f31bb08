// ServiceEntry endpoints (IE216–IE218): their address form depends on the resolution (STATIC
// reads each endpoint as a WorkloadEntry: an IP or a unix socket; DNS also takes host names), and
// their `ports` maps refer to the entry's ports by name.
import type { Node } from 'yaml';
import type { Spanned } from '../../../index/facts';
import { suggest } from '../../../util/suggest';
import { fqdnProblem, isIpAddress, UNIX_PREFIX, unixPathProblem } from './commonForms';
import { yamlScalar } from './commonPlaces';
import type { EntryContext } from './serviceEntryModel';

export function checkEndpoints(entry: EntryContext): void {
  const { resolution, read, spec, se } = entry;
  if (resolution !== 'STATIC' && resolution !== 'DNS' && resolution !== 'DNS_ROUND_ROBIN') return;
  const portNames = se.ports.map((port) => port.name?.value).filter((name): name is string => !!name);
  const nodes = read.items(read.child(spec, 'endpoints'));
  const allByName = nodes.every((node) => {
    const address = read.string(read.child(node, 'address'))?.value;
    return !!address && (isIpAddress(address) || !fqdnProblem(address));
  });
  for (const node of nodes) {
    const address = read.string(read.child(node, 'address'));
    if (resolution === 'STATIC') checkStaticAddress(entry, node, address, allByName);
    else checkDnsAddress(entry, node, address);
    checkPortKeys(entry, node, portNames);
  }
}

function checkStaticAddress(entry: EntryContext, node: Node, address: Spanned<string> | undefined, allByName: boolean): void {
  const { read, report, se, resolutionNote } = entry;
  if (!address?.value) {
    reportMissingAddress(entry, node, !!read.string(read.child(node, 'network'))?.value);
    return;
  }
  if (address.value.startsWith(UNIX_PREFIX)) {
    const problem = unixPathProblem(address.value.slice(UNIX_PREFIX.length));
    if (problem) report({ ...address.span, code: 'IE216', message: `Invalid unix socket address: ${problem}.` });
    const portsKey = read.keyOf(node, 'ports');
    if (portsKey && read.keys(read.child(node, 'ports')).length > 0) {
      report({ ...portsKey, code: 'IE218', message: 'A unix socket endpoint has no ports: remove this `ports` map (the socket path is the whole address).' });
    }
    if (se.ports.length !== 1) {
      report({
        ...address.span,
        code: 'IE218',
        message: `A unix socket endpoint needs a ServiceEntry with exactly one port, so that traffic of that port goes to the socket; this entry has ${se.ports.length}.`,
      });
    }
    return;
  }
  if (isIpAddress(address.value)) return;
  const isName = !fqdnProblem(address.value);
  report({
    ...address.span,
    code: 'IE216',
    message: isName
      ? `\`${address.value}\` is a host name, but with \`resolution: STATIC\` endpoints must be IP addresses (or \`unix://\` sockets). Use \`resolution: DNS\` to resolve host names.`
      : `\`${address.value}\` is not an IP address: with \`resolution: STATIC\` each endpoint address is an IP or a \`unix:///path\` socket.`,
    data: isName && allByName ? { fix: 'set-resolution', resolution: 'DNS' } : undefined,
    related: resolutionNote(),
  });
}

function checkDnsAddress(entry: EntryContext, node: Node, address: Spanned<string> | undefined): void {
  const { report, resolution, resolutionNote } = entry;
  if (!address?.value) {
    reportMissingAddress(entry, node, false);
    return;
  }
  if (isIpAddress(address.value) || !fqdnProblem(address.value)) return;
  const unix = address.value.startsWith(UNIX_PREFIX);
  report({
    ...address.span,
    code: 'IE216',
    message: unix
      ? `Unix socket endpoints need \`resolution: STATIC\`; with ${resolution} each endpoint address is a host name or an IP.`
      : `\`${address.value}\` is neither an IP address nor a valid host name (${fqdnProblem(address.value)}). With ${resolution} each endpoint address is a host name without wildcards, or an IP.`,
    related: resolutionNote(),
  });
}

function reportMissingAddress({ read, report, resolution }: EntryContext, node: Node, hasNetwork: boolean): void {
  const span = read.span(node);
  if (hasNetwork) {
    // Istio accepts it: the endpoint is then reached through its network's gateway.
    report({
      ...span,
      code: 'IE216',
      severity: 'warning',
      message: 'This endpoint has a `network` but no `address`: Istio accepts it with a warning and reaches it only through that network\'s gateway. Add its address if it can be reached directly.',
    });
    return;
  }
  report({
    ...span,
    code: 'IE216',
    message: `This endpoint has no \`address\`: add ${resolution === 'STATIC' ? 'its IP address' : 'its host name or IP address'}.`,
  });
}

/** IE217: endpoint `ports` keys are names of the entry's ports. */
function checkPortKeys({ read, report }: EntryContext, node: Node, portNames: string[]): void {
  const ports = read.child(node, 'ports');
  for (const key of read.keys(ports)) {
    if (portNames.includes(key)) continue;
    const span = read.keyOf(ports, key);
    if (!span) continue;
    const close = suggest(key, portNames);
    const declared = portNames.length ? `Its ports are named ${portNames.map((name) => `\`${name}\``).join(', ')}.` : 'It declares no named ports.';
    report({
      ...span,
      code: 'IE217',
      message: `\`${key}\` is not the name of a port of this ServiceEntry: an endpoint's \`ports\` map goes from a service port name to the endpoint's port number. ${declared}`,
      data: close.length ? { fix: 'replace', candidates: close.map(yamlScalar) } : undefined,
    });
  }
}
