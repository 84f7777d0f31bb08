// ServiceEntry rules of Istio's webhook, its CRD rules and the single-resource analyzers (see
// ./serviceEntry.codes.ts for the codes of this family). How the resolution decides what the
// rest of the entry may say is here; endpoints, ports and selectors have their own files.
import type { DocumentRule } from '.';
import type { RelatedSpan } from '../finding';
import { fqdnProblem, isIpOrCidr, wildcardDomainProblem } from './commonForms';
import { sameDocument } from './commonPlaces';
import { checkEndpoints } from './serviceEntryEndpoints';
import { checkDynamicDns } from './serviceEntryDynamicDns';
import { effectiveResolution, isHttpFamily, isTcpFamily, isTlsFamily, parseProtocol, type EntryContext } from './serviceEntryModel';
import { checkPorts } from './serviceEntryPorts';
import { checkSelector } from './serviceEntrySelector';

export const checkServiceEntry: DocumentRule = (context) => {
  const se = context.facts.serviceEntry;
  if (!se) return;
  const spec = context.read.child(context.root, 'spec');
  const resolution = effectiveResolution(se);
  const resolutionNote = (): RelatedSpan[] =>
    se.resolution ? [sameDocument(context.doc, se.resolution.span, `resolution is ${se.resolution.value}`)] : [];
  const entry: EntryContext = { ...context, se, spec, resolution, resolutionNote };
  checkAddresses(entry);
  checkPorts(entry);
  checkSelector(entry);
  if (!resolution) return;
  checkResolution(entry);
  checkEndpoints(entry);
  if (resolution === 'DYNAMIC_DNS') checkDynamicDns(entry);
};

/** IE212, IE211: addresses are IPs or CIDR blocks; a CIDR block needs NONE or STATIC. */
function checkAddresses({ se, resolution, report, resolutionNote }: EntryContext): void {
  for (const address of se.addresses) {
    if (!isIpOrCidr(address.value)) {
      report({
        ...address.span,
        code: 'IE212',
        message: `\`${address.value}\` is not an IP address or CIDR block. \`addresses\` holds virtual IPs such as \`192.0.2.10\` or \`10.0.0.0/24\`; host names belong in \`hosts\`.`,
      });
    } else if (address.value.includes('/') && resolution && resolution !== 'NONE' && resolution !== 'STATIC' && resolution !== 'DYNAMIC_DNS') {
      // (DYNAMIC_DNS forbids addresses altogether: IE215 says so once.)
      report({
        ...address.span,
        code: 'IE211',
        message: `CIDR blocks such as \`${address.value}\` are only allowed with resolution NONE or STATIC, not ${resolution}. Use \`resolution: NONE\` to pass traffic to whatever IP in the block was dialled, or list single IPs.`,
        data: se.endpoints.length === 0 && !se.workloadSelector ? { fix: 'set-resolution', resolution: 'NONE' } : undefined,
        related: resolutionNote(),
      });
    }
  }
}

function checkResolution(entry: EntryContext): void {
  const { se, resolution, report, read, spec, resolutionNote } = entry;
  const endpointsKey = read.keyOf(spec, 'endpoints');
  // IE210: NONE forwards to the address the application dialled, so endpoints mean nothing.
  if (resolution === 'NONE' && se.endpoints.length > 0 && endpointsKey) {
    // IP addresses fail the FQDN check (their last label is numeric), so this finds host names.
    const byName = se.endpoints.some((endpoint) => endpoint.address && !fqdnProblem(endpoint.address.value));
    const target = byName ? 'DNS' : 'STATIC';
    report({
      ...endpointsKey,
      code: 'IE210',
      message:
        `Endpoints are not allowed with resolution NONE${se.resolution ? '' : ' (the default when `resolution` is not set)'}: NONE sends traffic to the address the ` +
        `application connected to. Set \`resolution: STATIC\` for IP endpoints or \`resolution: DNS\` for host-name endpoints.`,
      data: { fix: 'set-resolution', resolution: target },
      related: resolutionNote(),
    });
  }
  // IE213: with DNS and no endpoints the proxy resolves the hosts themselves.
  if ((resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && se.endpoints.length === 0) {
    for (const host of se.hosts) {
      if (host.value === '*' || wildcardDomainProblem(host.value) || !fqdnProblem(host.value)) continue;
      report({
        ...host.span,
        code: 'IE213',
        message:
          `With \`resolution: ${resolution}\` and no endpoints the proxy looks each host up in DNS, and \`${host.value}\` cannot be looked up. ` +
          'For a wildcard host use `resolution: NONE` (traffic goes to the IP the application resolved), or add endpoints to resolve instead.',
        data: { fix: 'set-resolution', resolution: 'NONE' },
        related: resolutionNote(),
      });
    }
  }
  // IE214: DNS_ROUND_ROBIN keeps one name to resolve.
  if (resolution === 'DNS_ROUND_ROBIN' && se.endpoints.length > 1) {
    report({
      ...se.endpoints[1].span,
      code: 'IE214',
      message: `\`resolution: DNS_ROUND_ROBIN\` allows at most one endpoint; this entry has ${se.endpoints.length}. Use \`resolution: DNS\` to balance over several endpoints.`,
      data: { fix: 'set-resolution', resolution: 'DNS' },
      related: resolutionNote(),
    });
  }
  // IE227: STATIC sends only to listed endpoints (or selected workloads).
  if (resolution === 'STATIC' && se.endpoints.length === 0 && !read.child(spec, 'workloadSelector') && se.resolution) {
    const hostsResolvable = se.hosts.length > 0 && se.hosts.every((host) => !fqdnProblem(host.value));
    report({
      ...se.resolution.span,
      code: 'IE227',
      message:
        '`resolution: STATIC` sends traffic only to the listed `endpoints` (or the workloads a `workloadSelector` picks), and there are none, so requests ' +
        'to these hosts fail with "no healthy upstream". Add endpoints with IP addresses, or use `resolution: DNS` to resolve the hosts.',
      data: hostsResolvable ? { fix: 'set-resolution', resolution: 'DNS' } : undefined,
    });
  }
  checkHostsAndPorts(entry);
}

/** IE220, IE221: several hosts can share a port only when Istio can tell them apart. */
function checkHostsAndPorts({ se, resolution, report, resolutionNote }: EntryContext): void {
  // NONE ignores the hosts when proxying; DYNAMIC_DNS has its own port rule (IE215).
  if (resolution === 'NONE' || resolution === 'DYNAMIC_DNS' || se.hosts.length < 2) return;
  const where = (port: EntryContext['se']['ports'][number]) => port.protocol?.span ?? port.name?.span ?? port.span;
  const opaque = se.ports.filter((port) => {
    const protocol = parseProtocol(port.protocol?.value);
    return !isHttpFamily(protocol) && !isTlsFamily(protocol);
  });
  for (const port of opaque) {
    const protocol = parseProtocol(port.protocol?.value);
    report({
      ...where(port),
      code: 'IE220',
      message:
        `This entry has ${se.hosts.length} hosts and resolution ${resolution}, but port ${port.number?.value ?? ''} is ${protocol ?? 'without a protocol'}: ` +
        'Istio tells hosts apart only by the HTTP Host header or the TLS SNI, so it rejects this. Use one ServiceEntry per host, an HTTP or TLS protocol, or `resolution: NONE`.',
      related: resolutionNote(),
    });
  }
  // The webhook's warning about the same mix, for TLS ports that are otherwise accepted.
  if (opaque.length > 0 || se.addresses.length === 0 || (resolution !== 'DNS' && resolution !== 'DNS_ROUND_ROBIN')) return;
  const tcpPort = se.ports.find((port) => isTcpFamily(parseProtocol(port.protocol?.value)));
  if (!tcpPort) return;
  report({
    ...where(tcpPort),
    code: 'IE221',
    message:
      `With \`addresses\`, a ${parseProtocol(tcpPort.protocol?.value)} port and ${se.hosts.length} hosts, the addresses cannot be tied to one host, and Istio warns about it. ` +
      'Use one ServiceEntry per host, or drop `addresses` and let SNI pick the host.',
    related: resolutionNote(),
  });
}
