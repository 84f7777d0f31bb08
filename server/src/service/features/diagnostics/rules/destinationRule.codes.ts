// Codes IE250–IE269:  DestinationRule rules of Istio's webhook, CRD and single-resource analyzers.
import type { CodeInfo } from '../severity';

export const DESTINATION_RULE_CODES = {
  IE250: { severity: 'error', summary: 'A `trafficPolicy` with no settings (Istio rejects an empty policy)' },
  IE251: { severity: 'error', summary: 'A `portLevelSettings` entry with a port but no setting for it' },
  IE252: { severity: 'error', summary: 'A `connectionPool` with neither `tcp` nor `http`' },
  IE253: { severity: 'error', summary: '`h2UpgradePolicy: UPGRADE` together with `useClientProtocol: true`' },
  IE254: { severity: 'error', summary: '`consecutiveLocalOriginFailures` without `splitExternalLocalOriginErrors: true`' },
  IE255: { severity: 'error', summary: 'Two subsets with the same name' },
  IE256: { severity: 'error', summary: 'A subset name that is not a DNS label' },
  IE257: { severity: 'error', summary: 'MUTUAL TLS without `credentialName` lacks `clientCertificate` or `privateKey`' },
  IE258: { severity: 'error', summary: 'Certificate file fields next to `credentialName`' },
  IE259: { severity: 'error', summary: '`insecureSkipVerify: true` with CA or subject-name settings' },
  IE260: { severity: 'error', summary: 'A `configmap://` credentialName that is malformed or names another namespace' },
  IE261: { severity: 'error', summary: 'Maglev `tableSize` that is not a prime number' },
  IE262: { severity: 'error', summary: 'Locality `distribute`: weights not totalling 100, or bad/overlapping localities' },
  IE263: { severity: 'error', summary: 'Locality or zone-aware failover Istio rejects (same region, zone given, wildcard, topology label)' },
  IE264: { severity: 'warning', summary: 'Failover without `outlierDetection` next to it never fails over' },
  IE265: { severity: 'error', summary: 'Warmup `aggression` of 0' },
  IE266: { severity: 'error', summary: 'Two cookie attributes with the same name' },
  IE267: { severity: 'hint', summary: 'SIMPLE/MUTUAL TLS without `caCertificates`: istioctl IST0128/IST0129 (the system CA bundle is used)' },
} satisfies Record<string, CodeInfo>;
