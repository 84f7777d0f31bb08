// A ServiceEntry port without a protocol (IE420): Istio sniffs the protocol of such a port, and
// the sniffing listener has HTTP and TCP filter chains but no SNI ones, so a `tls` rule for the
// port is never read and the traffic leaves straight for the host. The fix is in the
// ServiceEntry, so it is reported there, found from the VirtualServices for its hosts.
import { fqdnOf, virtualServicesFor, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import type { Report } from '../finding';
import { chainLegs, related } from './egressProtocolsLegs';

export function checkSniffedPorts(view: IndexView, se: Resource, report: Report): void {
  const seen = new Set<Resource>();
  for (const host of se.facts.serviceEntry?.hosts ?? []) {
    for (const vs of virtualServicesFor(view, fqdnOf(view, host.value, se.namespace))) {
      if (seen.has(vs)) continue;
      seen.add(vs);
      for (const leg of chainLegs(view, vs)?.mesh ?? []) {
        const port = leg.sePort;
        const number = port?.port.number;
        if (leg.rule.route.kind !== 'tls' || !port || port.se !== se || port.protocol || !number) continue;
        report({
          ...number.span,
          code: 'IE420',
          message: `Port ${number.value} has no protocol, so Istio sniffs it, and a sniffed port never uses \`tls\` rules: the \`tls\` rule of VirtualService ${vs.namespace}/${vs.name} for it is skipped and the traffic goes straight to the host instead of through the egress gateway. Declare \`protocol: TLS\`.`,
          data: { fix: 'egress-protocols-port-protocol', protocol: 'TLS' },
          related: [related(vs, leg.clause?.port?.span ?? leg.rule.route.span, `VirtualService ${vs.namespace}/${vs.name}: the mesh-side \`tls\` rule`)],
        });
      }
    }
  }
}
