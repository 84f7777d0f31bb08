// DestinationRule outlier detection: passive health checking that ejects failing endpoints.
import { boolean, duration, field, integer, listOf } from '../build';
import type { MessageSchema } from '../types';

const PAGE = 'networking/destination-rule';

const uint32 = integer(0, 4294967295);
const percent = integer(0, 100);

export const OUTLIER_DETECTION: MessageSchema = {
  name: 'OutlierDetection',
  page: PAGE,
  doc:
    'Passive health checking: endpoints that keep failing are ejected from the load-balancing pool for a while. For TCP, connect ' +
    'failures and timeouts count as errors. Because locality load balancing is on by default, adding this block also turns on locality ' +
    'failover unless `localityLbSetting.enabled` is `false`.',
  fields: [
    field('consecutiveErrors', integer(), 'Old combined error counter for ejection.', {
      deprecated: 'Use `consecutive5xxErrors` or `consecutiveGatewayErrors`.',
      hidden: true,
      anchor: '',
    }),
    field(
      'splitExternalLocalOriginErrors',
      boolean,
      'When true, failures seen locally (connect errors, connect timeouts, resets) are counted separately from HTTP status codes sent by the ' +
        'upstream, and `consecutiveLocalOriginFailures` becomes active. Handy when the upstream legitimately returns some 5xx.',
      { default: 'false' },
    ),
    field(
      'consecutiveLocalOriginFailures',
      uint32,
      'Locally originated failures in a row before ejection. Only used with `splitExternalLocalOriginErrors: true`; Istio rejects a ' +
        'value above 0 without it.',
      { default: '5' },
    ),
    field(
      'consecutiveGatewayErrors',
      uint32,
      'Gateway errors in a row (HTTP 502, 503, 504; for TCP, connect failures and timeouts) before ejection. `0` or unset turns it off. ' +
        'These errors also count towards `consecutive5xxErrors`, so a value at or above that one has no effect.',
      { default: '0 (disabled)' },
    ),
    field(
      'consecutive5xxErrors',
      uint32,
      'Any-5xx responses in a row (for TCP, connection and request failures) before an endpoint is ejected. `0` turns it off.',
      { default: '5', anchor: 'OutlierDetection-consecutive_5xx_errors' },
    ),
    field('interval', duration, 'How often the ejection analysis runs, e.g. `10s`; at least 1ms.', { default: '10s' }),
    field(
      'baseEjectionTime',
      duration,
      'Shortest ejection period; each further ejection of the same endpoint multiplies it (2×, 3×, …). At least 1ms.',
      { default: '30s' },
    ),
    field(
      'maxEjectionPercent',
      percent,
      'Upper limit, 0–100, on the share of endpoints that may be ejected at the same time.',
      { default: '10' },
    ),
    field(
      'minHealthPercent',
      percent,
      'When fewer than this percentage (0–100) of endpoints are healthy, ejection is suspended and all endpoints are used. `0` disables the threshold.',
      { default: '0' },
    ),
    field(
      'outlierDetectionHttpErrorCodes',
      listOf(integer(100, 599)),
      'HTTP status codes (100–599) that count as errors; when unset only 5xx do. They feed the `consecutive5xxErrors` and ' +
        '`consecutiveGatewayErrors` thresholds rather than adding a new one.',
    ),
  ],
};
