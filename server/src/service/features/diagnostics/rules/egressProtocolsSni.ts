// SNI names agree between the two halves of a TLS chain (IE423): the sidecar forwards the
// client's TLS unopened, so the SNI its `tls` rule matched is the one the gateway sees, and a
// passthrough server has a filter chain only for the `sniHosts` of the gateway-side rules.
// (Each `sniHosts` entry lying within the VirtualService hosts is IE281, a single-resource rule.)
import { hostMatches, hostsOverlap } from '../../../index/hosts';
import type { Report } from '../finding';
import { gatewayName, related, type ChainLegs } from './egressProtocolsLegs';
import { meshKindFits } from './egressProtocolsKinds';

export interface AddSniFixData {
  fix: 'egress-protocols-add-sni';
  sni: string;
  /** Local offset of an entry of the `sniHosts` list to extend (in the same document). */
  at: number;
  [key: string]: unknown;
}

export function checkSniAgreement(legs: ChainLegs, report: Report): void {
  for (const leg of legs.mesh) {
    if (leg.rule.route.kind !== 'tls' || !leg.clause || !meshKindFits(leg)) continue;
    for (const arrival of leg.arrivals) {
      const port = arrival.server.port?.number?.value;
      // The gateway-side `tls` clauses that take traffic arriving on that server.
      const accepting = legs.gateway.filter(
        (other) => other.resource === arrival.resource && other.rule.route.kind === 'tls' && other.clause && (other.clause.port === undefined || other.clause.port.value === port),
      );
      const names = accepting.flatMap((other) => other.clause?.sniHosts ?? []);
      // No gateway-side tls rule at all is a missing half of the chain: another family reports it.
      if (!names.length) continue;
      for (const sni of leg.clause.sniHosts) {
        const covered = names.some((name) => (sni.value.startsWith('*') ? hostsOverlap(name.value, sni.value) : hostMatches(name.value, sni.value)));
        if (covered) continue;
        const target = names[0];
        report({
          ...sni.span,
          code: 'IE423',
          message: `Sidecars forward TLS for \`${sni.value}\` to Gateway ${gatewayName(arrival.resource)}, but its gateway-side rules accept only ${names.map((name) => `\`${name.value}\``).join(', ')} on port ${port}: the gateway has no filter chain for this SNI and closes the connection. Add \`${sni.value}\` to the \`sniHosts\` of the gateway-side rule.`,
          data: { fix: 'egress-protocols-add-sni', sni: sni.value, at: target.span.start } satisfies AddSniFixData,
          related: [related(legs.vs, target.span, `The gateway-side rule accepts \`${target.value}\``)],
        });
      }
    }
  }
}
