// Codes IE210–IE229: ServiceEntry rules of Istio's webhook and CRD, and its single-resource analyzers.
import type { CodeInfo } from '../severity';

export const SERVICE_ENTRY_CODES = {
  IE210: { severity: 'error', summary: 'Endpoints with resolution NONE (also when resolution is not set)' },
  IE211: { severity: 'error', summary: 'CIDR address with a resolution other than NONE or STATIC' },
  IE212: { severity: 'error', summary: 'ServiceEntry address is not an IP address or CIDR block' },
  IE213: { severity: 'error', summary: 'DNS resolution without endpoints needs non-wildcard hosts' },
  IE214: { severity: 'error', summary: 'DNS_ROUND_ROBIN allows at most one endpoint' },
  IE215: { severity: 'error', summary: 'Setting not allowed with resolution DYNAMIC_DNS' },
  IE216: { severity: 'error', summary: 'Endpoint address does not fit the resolution (STATIC: IP or unix://; DNS: IP or host name)' },
  IE217: { severity: 'error', summary: 'Endpoint port name is not one of the ServiceEntry ports' },
  IE218: { severity: 'error', summary: 'Unix socket endpoint needs exactly one service port and no ports map' },
  IE219: { severity: 'error', summary: 'Duplicate ServiceEntry port name or number' },
  IE220: { severity: 'error', summary: 'Several hosts with a non-HTTP, non-TLS port need resolution NONE' },
  IE221: { severity: 'warning', summary: 'DNS resolution with addresses, a TCP-based port and several hosts' },
  IE222: { severity: 'warning', summary: 'TCP or unset-protocol port without addresses claims the port for every IP (istioctl IST0134)' },
  IE223: { severity: 'warning', summary: 'workloadSelector with resolution NONE' },
  IE224: { severity: 'warning', summary: 'workloadSelector without labels selects every workload in the namespace' },
  IE225: { severity: 'error', summary: 'workloadSelector label with an empty key or a wildcard' },
  IE226: { severity: 'error', summary: 'Invalid ServiceEntry port name' },
  IE227: { severity: 'information', summary: 'STATIC resolution without endpoints or workloadSelector has nowhere to send traffic' },
  IE228: { severity: 'hint', summary: 'Port name announces another protocol than `protocol` (a ServiceEntry port name never sets it)' },
} satisfies Record<string, CodeInfo>;
