// DYNAMIC_DNS (IE215): the proxy resolves the name taken from each request, so the entry names
// wildcard hosts only, has no addresses or endpoints, and carries protocols with a name in them.
import { parseProtocol, type EntryContext } from './serviceEntryModel';

const WAYPOINT_LABEL = 'istio.io/use-waypoint';
const NAMED_PROTOCOLS = new Set(['HTTP', 'TLS', 'GRPC', 'HTTP2']);

export function checkDynamicDns({ se, read, spec, root, report, resolutionNote }: EntryContext): void {
  const related = resolutionNote();
  for (const host of se.hosts) {
    if (host.value.startsWith('*')) continue;
    report({
      ...host.span,
      code: 'IE215',
      message: `With \`resolution: DYNAMIC_DNS\` every host must be a wildcard such as \`*.example.com\`; \`${host.value}\` is not. Use \`resolution: DNS\` for fixed host names.`,
      related,
    });
  }
  for (const field of ['addresses', 'endpoints'] as const) {
    const key = read.keyOf(spec, field);
    if (!key || read.items(read.child(spec, field)).length === 0) continue;
    report({
      ...key,
      code: 'IE215',
      message: `\`${field}\` cannot be set with \`resolution: DYNAMIC_DNS\`: the destination is resolved from each request's host name. Remove \`${field}\`.`,
      related,
    });
  }
  for (const port of se.ports) {
    const protocol = parseProtocol(port.protocol?.value);
    if (protocol && NAMED_PROTOCOLS.has(protocol)) continue;
    report({
      ...(port.protocol?.span ?? port.name?.span ?? port.span),
      code: 'IE215',
      message:
        `\`resolution: DYNAMIC_DNS\` needs the host name from each request, so ports must be HTTP, HTTP2, GRPC or TLS; ` +
        `${protocol ? `${protocol} is not supported` : 'this port has no protocol'}${protocol === 'HTTPS' ? ' (write TLS for TLS traffic)' : ''}.`,
      related,
    });
  }
  const waypoint = read.labels(read.at(root, 'metadata', 'labels'))?.[WAYPOINT_LABEL];
  if (se.location?.value === 'MESH_INTERNAL' && waypoint && waypoint.toLowerCase() !== 'none') {
    report({
      ...se.location.span,
      code: 'IE215',
      message: `\`location: MESH_INTERNAL\` with \`resolution: DYNAMIC_DNS\` is not supported when the entry uses a waypoint (\`${WAYPOINT_LABEL}: ${waypoint}\`). Use MESH_EXTERNAL.`,
      related,
    });
  }
}
