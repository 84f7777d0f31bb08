// Hosts written `namespace/dnsName`: Gateway servers (where a bare `dnsName` is still accepted)
// and Sidecar egress listeners (where the namespace part is required). Codes IE202, IE205, IE206.
import type { DocumentRuleContext } from '.';
import type { Spanned } from '../../../index/facts';
import type { Finding } from '../finding';
import { isIpAddress, isIstioLabel, isPartialWildcard, partialWildcardAdvice, wildcardDomainProblem } from './commonForms';
import { sameDocument, yamlScalar } from './commonPlaces';

type Problem = Pick<Finding, 'code' | 'message' | 'severity' | 'data'>;

export function checkGatewayHosts({ facts, report }: DocumentRuleContext): void {
  for (const server of facts.gateway?.servers ?? []) {
    for (const host of server.hosts) {
      const problem = namespacedHostProblem(host.value, 'Gateway');
      if (problem) report({ ...host.span, ...problem });
    }
  }
}

export function checkSidecarHosts(context: DocumentRuleContext): void {
  for (const listener of context.facts.sidecar?.egress ?? []) {
    for (const host of listener.hosts) {
      const problem = namespacedHostProblem(host.value, 'Sidecar');
      if (problem) context.report({ ...host.span, ...problem });
    }
    checkSidecarDuplicates(context, listener.hosts);
  }
}

/** Istio's ValidateNamespaceSlashWildcardHostname; the first problem only, one finding per host. */
function namespacedHostProblem(host: string, kind: 'Gateway' | 'Sidecar'): Problem | undefined {
  const slash = host.indexOf('/');
  if (slash < 0) {
    if (kind === 'Gateway') return dnsNameProblem(host, kind);
    return {
      code: 'IE205',
      message:
        `Sidecar egress hosts are written \`namespace/dnsName\`: \`*/${host}\` imports \`${host}\` from any namespace, ` +
        `\`./${host}\` only from the Sidecar's own.`,
      data: { fix: 'replace', candidates: [yamlScalar(`*/${host}`), yamlScalar(`./${host}`)] },
    };
  }
  const namespace = host.slice(0, slash);
  const dnsName = host.slice(slash + 1);
  if (!namespace || !dnsName) {
    return { code: 'IE205', message: `\`${host}\` needs both parts of \`namespace/dnsName\`; use \`*\` for any namespace or any host.` };
  }
  // A Sidecar may exclude a namespace with `~`; a Gateway may not.
  const bareNamespace = kind === 'Sidecar' ? namespace.replace(/^~/, '') : namespace;
  if (bareNamespace && bareNamespace !== '*' && bareNamespace !== '.' && !isIstioLabel(bareNamespace)) {
    const allowed = kind === 'Sidecar' ? '`*`, `.`, `~` or a namespace name (optionally after `~`)' : '`*`, `.` or a namespace name';
    return { code: 'IE205', message: `\`${namespace}\` is not a valid namespace part in \`${host}\`: write ${allowed}.` };
  }
  return dnsNameProblem(dnsName, kind);
}

function dnsNameProblem(dnsName: string, kind: 'Gateway' | 'Sidecar'): Problem | undefined {
  if (dnsName !== '*' && !dnsName.includes('.')) {
    return {
      code: 'IE205',
      message: `\`${dnsName}\` is a short name, which ${kind} hosts do not allow: write the full name, e.g. \`${dnsName}.<namespace>.svc.cluster.local\`, or \`*\`.`,
    };
  }
  const problem = wildcardDomainProblem(dnsName);
  // Gateways also take IP addresses.
  if (problem && !(kind === 'Gateway' && isIpAddress(dnsName))) {
    return { code: 'IE205', message: `\`${dnsName}\` is not a valid host name: ${problem}.` };
  }
  if (isPartialWildcard(dnsName)) return { code: 'IE202', severity: 'error', message: `${partialWildcardAdvice(dnsName)} ${kind} hosts do not allow it.` };
  return undefined;
}

// IE206: the same `namespace/host` twice, a host already covered by `namespace/` + `*`, or the
// import-everything host next to other hosts. Istio only warns: the listener still works, the
// extra entries do nothing.
function checkSidecarDuplicates({ facts, doc, report }: DocumentRuleContext, hosts: Spanned<string>[]): void {
  // `.` meets a named namespace only when the Sidecar's namespace is written.
  const ownNamespace = facts.namespace?.value || '.';
  const seen = new Map<string, Map<string, Spanned<string>>>();
  let everything: Spanned<string> | undefined;
  for (const host of hosts) {
    const slash = host.value.indexOf('/');
    if (slash < 0 || host.value.startsWith('~')) continue;
    const written = host.value.slice(0, slash);
    const namespace = written === '.' ? ownNamespace : written;
    const dnsName = host.value.slice(slash + 1);
    const known = seen.get(namespace) ?? new Map<string, Spanned<string>>();
    seen.set(namespace, known);
    const earlier = dnsName === '*' ? known.values().next().value : (known.get(dnsName) ?? known.get('*'));
    if (earlier) {
      const exact = earlier.value === host.value;
      report({
        ...host.span,
        code: 'IE206',
        message: exact
          ? `\`${host.value}\` is listed twice in this egress listener. Remove one.`
          : `\`${host.value}\` repeats what \`${earlier.value}\` already imports from namespace \`${namespace}\`. Keep one of them.`,
        data: exact ? { fix: 'remove-item', item: host.value } : undefined,
        related: [sameDocument(doc, earlier.span, `\`${earlier.value}\` is listed here`)],
      });
    }
    if (!known.has(dnsName)) known.set(dnsName, host);
    if (namespace === '*' && dnsName === '*') everything ??= host;
  }
  if (everything && seen.size > 1) {
    report({
      ...everything.span,
      code: 'IE206',
      message: '`*/*` already imports every host of every namespace, so the other hosts of this listener add nothing. Remove them, or replace `*/*` with the namespaces you need.',
    });
  }
}
