// The `create-service-entry` quick fix, for a host Istio does not know. Its data, shared with the
// visibility family: `{ fix, host (as written), namespace, ports: [{ number, protocol }] }`, and
// optionally `candidates`, declared hosts the written one is a near miss of (offered first).
// Two actions: a new `---` document right after the resource under the diagnostic, and (when
// the client can create files) a new file next to the current one, never overwriting a file.
import { CreateFile, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, type CodeAction } from 'vscode-languageserver-types';
import { CURRENT_API_VERSION } from '../../schema/kinds';
import type { Resource } from '../../index/workspaceIndex';
import { routeNames } from '../scaffold/names';
import { quickFix, workspaceFix } from './quickFix';
import type { FixContext, FixProvider } from './types';
import { insertDocumentAfter, resourceAt } from './workspaceEdits';
import { renderBlock } from './yamlEdits';
import { isKubernetesLabel } from '../../util/names';

interface Request {
  host: string;
  namespace: string;
  ports: Array<{ number: number; protocol: string }>;
  candidates: string[];
}

const HOST = /^(\*\.)?[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?$/;
const PROTOCOL = /^[A-Za-z][-A-Za-z0-9_]{0,31}$/;

/** The data comes back from the client: accept only what could have been produced. */
function readRequest(data: FixContext['data']): Request | undefined {
  const { host, namespace, ports } = data;
  if (typeof host !== 'string' || host.length > 253 || !HOST.test(host)) return undefined;
  if (typeof namespace !== 'string' || !isKubernetesLabel(namespace) || !Array.isArray(ports)) return undefined;
  const valid: Request['ports'] = [];
  for (const port of ports as unknown[]) {
    if (typeof port !== 'object' || port === null) return undefined;
    const { number, protocol } = port as { number?: unknown; protocol?: unknown };
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) return undefined;
    if (typeof protocol !== 'string' || !PROTOCOL.test(protocol)) return undefined;
    if (!valid.some((known) => known.number === number)) valid.push({ number, protocol: protocol.toUpperCase() });
  }
  const candidates = Array.isArray(data.candidates) ? data.candidates.filter((item): item is string => typeof item === 'string' && item.length <= 253 && HOST.test(item)) : [];
  return { host, namespace, ports: valid, candidates: candidates.slice(0, 3) };
}

/**
 * The ServiceEntry: an external host resolved by DNS (NONE for a wildcard, which DNS cannot
 * resolve). The namespace is written only when it differs from the resource's own implicit one,
 * so a file applied with `kubectl -n` keeps working.
 */
function serviceEntry(request: Request, writeNamespace: boolean): Record<string, unknown> {
  const spec: Record<string, unknown> = { hosts: [request.host] };
  if (request.ports.length) {
    spec.ports = request.ports.map((port) => ({ number: port.number, name: `${port.protocol.toLowerCase().replace(/_/g, '-')}-${port.number}`, protocol: port.protocol }));
  }
  spec.location = 'MESH_EXTERNAL';
  spec.resolution = request.host.startsWith('*') ? 'NONE' : 'DNS';
  return {
    apiVersion: CURRENT_API_VERSION,
    kind: 'ServiceEntry',
    metadata: writeNamespace ? { name: routeNames(request.host).serviceEntry, namespace: request.namespace } : { name: routeNames(request.host).serviceEntry },
    spec,
  };
}

function needsNamespace(request: Request, resource: Resource | undefined): boolean {
  return !resource || !!resource.facts.namespace?.value || resource.namespace !== request.namespace;
}

const createServiceEntry: FixProvider = (context) => {
  const request = readRequest(context.data);
  if (!request) return [];
  const { document, diagnostic, workspace } = context;
  const resource = resourceAt(workspace, document.uri, diagnostic.range.start.line);
  const value = serviceEntry(request, needsNamespace(request, resource));
  // A likely typo: correcting the host comes before declaring it.
  const actions: CodeAction[] = request.candidates.map((candidate, index) =>
    quickFix(`Change to '${candidate}'`, document, diagnostic, [{ range: diagnostic.range, newText: candidate }], index === 0),
  );
  const inFile = resource && insertDocumentAfter(workspace.index, resource, value);
  if (inFile) actions.push(workspaceFix(`Add a ServiceEntry for '${request.host}' to this file`, diagnostic, inFile, !actions.length));
  const uri = workspace.canCreateFiles ? freeUri(context, request.host) : undefined;
  if (uri) {
    const text = `${renderBlock(value, '')}\n`;
    actions.push(
      workspaceFix(`Create ${uri.slice(uri.lastIndexOf('/') + 1)} with a ServiceEntry for '${request.host}'`, diagnostic, {
        documentChanges: [
          // Without ignoreIfExists the whole edit fails if the file appeared meanwhile (or is one we
          // do not index): better an error than text inserted into someone else's file.
          CreateFile.create(uri, { overwrite: false, ignoreIfExists: false }),
          TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [TextEdit.insert({ line: 0, character: 0 }, text)]),
        ],
      }),
    );
  }
  return actions;
};

/** `<dir>/<host>-serviceentry.yaml`, or `-2`, `-3`… when the service already knows such a file. */
function freeUri({ document, workspace }: FixContext, host: string): string | undefined {
  const directory = document.uri.slice(0, document.uri.lastIndexOf('/') + 1);
  if (!directory) return undefined;
  const base = `${host.toLowerCase().replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9.-]+/g, '-')}-serviceentry`;
  for (let attempt = 1; attempt < 10; attempt++) {
    const uri = `${directory}${base}${attempt > 1 ? `-${attempt}` : ''}.yaml`;
    if (!workspace.file(uri) && !workspace.index.fileOf(uri)) return uri;
  }
  return undefined;
}

export const SERVICE_ENTRY_CREATION_FIXES: Record<string, FixProvider> = { 'create-service-entry': createServiceEntry };
