// Listener addresses as Istio's webhook parses them (Gateway `bind`, Sidecar `bind` and
// `defaultEndpoint`): IP addresses by Go's netip rules, Unix sockets, `host:port` pairs.

export const UNIX_PREFIX = 'unix://';

/** An IPv4 or IPv6 address (IPv6 may carry a `%zone`), without brackets, port or prefix length. */
export function isIpAddress(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

function isIpv4(text: string): boolean {
  const fields = text.split('.');
  // netip refuses leading zeros ("010.0.0.1"), since some parsers read them as octal.
  return fields.length === 4 && fields.every((field) => /^(0|[1-9]\d{0,2})$/.test(field) && Number(field) <= 255);
}

function isIpv6(text: string): boolean {
  const zoneAt = text.indexOf('%');
  if (zoneAt === text.length - 1) return false;
  const address = zoneAt >= 0 ? text.slice(0, zoneAt) : text;
  if (!address.includes(':')) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  // The last group may be an embedded IPv4 address, worth two groups.
  const last = all[all.length - 1];
  const embedded = last !== undefined && last.includes('.');
  if (embedded && !isIpv4(last)) return false;
  const hexGroups = embedded ? all.slice(0, -1) : all;
  if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  const width = hexGroups.length + (embedded ? 2 : 0);
  return halves.length === 2 ? width <= 7 : width === 8;
}

/** What is wrong with the path after `unix://`, or undefined when Istio accepts it. */
export function unixPathProblem(path: string): string | undefined {
  if (path === '') return 'the socket path after `unix://` is empty';
  if (path.startsWith('@')) return undefined; // an abstract socket name
  if (!path.startsWith('/')) return `\`${path}\` is not an absolute path`;
  if (path.endsWith('/')) return `\`${path}\` names a directory, not a socket file`;
  return undefined;
}

/** Splits `host:port` or `[ipv6]:port` the way Go's net.SplitHostPort does. */
export function splitHostPort(text: string): { host: string; port: string } | { problem: string } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return { problem: 'the `[` is not closed' };
    if (text[close + 1] !== ':') return { problem: 'the port is missing after `]`' };
    return { host: text.slice(1, close), port: text.slice(close + 2) };
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { problem: 'the port is missing' };
  const host = text.slice(0, colon);
  if (host.includes(':')) return { problem: 'an IPv6 address needs brackets, as in `[::1]:8080`' };
  if (/[[\]]/.test(host)) return { problem: 'the brackets are misplaced' };
  return { host, port: text.slice(colon + 1) };
}

/** A port number as Istio accepts it on a listener: 1 to 65535. */
export function isValidPort(text: string): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;
  const value = Number(text);
  return value >= 1 && value <= 65535;
}
