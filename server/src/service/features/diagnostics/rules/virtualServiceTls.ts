// SNI hosts of `tls` rules: each must lie within the VirtualService's hosts (Istio compares the
// names as written), and an IP address is no SNI name at all.
import { suggest } from '../../../util/suggest';
import { isIpAddress, isIstioLabel } from './commonForms';
import { sameDocument } from './commonPlaces';
import type { VirtualServiceScope } from './virtualService';
import { mapItems } from './virtualServiceYaml';

export function checkSniHosts(scope: VirtualServiceScope): void {
  const { read, report } = scope;
  // A delegate cannot hold tls rules at all (IE271); comparing with no hosts says nothing more.
  if (scope.isDelegate) return;
  const hosts = scope.hosts.map((host) => host.value);
  for (const { node: rule } of mapItems(read, scope.spec, 'tls')) {
    for (const { node: match } of mapItems(read, rule, 'match')) {
      for (const sni of read.strings(read.child(match, 'sniHosts'))) {
        if (isIpAddress(sni.value)) {
          report({
            ...sni.span,
            code: 'IE282',
            message: `\`${sni.value}\` is an IP address; the SNI of a TLS connection carries a host name, and most clients send none for an IP (Istio warns). Match the host name the client connects to.`,
          });
          continue;
        }
        // Malformed names are reported by the host-name checks; only well-formed ones are compared.
        if (!isWildcardDomain(sni.value) || hosts.some((host) => sniWithin(sni.value, host))) continue;
        const candidates = suggest(sni.value, hosts);
        report({
          ...sni.span,
          code: 'IE281',
          message: `SNI host \`${sni.value}\` is not covered by this VirtualService's \`hosts\` (${hosts.map((host) => `\`${host}\``).join(', ')}), and Istio rejects it. Add \`${sni.value}\` to \`hosts\`, or match a name the hosts cover.`,
          data: { fix: 'vs-sni-host', sni: sni.value, candidates },
          related: scope.hosts.map((host) => sameDocument(scope.doc, host.span, `host \`${host.value}\``)),
        });
      }
    }
  }
}

/** Istio's `host.Name.SubsetOf`: every name `sni` stands for is also a name `host` stands for. */
export function sniWithin(sni: string, host: string): boolean {
  const sniWild = sni.startsWith('*');
  const hostWild = host.startsWith('*');
  if (sniWild) return hostWild && sni.length >= host.length && sni.slice(1).endsWith(host.slice(1));
  if (hostWild) return sni.endsWith(host.slice(1));
  return sni === host;
}

/** Istio's `ValidateWildcardDomain`: DNS labels, an optional wildcard first label, no all-numeric top-level domain. */
export function isWildcardDomain(domain: string): boolean {
  if (!domain || domain.length > 255) return false;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!(first.length <= 63 && /^(\*|(\*|\*-)?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)$/.test(first))) return false;
  if (dot < 0) return true;
  const labels = domain.slice(dot + 1).split('.');
  if (/^[+-]?\d+$/.test(labels[labels.length - 1])) return false;
  return labels.every((label, i) => (i === labels.length - 1 && label === '') || isIstioLabel(label));
}

