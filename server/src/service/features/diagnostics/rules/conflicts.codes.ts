// Codes IE320–IE339:  resources that conflict with each other.
import type { CodeInfo } from '../severity';

export const CONFLICT_CODES = {
  IE320: { severity: 'error', summary: 'Two mesh-bound VirtualServices for the same host in overlapping exportTo scope (istioctl IST0109)' },
  IE321: { severity: 'warning', summary: 'ServiceEntries disagree on the protocol of the same host and port (istioctl IST0177)' },
  IE322: { severity: 'warning', summary: 'More than one ServiceEntry for the same host and port (Kiali KIA1211)' },
  IE323: { severity: 'warning', summary: 'DestinationRules for the same host whose merge drops a trafficPolicy or a subset (Kiali KIA0201)' },
  IE324: { severity: 'error', summary: 'Two Gateways serve the same host on the same port of one gateway workload (istioctl IST0145)' },
  IE325: { severity: 'error', summary: 'More than one Sidecar without workloadSelector in a namespace (istioctl IST0111)' },
  IE326: { severity: 'error', summary: 'Sidecars with the same workloadSelector (istioctl IST0110)' },
} satisfies Record<string, CodeInfo>;
