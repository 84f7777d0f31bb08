// A DestinationRule traffic policy (top level, per subset, per port) as Istio's webhook checks
// it: no empty policies, and the settings inside that only make sense together.
import { isMap, isScalar, type Node } from 'yaml';
import type { DocumentRuleContext } from '.';
import type { PathSegment } from '../../../parse/yamlPath';
import { checkLoadBalancer } from './destinationRuleBalancing';
import { checkClientTls } from './destinationRuleTls';
import { booleanOf, fieldSpan, isSet, mapItems } from './virtualServiceYaml';

export interface DestinationRuleScope extends DocumentRuleContext {
  /** metadata.namespace, or the namespace the resource would be applied to. */
  namespace: string;
  namespaceWritten: boolean;
}

/** Every field of TrafficPolicy; any one of them makes the policy non-empty. */
const POLICY_FIELDS = ['loadBalancer', 'connectionPool', 'outlierDetection', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
/** The settings Istio counts in a port-level entry (`port` itself does not count). */
const PORT_SETTINGS = ['loadBalancer', 'connectionPool', 'outlierDetection', 'tls'];

/** Checks `owner.trafficPolicy`; `where` names the owner in messages. */
export function checkTrafficPolicy(scope: DestinationRuleScope, owner: Node, ownerPath: PathSegment[], where: string): void {
  const { read, report } = scope;
  const policy = read.child(owner, 'trafficPolicy');
  if (!isMap(policy)) return;
  const path = [...ownerPath, 'trafficPolicy'];
  if (!POLICY_FIELDS.some((key) => isSet(read, policy, key))) {
    // Unknown keys are the schema check's business; an empty policy with typos is not "empty".
    if (read.keys(policy).some((key) => !POLICY_FIELDS.includes(key))) return;
    report({
      ...fieldSpan(read, owner, 'trafficPolicy'),
      code: 'IE250',
      message: `The \`trafficPolicy\` of ${where} sets nothing, and Istio rejects an empty traffic policy. Add a setting (such as \`tls\` or \`loadBalancer\`) or remove \`trafficPolicy\`.`,
      data: { fix: 'dr-remove-field', path, field: 'trafficPolicy' },
    });
    return;
  }
  checkSettings(scope, policy, path);
  for (const { node, index } of mapItems(read, policy, 'portLevelSettings')) {
    if (PORT_SETTINGS.some((key) => isSet(read, node, key))) {
      checkSettings(scope, node, [...path, 'portLevelSettings', index]);
      continue;
    }
    if (read.keys(node).some((key) => key !== 'port' && !PORT_SETTINGS.includes(key))) continue;
    const port = read.number(read.at(node, 'port', 'number'));
    report({
      ...read.span(node),
      code: 'IE251',
      message: `This port-level entry${port ? ` for port ${port.value}` : ''} has nothing but its port, and Istio rejects it. Add \`tls\`, \`loadBalancer\`, \`connectionPool\` or \`outlierDetection\` for the port, or remove the entry.`,
    });
  }
}

/** The settings a policy and a port-level entry share. */
function checkSettings(scope: DestinationRuleScope, policy: Node, path: PathSegment[]): void {
  const { read } = scope;
  checkConnectionPool(scope, read.child(policy, 'connectionPool'), policy, [...path, 'connectionPool']);
  checkOutlierDetection(scope, read.child(policy, 'outlierDetection'), [...path, 'outlierDetection']);
  checkLoadBalancer(scope, read.child(policy, 'loadBalancer'), isSet(read, policy, 'outlierDetection'));
  checkClientTls(scope, read.child(policy, 'tls'), [...path, 'tls']);
}

function checkConnectionPool(scope: DestinationRuleScope, pool: Node | undefined, policy: Node, path: PathSegment[]): void {
  const { read, report } = scope;
  if (!isMap(pool)) return;
  if (!isSet(read, pool, 'tcp') && !isSet(read, pool, 'http')) {
    if (read.keys(pool).some((key) => key !== 'tcp' && key !== 'http')) return;
    report({
      ...fieldSpan(read, policy, 'connectionPool'),
      code: 'IE252',
      message: 'This `connectionPool` has neither `tcp` nor `http` settings, and Istio rejects an empty connection pool. Add limits under `tcp:` (connections) or `http:` (requests), or remove `connectionPool`.',
      data: { fix: 'dr-remove-field', path, field: 'connectionPool' },
    });
    return;
  }
  const http = read.child(pool, 'http');
  const upgrade = read.string(read.child(http, 'h2UpgradePolicy'));
  if (upgrade?.value === 'UPGRADE' && booleanOf(read, http, 'useClientProtocol') === true) {
    report({
      ...fieldSpan(read, http, 'useClientProtocol'),
      code: 'IE253',
      message: '`useClientProtocol: true` keeps the protocol the client used, which contradicts `h2UpgradePolicy: UPGRADE` (always HTTP/2 upstream); Istio rejects the pair. Remove one of them.',
      data: { fix: 'dr-remove-field', path: [...path, 'http', 'useClientProtocol'], field: 'useClientProtocol' },
    });
  }
}

function checkOutlierDetection(scope: DestinationRuleScope, outlier: Node | undefined, path: PathSegment[]): void {
  const { read, report } = scope;
  if (!isMap(outlier)) return;
  const failures = read.number(read.child(outlier, 'consecutiveLocalOriginFailures'));
  if (!failures || failures.value <= 0 || booleanOf(read, outlier, 'splitExternalLocalOriginErrors') === true) return;
  const split = read.child(outlier, 'splitExternalLocalOriginErrors');
  // A non-boolean value is a type error the schema check reports.
  if (split && !(isScalar(split) && (split.value === false || split.value === null))) return;
  report({
    ...fieldSpan(read, outlier, 'consecutiveLocalOriginFailures'),
    code: 'IE254',
    message: '`consecutiveLocalOriginFailures` only counts when local-origin errors (connect failures, timeouts) are tracked apart from upstream errors; Istio rejects it unless `splitExternalLocalOriginErrors: true` is set. Add that.',
    data: { fix: 'dr-split-local-origin-errors', path },
  });
}
