// Codes IE300–IE319: references between resources (gateways, hosts, subsets, ports).
import type { CodeInfo } from '../severity';

export const REFERENCE_CODES = {
  IE300: { severity: 'error', summary: 'A VirtualService names a Gateway that does not exist (istioctl IST0101)' },
  IE301: { severity: 'error', summary: 'A destination subset no DestinationRule for that host defines (istioctl IST0101)' },
} satisfies Record<string, CodeInfo>;
