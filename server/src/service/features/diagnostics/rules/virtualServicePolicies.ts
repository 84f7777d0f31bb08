// Retries and fault injection of an HTTP rule, as Istio's webhook checks them.
import { isMap, isScalar, type Node } from 'yaml';
import { suggest } from '../../../util/suggest';
import { sameDocument } from './commonPlaces';
import type { VirtualServiceScope } from './virtualService';
import { fieldSpan, isSet, quotedLike, textOf } from './virtualServiceYaml';

/** The retry conditions Istio accepts besides HTTP status codes: Envoy's retry-on and gRPC retry-on policies. */
const RETRY_POLICIES = [
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'retriable-headers', 'envoy-ratelimited', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
];

/** Status codes Go's net/http knows by name: Istio accepts a number in `retryOn` only if it is one of them. */
const KNOWN_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424,
  425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

const GRPC_STATUS = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS',
  'UNAUTHENTICATED',
];

export function checkRetries(scope: VirtualServiceScope, retries: Node | undefined, rule: Node): void {
  const { read, report } = scope;
  if (!isMap(retries)) return;
  const attemptsNode = read.child(retries, 'attempts');
  const attempts = read.number(attemptsNode);
  // A non-number is the schema check's to report; absent or null means 0.
  const unreadable = attemptsNode !== undefined && !attempts && !(isScalar(attemptsNode) && attemptsNode.value === null);
  if (!unreadable && (attempts?.value ?? 0) === 0) {
    const settings = [
      isSet(read, retries, 'perTryTimeout') && 'perTryTimeout',
      textOf(read, retries, 'retryOn') && 'retryOn',
      isSet(read, retries, 'retryRemoteLocalities') && 'retryRemoteLocalities',
    ].filter((key): key is string => !!key);
    if (settings.length) {
      const written = attempts ? '`attempts: 0` turns retries off' : 'Without `attempts` (0) retries are off';
      report({
        ...(attempts ? attempts.span : fieldSpan(read, rule, 'retries')),
        code: 'IE283',
        message: `${written}, so Istio rejects ${settings.map((key) => `\`${key}\``).join(' and ')} here. Set \`attempts\` to the number of retries you want (the mesh default is 2), or remove ${settings.length > 1 ? 'those settings' : 'that setting'}.`,
        related: settings.map((key) => sameDocument(scope.doc, fieldSpan(read, retries, key), `\`${key}\` is set here`)),
      });
    }
  }
  const retryOn = textOf(read, retries, 'retryOn');
  if (retryOn) checkRetryOn(scope, retryOn);
}

function isValidCondition(condition: string): boolean {
  if (/^[+-]?\d+$/.test(condition)) return KNOWN_STATUS.has(Number(condition));
  return RETRY_POLICIES.includes(condition);
}

function checkRetryOn(scope: VirtualServiceScope, retryOn: { value: string; span: { start: number; end: number } }): void {
  const conditions = retryOn.value.split(',');
  const invalid = conditions.filter((condition) => !isValidCondition(condition));
  if (!invalid.length) return;
  // A correction exists when every bad item is a blank, a spaced-out valid item or a near miss.
  const corrected = conditions
    .map((condition) => (isValidCondition(condition) ? condition : condition.trim() === '' ? '' : isValidCondition(condition.trim()) ? condition.trim() : suggest(condition.trim(), RETRY_POLICIES, 1)[0]))
    .filter((condition) => condition !== '');
  const fixable = corrected.every((condition) => condition !== undefined) && corrected.length > 0;
  const spaces = invalid.some((condition) => condition !== condition.trim() && (condition.trim() === '' || isValidCondition(condition.trim())));
  const shown = invalid.map((condition) => `\`${condition}\``).join(', ');
  scope.report({
    ...retryOn.span,
    code: 'IE284',
    message: `\`retryOn\` has ${invalid.length > 1 ? 'conditions' : 'a condition'} Istio does not accept: ${shown}.${spaces ? ' Separate conditions with commas only, no spaces.' : ''} Use Envoy's policies (\`5xx\`, \`gateway-error\`, \`reset\`, \`connect-failure\`, \`retriable-4xx\`, \`refused-stream\`, …), gRPC ones (\`cancelled\`, \`deadline-exceeded\`, \`internal\`, \`resource-exhausted\`, \`unavailable\`) or HTTP status codes.`,
    data: fixable ? { fix: 'replace', candidates: [quotedLike(scope.doc.text, retryOn.span, corrected.join(','))] } : undefined,
  });
}

export function checkFault(scope: VirtualServiceScope, fault: Node | undefined, rule: Node): void {
  const { read, report } = scope;
  if (!isMap(fault)) return;
  const abort = read.child(fault, 'abort');
  const delay = read.child(fault, 'delay');
  if (!isSet(read, fault, 'abort') && !isSet(read, fault, 'delay')) {
    if (read.keys(fault).some((key) => key !== 'abort' && key !== 'delay')) return;
    report({
      ...fieldSpan(read, rule, 'fault'),
      code: 'IE285',
      message: 'This fault injects nothing, and Istio rejects it: add a `delay` (e.g. `fixedDelay: 5s`) and/or an `abort` (e.g. `httpStatus: 503`), each with a `percentage`, or remove `fault`.',
    });
    return;
  }
  for (const part of [abort, delay]) {
    const percentage = read.number(read.at(part, 'percentage', 'value'));
    if (percentage && percentage.value > 0 && percentage.value < 0.0001) {
      report({
        ...percentage.span,
        code: 'IE285',
        message: `A percentage of ${percentage.value} is below the smallest share Istio accepts (0.0001); it rejects the rule. Use 0 to switch the fault off, or at least 0.0001.`,
      });
    }
  }
  if (isMap(delay) && isSet(read, delay, 'exponentialDelay')) {
    report({ ...fieldSpan(read, delay, 'exponentialDelay'), code: 'IE285', message: 'Istio does not implement `exponentialDelay` and rejects it. Use `fixedDelay`.', data: { fix: 'replace', candidates: ['fixedDelay'] } });
  }
  if (isMap(abort)) checkAbort(scope, abort, fault);
}

function checkAbort(scope: VirtualServiceScope, abort: Node, fault: Node): void {
  const { read, report } = scope;
  if (isSet(read, abort, 'http2Error')) {
    report({ ...fieldSpan(read, abort, 'http2Error'), code: 'IE285', message: 'Istio does not implement `http2Error` aborts and rejects them. Use `httpStatus` (or `grpcStatus`).' });
    return;
  }
  const grpc = read.string(read.child(abort, 'grpcStatus'));
  if (grpc && !GRPC_STATUS.includes(grpc.value)) {
    const candidates = GRPC_STATUS.includes(grpc.value.toUpperCase()) ? [grpc.value.toUpperCase()] : suggest(grpc.value.toUpperCase(), GRPC_STATUS);
    report({
      ...grpc.span,
      code: 'IE285',
      message: `\`${grpc.value}\` is not a gRPC status Istio knows; it accepts the upper-case names, e.g. \`UNAVAILABLE\` or \`NOT_FOUND\` (not numbers).`,
      data: candidates.length ? { fix: 'replace', candidates: candidates.map((candidate) => quotedLike(scope.doc.text, grpc.span, candidate)) } : undefined,
    });
  }
  if (!isSet(read, abort, 'httpStatus') && !isSet(read, abort, 'grpcStatus')) {
    if (read.keys(abort).some((key) => key !== 'percentage')) return;
    report({
      ...fieldSpan(read, fault, 'abort'),
      code: 'IE285',
      severity: 'warning',
      message: 'This abort has no `httpStatus` or `grpcStatus`, so no request is aborted (Istio warns). Add one, e.g. `httpStatus: 503`.',
    });
  }
}
