// The string forms Istio's webhook accepts for names, hosts and addresses, as predicates that
// say what is wrong (or nothing). They follow Istio's own validators closely, including where
// those are looser than one would expect (labels may contain capitals, `*foo` passes as a
// wildcard label), so that we never reject what Istio accepts.

import { isKubernetesLabel, isKubernetesSubdomain } from '../../../util/names';

// Istio's DNS-1123 label allows capitals (Kubernetes object names do not).
const ISTIO_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
// A first label of a wildcard domain: `*`, or a label optionally led by `*` or `*-`.
const ISTIO_WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const MAX_LABEL = 63;
const MAX_HOST = 255;

export function isIstioLabel(value: string): boolean {
  return value.length <= MAX_LABEL && ISTIO_LABEL.test(value);
}

/** A lower-case, dash-separated spelling of a name, when that would be a valid one. */
export function saneName(value: string, allowDots: boolean): string | undefined {
  const cleaned = value
    .toLowerCase()
    .replace(allowDots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const valid = allowDots ? isKubernetesSubdomain(cleaned) : isKubernetesLabel(cleaned);
  return valid && cleaned !== value ? cleaned : undefined;
}

function preconditions(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_HOST) return `it is ${name.length} characters long (at most ${MAX_HOST})`;
  return undefined;
}

/** Istio's check of the labels after the first: a numeric top-level label is refused; a final dot is fine. */
function labelsProblem(domain: string): string | undefined {
  const labels = domain.split('.');
  const top = labels[labels.length - 1];
  if (/^[+-]?\d+$/.test(top)) return `its top-level label \`${top}\` is all digits`;
  for (let i = 0; i < labels.length; i++) {
    if (i === labels.length - 1 && labels[i] === '') return undefined;
    if (!isIstioLabel(labels[i])) return labelProblem(labels[i]);
  }
  return undefined;
}

function labelProblem(label: string): string {
  if (label === '') return 'it has an empty label (two dots in a row, or a leading dot)';
  if (label === '*') return '`*` may only be the whole first label (`*.example.com`)';
  if (label.includes('*')) return `\`*\` may only be the whole first label (\`*.example.com\`), not part of \`${label}\``;
  if (label.length > MAX_LABEL) return `the label \`${label.slice(0, 12)}…\` is longer than ${MAX_LABEL} characters`;
  return `the label \`${label}\` may only hold letters, digits and inner dashes`;
}

/** Istio's ValidateWildcardDomain: a DNS name whose first label may be a wildcard. */
export function wildcardDomainProblem(domain: string): string | undefined {
  const pre = preconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!(first.length <= MAX_LABEL && ISTIO_WILDCARD_LABEL.test(first))) return labelProblem(first);
  return dot < 0 ? undefined : labelsProblem(domain.slice(dot + 1));
}

/** Istio's ValidateFQDN: a DNS name without any wildcard. */
export function fqdnProblem(name: string): string | undefined {
  return preconditions(name) ?? labelsProblem(name);
}

/** `*` anywhere but as a whole leading `*.` label (Istio's ValidatePartialWildCard). */
export function isPartialWildcard(host: string): boolean {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.');
}

/** An IPv4 or IPv6 address as Go's netip.ParseAddr reads it (no leading zeros, optional IPv6 zone). */
export function isIpAddress(value: string): boolean {
  return isIpv4(value) || isIpv6(value);
}

function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

function isIpv6(value: string): boolean {
  const percent = value.indexOf('%');
  if (percent === 0 || percent === value.length - 1) return false;
  const address = percent < 0 ? value : value.slice(0, percent);
  if (!address.includes(':')) return false;
  let groups = address.split(':');
  // An embedded IPv4 tail counts as two groups.
  const last = groups[groups.length - 1];
  if (last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  const elided = address.indexOf('::');
  if (elided !== address.lastIndexOf('::')) return false;
  if (elided < 0) return groups.length === 8 && groups.every(isHexGroup);
  const [head, tail] = [address.slice(0, elided), address.slice(elided + 2)];
  const present = [...(head ? head.split(':') : []), ...(tail ? groupsOf(tail) : [])];
  return present.length <= 7 && present.every(isHexGroup);
}

function groupsOf(tail: string): string[] {
  const parts = tail.split(':');
  const last = parts[parts.length - 1];
  return last.includes('.') ? [...parts.slice(0, -1), '0', '0'] : parts;
}

function isHexGroup(group: string): boolean {
  return /^[0-9a-fA-F]{1,4}$/.test(group);
}

/** Istio's ValidateIPSubnet: an IP, or a CIDR block when there is one `/`. */
export function isIpOrCidr(value: string): boolean {
  const slashes = value.split('/').length - 1;
  if (slashes === 0) return isIpAddress(value);
  if (slashes !== 1) return false;
  const [address, bits] = value.split('/');
  if (address.includes('%') || !isIpAddress(address) || !/^(?:0|[1-9]\d*)$/.test(bits)) return false;
  return Number(bits) <= (address.includes(':') ? 128 : 32);
}

export const UNIX_PREFIX = 'unix://';

/** Istio's ValidateUnixAddress, for what follows `unix://`. */
export function unixPathProblem(path: string): string | undefined {
  if (path.length === 0) return 'the socket path after `unix://` is empty';
  if (path.startsWith('@')) return undefined;
  if (!path.startsWith('/')) return `\`${path}\` is not an absolute path (write \`unix:///${path}\`, or \`unix://@name\` for an abstract socket)`;
  if (path.endsWith('/')) return `\`${path}\` names a directory, not a socket file`;
  return undefined;
}

/** What to say about `*` inside a label: it only works as the whole first label. */
export function partialWildcardAdvice(host: string): string {
  const parent = host.includes('.') ? host.slice(host.indexOf('.') + 1) : '';
  const instead = parent && !parent.includes('*') ? `write \`*.${parent}\` or list the hosts` : 'list the hosts';
  return `\`${host}\` is a partial wildcard: Istio matches \`*\` only as a whole leading label (\`*.example.com\`), so ${instead}.`;
}
