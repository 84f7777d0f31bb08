// Listener addresses as Istio's webhook parses them (Gateway `bind`, Sidecar `bind` and
// `defaultEndpoint`): IP addresses by Go's netip rules, Unix sockets, `host:port` pairs.

// The address forms themselves are shared with the ServiceEntry and VirtualService checks.
export { isIpAddress, UNIX_PREFIX, unixPathProblem } from './commonForms';

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
