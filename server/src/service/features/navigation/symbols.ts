// Document symbols (the outline: one per `---` resource, with its hosts, subsets, servers and
// routes) and workspace symbols (every indexed resource, found by a loose match of the query).
import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import type { ResourceFacts } from '../../index/facts';
import type { Resource } from '../../index/workspaceIndex';
import type { ParsedFile, PlacedDocument } from '../../parse/parsedFile';
import type { Span } from '../diagnostics/finding';
import { spanRange } from './locations';
import { resourceOf, type ReferenceWorkspace } from './workspace';

const KIND_SYMBOLS: Record<string, SymbolKind> = {
  ServiceEntry: SymbolKind.Module,
  Gateway: SymbolKind.Interface,
  DestinationRule: SymbolKind.Struct,
  VirtualService: SymbolKind.Class,
  Sidecar: SymbolKind.Namespace,
  Service: SymbolKind.Module,
};

export function findDocumentSymbols(workspace: ReferenceWorkspace, file: ParsedFile): DocumentSymbol[] {
  if (file.skipped) return [];
  return file.documents.flatMap((placed) => {
    const { header } = placed.doc;
    if (!header.kind) return [];
    const range = documentRange(placed);
    const nameSpan = header.nameNode?.range ?? header.kindNode?.range;
    const selectionRange = nameSpan ? spanRange(placed, { start: nameSpan[0], end: nameSpan[1] }) : { start: range.start, end: range.start };
    const resource = resourceOf(workspace, file.uri, placed.doc);
    const children = resource ? childSymbols(placed, resource.facts) : [];
    return [
      {
        name: `${header.kind} ${header.name ?? '(unnamed)'}`,
        detail: header.namespace,
        kind: KIND_SYMBOLS[header.kind] ?? SymbolKind.Object,
        range,
        selectionRange,
        ...(children.length ? { children } : {}),
      },
    ];
  });
}

/** The whole `---` document, without the blank lines that separate it from the next. */
function documentRange(placed: PlacedDocument): Range {
  return spanRange(placed, { start: 0, end: placed.doc.text.trimEnd().length });
}

function childSymbols(placed: PlacedDocument, facts: ResourceFacts): DocumentSymbol[] {
  const child = (name: string, kind: SymbolKind, whole: Span, selection: Span): DocumentSymbol => ({
    name,
    kind,
    // The selection must lie inside the range, and a collection's span is only its first line.
    range: spanRange(placed, { start: Math.min(whole.start, selection.start), end: Math.max(whole.end, selection.end) }),
    selectionRange: spanRange(placed, selection),
  });
  const symbols: DocumentSymbol[] = [];
  for (const host of facts.serviceEntry?.hosts ?? []) symbols.push(child(host.value, SymbolKind.String, host.span, host.span));
  for (const server of facts.gateway?.servers ?? []) {
    const port = server.port ? `${server.port.number?.value ?? '?'}/${server.port.protocol?.value ?? '?'}` : 'server';
    symbols.push(child(`${port} ${server.hosts.map((host) => host.value).join(', ')}`.trim(), SymbolKind.Property, server.span, server.span));
  }
  for (const subset of facts.destinationRule?.subsets ?? []) symbols.push(child(subset.name.value, SymbolKind.EnumMember, subset.span, subset.name.span));
  for (const route of facts.virtualService?.routes ?? []) {
    const hosts = [...new Set(route.destinations.filter((destination) => destination.role === 'route').map((destination) => destination.host?.value ?? '?'))];
    const name = `${route.kind}[${route.index}]${route.name ? ` ${route.name}` : ''}${hosts.length ? ` → ${hosts.join(', ')}` : ''}`;
    symbols.push(child(name, SymbolKind.Event, route.span, route.span));
  }
  return symbols;
}

/**
 * Every indexed resource whose `Kind namespace/name` or hosts match the query: a substring
 * ranks first, then letters in order (`virtualhttp` finds `VirtualService shop/httpbin`).
 */
export function findWorkspaceSymbols(workspace: ReferenceWorkspace, query: string): SymbolInformation[] {
  const needle = query.trim().toLowerCase();
  const found: Array<{ symbol: SymbolInformation; rank: number }> = [];
  for (const uri of workspace.index.uris()) {
    for (const resource of workspace.index.resourcesOf(uri)) {
      const rank = matchRank(resource, needle);
      if (rank === undefined) continue;
      const symbol = workspaceSymbol(workspace, resource);
      if (symbol) found.push({ symbol, rank });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.symbol.name.localeCompare(b.symbol.name));
  return found.map((entry) => entry.symbol);
}

function workspaceSymbol(workspace: ReferenceWorkspace, resource: Resource): SymbolInformation | undefined {
  const placed = workspace.index.placement(resource);
  if (!placed) return undefined;
  const span = resource.facts.name?.span ?? { start: 0, end: 0 };
  return {
    name: `${resource.facts.kind} ${resource.name || '(unnamed)'}`,
    kind: KIND_SYMBOLS[resource.facts.kind] ?? SymbolKind.Object,
    location: { uri: resource.uri, range: spanRange(placed, span) },
    containerName: resource.namespace,
  };
}

/** 0: the name contains the query; 1: the kind, namespace or a host does; 2: its letters appear in order; undefined: no match. */
function matchRank(resource: Resource, needle: string): number | undefined {
  if (!needle) return 0;
  const name = resource.name.toLowerCase();
  if (name.includes(needle)) return 0;
  const facts = resource.facts;
  const hosts = [...(facts.serviceEntry?.hosts ?? []), ...(facts.virtualService?.hosts ?? []), ...(facts.destinationRule?.host ? [facts.destinationRule.host] : [])];
  const title = `${facts.kind} ${resource.namespace}/${resource.name}`.toLowerCase();
  if (title.includes(needle) || hosts.some((host) => host.value.toLowerCase().includes(needle))) return 1;
  // Letters in order only over the title: over hosts too, short queries would match everything.
  return lettersInOrder(title, needle) ? 2 : undefined;
}

/** The letters of `needle` appear in `haystack` in order (spaces in the needle are ignored): the editor's kind of fuzzy match. */
export function lettersInOrder(haystack: string, needle: string): boolean {
  let at = 0;
  for (const ch of needle) {
    if (ch === ' ') continue;
    at = haystack.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
