// ServiceEntries that declare the same host and port for a common namespace. With different
// protocols that is istioctl's IST0177; with the same one, Kiali's KIA1211. Istio keeps one
// service per host and namespace (the oldest ServiceEntry's ports, resolution and location; the
// endpoints are pooled), and a client seeing several namespaces' entries picks one of them, so
// the duplicate is at best redundant and at worst silently ignored.
import type { PortFact } from '../../../index/facts';
import { fqdnOf, serviceEntriesFor, type IndexView } from '../../../index/queries';
import { sameObject, type Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { Report } from '../finding';
import { commonScope, scopeOf, scopeWords } from './conflictsScope';
import { qualified, relatedAt, unique } from './referencesShared';

interface Twin {
  other: Resource;
  port: PortFact;
  common: 'all' | string[];
}

export function checkServiceEntryConflicts(resource: Resource, view: IndexView, report: Report): void {
  const entry = resource.facts.serviceEntry;
  if (!entry) return;
  const scope = scopeOf(resource);
  for (const host of entry.hosts) {
    const fqdn = fqdnOf(view, host.value.toLowerCase(), resource.namespace);
    const others = serviceEntriesFor(view, fqdn).filter(
      (other) => !sameObject(other, resource) && other.facts.serviceEntry?.hosts.some((candidate) => fqdnOf(view, candidate.value.toLowerCase(), other.namespace) === fqdn),
    );
    if (!others.length) continue;
    const duplicates: Twin[] = [];
    for (const port of entry.ports) {
      const number = port.number?.value;
      if (number === undefined) continue;
      const twins: Twin[] = others.flatMap((other) => {
        const common = commonScope(scope, scopeOf(other));
        const match = other.facts.serviceEntry?.ports.find((candidate) => candidate.number?.value === number);
        return common && match ? [{ other, port: match, common }] : [];
      });
      const protocol = protocolOf(port);
      const disagreeing = twins.filter((twin) => protocolOf(twin.port) !== protocol);
      if (disagreeing.length) reportProtocol(host.value, port, disagreeing, report);
      else duplicates.push(...twins);
    }
    if (duplicates.length) reportDuplicate(host, duplicates, report);
  }
}

/** Protocols compare case-insensitively; an empty one (sniffing) differs from any name. */
function protocolOf(port: PortFact): string {
  return (port.protocol?.value ?? '').toUpperCase();
}

function reportProtocol(host: string, port: PortFact, twins: Twin[], report: Report): void {
  const number = port.number!.value;
  const protocols = unique([protocolOf(port), ...twins.map((twin) => protocolOf(twin.port))]).map((name) => name || '(none: sniffed)');
  report({
    ...(port.protocol?.span ?? port.number!.span),
    code: 'IE321',
    message:
      `ServiceEntry ${listWords(unique(twins.map((twin) => qualified(twin.other))), 'and')} also declare${twins.length > 1 ? '' : 's'} \`${host}\` port ${number}, ` +
      `with another protocol (${listWords(protocols, 'and')}), for ${scopeWords(twins[0].common)}. Istio uses only one of them, so traffic may be handled with the wrong protocol. Make the protocols agree, or keep one ServiceEntry for the host.`,
    related: twins.map((twin) => relatedAt(twin.other, twin.port.protocol?.span ?? twin.port.span, `ServiceEntry ${qualified(twin.other)} port ${number}`)),
  });
}

function reportDuplicate(host: { value: string; span: { start: number; end: number } }, twins: Twin[], report: Report): void {
  const ports = unique(twins.map((twin) => twin.port.number!.value)).sort((a, b) => a - b);
  const names = unique(twins.map((twin) => qualified(twin.other)));
  report({
    ...host.span,
    code: 'IE322',
    message:
      `ServiceEntry ${listWords(names, 'and')} also declare${names.length > 1 ? '' : 's'} \`${host.value}\` with port ${listWords(ports.map(String), 'and')}, for ${scopeWords(twins[0].common)}. ` +
      'Istio keeps one service per host: in one namespace the oldest entry\'s ports, resolution and location win, and clients pick one namespace\'s entry, so the rest is ignored. Keep one ServiceEntry per host, or separate them with exportTo.',
    related: twins.map((twin) => relatedAt(twin.other, twin.port.span, `ServiceEntry ${qualified(twin.other)} port ${twin.port.number!.value}`)),
  });
}
