// "Route this host through the egress gateway" on an existing ServiceEntry: a code action per
// route it can be given, each a WorkspaceEdit that inserts the missing Gateway, DestinationRules
// and VirtualService right after the entry (never a second ServiceEntry for the host), and the
// same choices as CodeLenses that run a server command applying that edit.
import { isMap } from 'yaml';
import type { CodeAction, CodeLens, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { IndexView } from '../../index/queries';
import type { Resource, WorkspaceIndex } from '../../index/workspaceIndex';
import { filePosition } from '../../parse/parsedFile';
import { specOf } from '../codeActions/workspaceEdits';
import { inFileLineEndings } from '../codeActions/lineEndings';
import { addMappingKey, toTextEdit } from '../codeActions/yamlEdits';
import { renderResources } from './render';
import { buildRoute } from './resources';
import { routeOptions, type RouteOption } from './serviceEntryRoutes';
import { EGRESS_MODES, type EgressMode } from './types';

/** The server command a lens runs; its single argument is a RouteCommandArgs. */
export const ROUTE_SERVICE_ENTRY_COMMAND = 'istioEgress.routeServiceEntry';
export const ROUTE_ACTION_KIND = 'refactor.rewrite.egressRoute';

export interface RouteCommandArgs {
  uri: string;
  host: string;
  mode: EgressMode;
  port: number;
}

interface Workspace {
  index: WorkspaceIndex;
  view: IndexView;
}

const serviceEntriesOf = (index: WorkspaceIndex, uri: string) => index.resourcesOf(uri).filter((resource) => resource.facts.kind === 'ServiceEntry');

/** The ServiceEntry whose document holds `line` (the last one starting at or before it). */
function entryAt(index: WorkspaceIndex, uri: string, line: number): Resource | undefined {
  let found: Resource | undefined;
  for (const resource of index.resourcesOf(uri)) {
    const placed = index.placement(resource);
    if (placed && placed.startLine <= line && (!found || placed.startLine >= index.placement(found)!.startLine)) found = resource;
  }
  return found?.facts.kind === 'ServiceEntry' ? found : undefined;
}

/**
 * The hosts the range points at: every host when it touches the entry's `kind` or name, one host
 * when it touches that host. Elsewhere in the entry (a port, a typo being fixed) nothing is
 * offered, so the lightbulb keeps to quick fixes there; the CodeLens is always there.
 */
function hostsAt(index: WorkspaceIndex, entry: Resource, range: Range): Set<string> | 'all' | undefined {
  const placed = index.placement(entry);
  if (!placed) return undefined;
  const touches = (offset: number | undefined) => {
    if (offset === undefined) return false;
    const line = filePosition(placed, offset).line;
    return line >= range.start.line && line <= range.end.line;
  };
  const { kindNode, nameNode } = entry.doc.header;
  if (touches(kindNode?.range?.[0]) || touches(nameNode?.range?.[0])) return 'all';
  const hosts = entry.facts.serviceEntry?.hosts.filter((host) => touches(host.span.start)).map((host) => host.value.toLowerCase()) ?? [];
  return hosts.length ? new Set(hosts) : undefined;
}

export function routeActions({ index, view }: Workspace, uri: string, range: Range): CodeAction[] {
  const entry = entryAt(index, uri, range.start.line);
  const hosts = entry && hostsAt(index, entry, range);
  if (!entry || !hosts) return [];
  return routeOptions(view, entry).flatMap((option) => {
    if (hosts !== 'all' && !hosts.has(option.host)) return [];
    const edit = routeEdit(index, entry, option);
    return edit ? [{ title: `Route ${option.host} through the egress gateway: ${describe(option)}`, kind: ROUTE_ACTION_KIND, edit }] : [];
  });
}

export function routeLenses({ index, view }: Workspace, uri: string): CodeLens[] {
  return serviceEntriesOf(index, uri).flatMap((entry) => {
    const options = routeOptions(view, entry);
    const kind = entry.doc.header.kindNode?.range;
    const placed = index.placement(entry);
    if (!options.length || !kind || !placed) return [];
    const start = filePosition(placed, kind[0]);
    const range = { start, end: start };
    const manyHosts = new Set(options.map((option) => option.host)).size > 1;
    return options.map((option, position) => {
      const what = describe(option);
      const title = position === 0 || manyHosts ? `Route ${manyHosts ? option.host : 'this host'} through the egress gateway: ${what}` : what;
      const args: RouteCommandArgs = { uri, host: option.host, mode: option.mode, port: option.port };
      return { range, command: { title, command: ROUTE_SERVICE_ENTRY_COMMAND, arguments: [args] } };
    });
  });
}

/** The edit a lens stands for, recomputed from the current text (undefined when it no longer applies). */
export function routeCommandEdit({ index, view }: Workspace, args: unknown): { edit: WorkspaceEdit; label: string } | undefined {
  const parsed = readArgs(args);
  if (!parsed) return undefined;
  for (const entry of serviceEntriesOf(index, parsed.uri)) {
    const option = routeOptions(view, entry).find((candidate) => candidate.host === parsed.host && candidate.mode === parsed.mode && candidate.port === parsed.port);
    const edit = option && routeEdit(index, entry, option);
    if (edit) return { edit, label: `Route ${option.host} through the egress gateway` };
  }
  return undefined;
}

function readArgs(args: unknown): RouteCommandArgs | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const { uri, host, mode, port } = args as Record<string, unknown>;
  const knownMode = EGRESS_MODES.find((candidate) => candidate === mode);
  if (typeof uri !== 'string' || typeof host !== 'string' || !knownMode || typeof port !== 'number') return undefined;
  return { uri, host, mode: knownMode, port };
}

function describe(option: RouteOption): string {
  const notes = [option.request.target && `forwarded to ${option.request.target}`, option.setResolution && 'sets resolution: DNS'].filter(Boolean);
  return notes.length ? `${option.label} (${notes.join(', ')})` : option.label;
}

/** New documents after the entry's, plus `resolution: DNS` where needed; in the file's line endings. */
function routeEdit(index: WorkspaceIndex, entry: Resource, option: RouteOption): WorkspaceEdit | undefined {
  const placed = index.placement(entry);
  if (!placed) return undefined;
  const text = placed.doc.text;
  const resources = buildRoute(option.request, { omitServiceEntry: true, omitTargetServiceEntry: !option.addTarget, omitSidecar: true });
  const end = filePosition(placed, text.length);
  const lead = text.length && !/[\r\n]$/.test(text) ? '\n' : '';
  const edits: TextEdit[] = [];
  if (option.setResolution) {
    const resolution = entry.facts.serviceEntry?.resolution;
    const spec = specOf(entry);
    const local = resolution ? { start: resolution.span.start, end: resolution.span.end, text: 'DNS' } : isMap(spec) ? addMappingKey(entry.doc, spec, 'resolution', 'DNS') : undefined;
    if (!local) return undefined;
    edits.push(toTextEdit(placed, local));
  }
  edits.push({ range: { start: end, end }, newText: `${lead}---\n${renderResources(resources)}` });
  return inFileLineEndings({ changes: { [entry.uri]: edits } }, (uri) => index.fileOf(uri)?.text);
}
