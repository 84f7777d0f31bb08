// Codes IE300–IE319: references between resources (gateways, hosts, subsets, ports).
import type { CodeInfo } from '../severity';

export const REFERENCE_CODES = {
  IE300: { severity: 'error', summary: 'A VirtualService names a Gateway that does not exist (istioctl IST0101)' },
  IE301: { severity: 'error', summary: 'A destination subset no DestinationRule for that host defines (istioctl IST0101)' },
  IE302: {
    severity: 'warning',
    summary: 'A VirtualService routes to an external host no ServiceEntry declares; an error under REGISTRY_ONLY (istioctl IST0101 host)',
  },
  IE303: { severity: 'information', summary: 'A VirtualService routes to an in-cluster service the workspace does not define (istioctl IST0101 host)' },
  IE304: { severity: 'warning', summary: 'A host written `name.namespace`, which Istio does not expand to the service it names' },
  IE305: { severity: 'error', summary: 'A destination port the host does not declare (istioctl IST0101 host:port)' },
  IE306: { severity: 'warning', summary: 'A destination without `port` to a host with several ports (istioctl IST0112)' },
  IE307: { severity: 'warning', summary: "No VirtualService host matches a host of a Gateway it is bound to (istioctl IST0132)" },
  IE308: {
    severity: 'warning',
    summary: 'A DestinationRule for an external host no ServiceEntry declares; an error under REGISTRY_ONLY (istioctl IST0174)',
  },
  IE309: { severity: 'information', summary: 'A DestinationRule for an in-cluster service the workspace does not define (istioctl IST0174)' },
  IE310: { severity: 'warning', summary: 'A Gateway selector that matches no known gateway workload (istioctl IST0101 selector)' },
  IE311: { severity: 'warning', summary: "A Gateway server port the selected gateway's Service does not expose (istioctl IST0162)" },
  IE312: { severity: 'warning', summary: 'A Sidecar egress host `namespace/host` that matches no known service (Kiali KIA1004)' },
} satisfies Record<string, CodeInfo>;
