// ServiceEntry ports (IE219, IE222, IE226, IE228): unique names and numbers, valid names, the
// addresses a TCP port needs, and port names that promise a protocol they do not set.
import type { PortFact } from '../../../index/facts';
import { protocolFamily } from '../../../schema/common';
import { isIstioLabel, saneName } from './commonForms';
import { sameDocument, yamlScalar } from './commonPlaces';
import { parseProtocol, protocolOfName, type EntryContext } from './serviceEntryModel';

const AUTO_ALLOCATE_LABEL = 'networking.istio.io/enable-autoallocate-ip';

export function checkPorts(entry: EntryContext): void {
  checkUnique(entry);
  for (const port of entry.se.ports) {
    checkName(entry, port);
    checkNameAgainstProtocol(entry, port);
  }
  checkAddressesRequired(entry);
}

/** IE219: port names and numbers are each unique within the entry. */
function checkUnique({ se, doc, report }: EntryContext): void {
  const names = new Map<string, PortFact>();
  const numbers = new Map<number, PortFact>();
  for (const port of se.ports) {
    const sameName = port.name && names.get(port.name.value);
    if (port.name && sameName) {
      report({
        ...port.name.span,
        code: 'IE219',
        message: `Another port of this ServiceEntry is already named \`${port.name.value}\`; port names must be unique. Rename one.`,
        related: [sameDocument(doc, sameName.name?.span ?? sameName.span, 'the first port with this name')],
      });
    } else if (port.name) names.set(port.name.value, port);
    const sameNumber = port.number && numbers.get(port.number.value);
    if (port.number && sameNumber) {
      report({
        ...port.number.span,
        code: 'IE219',
        message: `Port ${port.number.value} is declared twice; each port number may appear once per ServiceEntry. Merge the two ports or change one number.`,
        related: [sameDocument(doc, sameNumber.number?.span ?? sameNumber.span, `port ${port.number.value} is first declared here`)],
      });
    } else if (port.number) numbers.set(port.number.value, port);
  }
}

/** IE226: a port name is a DNS label; endpoints and routing refer to it. */
function checkName({ report }: EntryContext, port: PortFact): void {
  if (!port.name || isIstioLabel(port.name.value)) return;
  const better = saneName(port.name.value, false);
  report({
    ...port.name.span,
    code: 'IE226',
    message: `\`${port.name.value}\` is not a valid port name: use letters, digits and inner dashes, at most 63 characters${better ? `, e.g. \`${better}\`` : ''}.`,
    data: better ? { fix: 'replace', candidates: [yamlScalar(better)] } : undefined,
  });
}

/** IE228: Kubernetes Services take a port's protocol from its name; ServiceEntries never do. */
function checkNameAgainstProtocol({ report }: EntryContext, port: PortFact): void {
  if (!port.name) return;
  const named = protocolOfName(port.name.value);
  if (!named) return;
  if (!port.protocol) {
    report({
      ...port.name.span,
      code: 'IE228',
      message:
        `The name \`${port.name.value}\` suggests ${named}, but a ServiceEntry port takes its protocol only from \`protocol\`, never from its name: ` +
        `without it, Istio sniffs the protocol. Add \`protocol: ${named}\`.`,
      data: { fix: 'set-port-protocol', protocol: named },
    });
    return;
  }
  const declared = parseProtocol(port.protocol.value);
  // `https` named ports carrying TLS (or `http` ones carrying HTTP2) are the usual style and route the same way.
  if (!declared || protocolFamily(declared) === protocolFamily(named)) return;
  report({
    ...port.name.span,
    code: 'IE228',
    message:
      `The name \`${port.name.value}\` suggests ${named}, but \`protocol\` says ${declared}, and only \`protocol\` counts. ` +
      'Rename the port or correct the protocol so that both say the same.',
  });
}

/**
 * IE222 (istioctl IST0134 and the webhook's warning): without `addresses`, a TCP port (or one with no
 * protocol) is matched by port number alone. Istio allocates an address itself unless the
 * resolution is NONE or the entry opts out, so only those cases are reported.
 */
function checkAddressesRequired({ se, read, root, resolution, report }: EntryContext): void {
  if (se.addresses.length > 0 || !resolution) return;
  const optOut = read.labels(read.at(root, 'metadata', 'labels'))?.[AUTO_ALLOCATE_LABEL]?.toLowerCase() === 'false';
  if (resolution !== 'NONE' && !optOut) return;
  for (const port of se.ports) {
    const protocol = port.protocol?.value;
    if (protocol && protocol.toUpperCase() !== 'TCP') continue;
    const number = port.number?.value;
    const why =
      resolution === 'NONE'
        ? 'With resolution NONE and no `addresses`'
        : `This entry opts out of automatic addresses (\`${AUTO_ALLOCATE_LABEL}: "false"\`), so without \`addresses\``;
    report({
      ...(port.protocol?.span ?? port.name?.span ?? port.span),
      code: 'IE222',
      message:
        `${why}, Istio can match this ${protocol ? 'TCP' : 'unset-protocol'} port only by its number: outbound connections to port ${number ?? 'N'} ` +
        'for any IP that no other service claims are all treated as this ServiceEntry. ' +
        `Add the service's IPs or CIDR blocks under \`addresses\`${protocol ? '' : ', or set `protocol` (HTTP or TLS traffic is told apart by host)'}.`,
    });
  }
}
