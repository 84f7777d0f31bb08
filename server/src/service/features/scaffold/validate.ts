// Checks of the scaffold's input fields, each returning the cleaned value or a message for the
// user. They are stricter than Istio's webhook on purpose: the scaffold writes a route that must
// work, so it asks for what a route through the egress gateway needs (a full host name, single
// addresses for TCP), not merely what Istio would store.

import { isKubernetesLabel } from '../../util/names';
import { isIpAddress } from '../diagnostics/rules/commonForms';

type Checked<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

const LABEL_KEY_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

const ok = <T>(value: T): Checked<T> => ({ value });
const fail = <T>(problem: string): Checked<T> => ({ problem });

/** An external host: a fully qualified name or `*.domain`; lower-cased, trailing dot removed. */
export function checkHost(raw: unknown, clusterDomain: string, what = 'host'): Checked<string> {
  if (typeof raw !== 'string' || !raw.trim()) return fail(`Enter the external ${what}, e.g. api.example.com or *.example.com.`);
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  if (host === '*') return fail('The host `*` would send every unknown host through this route; name one host or a `*.domain` wildcard.');
  if (isIpAddress(host.replace(/\/\d+$/, ''))) {
    return fail(`\`${host}\` is an address: routes select traffic by host name. Give the service a name (e.g. db.example.internal) and its address under TCP.`);
  }
  const wildcard = host.startsWith('*.');
  if (host.includes('*') && (!wildcard || host.indexOf('*', 1) >= 0)) return fail(`\`${host}\`: only a whole first label can be a wildcard, as in \`*.example.com\`.`);
  const name = wildcard ? host.slice(2) : host;
  if (name.length > 253) return fail(`\`${host}\` is longer than 253 characters.`);
  const labels = name.split('.');
  const bad = labels.find((label) => !isKubernetesLabel(label));
  if (bad !== undefined) return fail(`\`${host}\` is not a valid host name: \`${bad || '(empty label)'}\` is not a DNS label (letters, digits and inner dashes, at most 63).`);
  if (labels.length < 2) {
    return fail(`\`${host}\` is a short name, which Istio expands to ${host}.<namespace>.svc.${clusterDomain}; give the external host's full name.`);
  }
  if (name === `svc.${clusterDomain}` || name.endsWith(`.svc.${clusterDomain}`)) return fail(`\`${host}\` is a service inside the cluster, not an external host.`);
  return ok(host);
}

export function checkPort(raw: unknown, what = 'Port'): Checked<number> {
  const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) return fail(`${what} must be a whole number from 1 to 65535.`);
  return ok(value);
}

/** A Kubernetes namespace or Service name (DNS-1123 label). */
export function checkName(raw: unknown, what: string): Checked<string> {
  if (typeof raw !== 'string' || !raw.trim()) return fail(`Enter the ${what}.`);
  const value = raw.trim();
  if (!isKubernetesLabel(value)) return fail(`\`${value}\` is not a valid ${what}: lower-case letters, digits and inner dashes, at most 63.`);
  return ok(value);
}

/** Pod labels as Kubernetes accepts them: `[prefix/]name` keys, short values. */
export function checkLabels(raw: unknown): Checked<Record<string, string>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('Give the egress gateway pods\' labels, e.g. istio=egressgateway.');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (!entries.length) return fail('An empty selector would pick every gateway: give at least one label of the egress gateway pods.');
  for (const [key, value] of entries) {
    const slash = key.lastIndexOf('/');
    const name = key.slice(slash + 1);
    const prefixOk = slash < 0 || key.slice(0, slash).split('.').every((part) => isKubernetesLabel(part));
    if (!prefixOk || name.length > 63 || !LABEL_KEY_NAME.test(name)) return fail(`\`${key}\` is not a valid label key.`);
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) return fail(`The value of label \`${key}\` must be a string of at most 63 letters, digits, \`-\`, \`_\` or \`.\`.`);
  }
  return ok(Object.fromEntries(entries) as Record<string, string>);
}

/**
 * TCP addresses: single IPs (a /32 or /128 block counts as one). A wider block cannot go through
 * the egress gateway: the gateway receives the connection on its own address and cannot tell
 * which address of the block the application dialled, so it would have nowhere to send it.
 */
const NO_ADDRESSES = 'TCP needs the IP addresses of the external service: routes for TCP match connections by address.';

export function checkAddresses(raw: unknown): Checked<string[]> {
  if (raw === undefined || raw === null) return fail(NO_ADDRESSES);
  const items = typeof raw === 'string' ? raw.split(/[\s,]+/) : raw;
  if (!Array.isArray(items)) return fail('Give the IP addresses of the external service, e.g. 192.0.2.10.');
  const addresses: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return fail('Addresses must be strings such as 192.0.2.10.');
    const text = item.trim();
    if (!text) continue;
    const [ip, prefix, extra] = text.split('/');
    if (extra !== undefined || !isIpAddress(ip)) return fail(`\`${text}\` is not an IP address.`);
    const single = ip.includes(':') ? '128' : '32';
    if (prefix !== undefined && prefix !== single) {
      return fail(
        `\`${text}\` is a block of addresses: the egress gateway cannot tell which of them the application dialled, so it could not forward the connection. ` +
          'List the individual IPs, or reach the block directly without the egress gateway.',
      );
    }
    if (!addresses.includes(ip)) addresses.push(ip);
  }
  if (!addresses.length) return fail(NO_ADDRESSES);
  return ok(addresses);
}
