// How Istio reads a ServiceEntry's resolution and port protocols (pkg/config/protocol).
import type { Node } from 'yaml';
import type { DocumentRuleContext } from '.';
import type { ServiceEntryFacts } from '../../../index/facts';
import type { RelatedSpan } from '../finding';

export type Resolution = 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' | 'DYNAMIC_DNS';

const RESOLUTIONS: readonly string[] = ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'];

/**
 * The resolution in effect: an absent field means NONE (the CRD rules say so too). A value that
 * is not one of the enum's (already reported by the schema check) gives undefined, so that no
 * rule guesses what was meant.
 */
export function effectiveResolution(se: ServiceEntryFacts): Resolution | undefined {
  if (!se.resolution) return 'NONE';
  return RESOLUTIONS.includes(se.resolution.value) ? (se.resolution.value as Resolution) : undefined;
}

export type Protocol = 'HTTP' | 'HTTPS' | 'GRPC' | 'GRPC-Web' | 'HTTP2' | 'HTTP_PROXY' | 'TCP' | 'TLS' | 'UDP' | 'Mongo' | 'Redis' | 'MySQL';

const PROTOCOLS: Record<string, Protocol> = {
  http: 'HTTP',
  https: 'HTTPS',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http2: 'HTTP2',
  http_proxy: 'HTTP_PROXY',
  tcp: 'TCP',
  tls: 'TLS',
  udp: 'UDP',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

/** Istio's protocol.Parse: case-insensitive; undefined for an empty or unknown protocol. */
export function parseProtocol(value: string | undefined): Protocol | undefined {
  return value ? PROTOCOLS[value.toLowerCase()] : undefined;
}

export function isHttpFamily(protocol: Protocol | undefined): boolean {
  return protocol === 'HTTP' || protocol === 'HTTP2' || protocol === 'HTTP_PROXY' || protocol === 'GRPC' || protocol === 'GRPC-Web';
}

export function isTlsFamily(protocol: Protocol | undefined): boolean {
  return protocol === 'HTTPS' || protocol === 'TLS';
}

/** Protocols Istio proxies as opaque TCP streams (TLS ones included). */
export function isTcpFamily(protocol: Protocol | undefined): boolean {
  return protocol === 'TCP' || protocol === 'HTTPS' || protocol === 'TLS' || protocol === 'Mongo' || protocol === 'Redis' || protocol === 'MySQL';
}

/**
 * The protocol a port name announces, as Kubernetes Services are read: the part before the first
 * `-` (`grpc-web` as a whole). ServiceEntry ports do not work this way, which is the pitfall.
 */
export function protocolOfName(name: string): Protocol | undefined {
  const lower = name.toLowerCase();
  if (lower === 'grpc-web' || lower.startsWith('grpc-web-')) return 'GRPC-Web';
  return parseProtocol(lower.split('-')[0]);
}

/** What every ServiceEntry rule works with. */
export interface EntryContext extends DocumentRuleContext {
  se: ServiceEntryFacts;
  /** The `spec` mapping. */
  spec: Node | undefined;
  /** undefined when `resolution` holds a value Istio does not know. */
  resolution: Resolution | undefined;
  /** Points at the written `resolution`, for related information (nothing when it is left out). */
  resolutionNote(): RelatedSpan[];
}
