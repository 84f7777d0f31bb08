// Quick fixes for the visibility family: export a resource to the namespace that needs it
// (append to its exportTo), import a VirtualService into a Sidecar (append to its egress hosts),
// and, where a ServiceEntry is missing for the client, the references family's new ServiceEntry.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { ExportTarget } from '../diagnostics/rules/visibilityData';
import { resourcesOfKind } from '../../index/queries';
import type { Resource } from '../../index/workspaceIndex';
import { workspaceFix } from './quickFix';
import { REFERENCE_FIXES } from './referencesFixes';
import type { FixContext, FixProvider } from './types';
import { editResource, plainView, specOf } from './workspaceEdits';
import { appendSequenceItem, replaceSpan, type DocumentEdit } from './yamlEdits';

const KINDS = new Set(['ServiceEntry', 'VirtualService', 'DestinationRule']);
const LABEL = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?|\.)$/;

function isTarget(value: unknown): value is ExportTarget {
  const target = value as Partial<ExportTarget> | null;
  return (
    typeof target === 'object' && target !== null && KINDS.has(String(target.kind)) &&
    typeof target.namespace === 'string' && typeof target.name === 'string' && typeof target.entry === 'string' && LABEL.test(target.entry)
  );
}

function find(context: FixContext, kind: string, namespace: string, name: string): Resource | undefined {
  return resourcesOfKind(plainView(context.workspace), kind as Resource['facts']['kind']).find((resource) => resource.namespace === namespace && resource.name === name);
}

/** Appends the entry to `spec.exportTo`; `~` (visible nowhere) cannot be combined, so it is replaced. */
function exportEdit(resource: Resource, entry: string): DocumentEdit | undefined {
  const spec = specOf(resource);
  const list = isMap(spec) ? spec.get('exportTo', true) : undefined;
  if (!isSeq(list)) return undefined;
  const items = list.items as Node[];
  if (items.some((item) => isScalar(item) && String(item.value) === entry)) return undefined;
  const none = items.find((item) => isScalar(item) && item.value === '~');
  if (none?.range) return replaceSpan({ start: none.range[0], end: none.range[1] }, entry);
  return appendSequenceItem(resource.doc, list, entry);
}

const addExport: FixProvider = (context) => {
  const { data, diagnostic, workspace } = context;
  const targets = Array.isArray(data.targets) ? data.targets.filter(isTarget) : [];
  const actions: CodeAction[] = [];
  for (const target of targets) {
    const resource = find(context, target.kind, target.namespace, target.name);
    const edit = resource && editResource(workspace.index, resource, exportEdit(resource, target.entry));
    if (!edit) continue;
    const where = target.entry === '.' ? `its own namespace` : `namespace ${target.entry}`;
    actions.push(workspaceFix(`Export ${target.kind} ${target.namespace}/${target.name} to ${where}`, diagnostic, edit, actions.length === 0));
  }
  // A new ServiceEntry in the client namespace is the other way out (built by the references family).
  const create = data.createServiceEntry;
  const provider = REFERENCE_FIXES['create-service-entry'];
  if (provider && typeof create === 'object' && create !== null) {
    actions.push(...provider({ ...context, data: { ...(create as Record<string, unknown>), fix: 'create-service-entry' } }).map((action) => ({ ...action, isPreferred: undefined })));
  }
  return actions;
};

/** Appends an import to the hosts of one egress listener of a Sidecar. */
const addSidecarImport: FixProvider = (context) => {
  const { data, diagnostic, workspace } = context;
  const sidecar = data.sidecar as { namespace?: unknown; name?: unknown } | undefined;
  const { listener, host } = data;
  if (typeof sidecar?.namespace !== 'string' || typeof sidecar.name !== 'string' || typeof listener !== 'number' || typeof host !== 'string' || !/^[^/\s]+\/[^/\s]+$/.test(host)) return [];
  const resource = find(context, 'Sidecar', sidecar.namespace, sidecar.name);
  const spec = resource && specOf(resource);
  const egress = isMap(spec) ? spec.get('egress', true) : undefined;
  const item = isSeq(egress) ? egress.items[listener] : undefined;
  const hosts = isMap(item) ? item.get('hosts', true) : undefined;
  if (!resource || !isSeq(hosts)) return [];
  const edit = editResource(workspace.index, resource, appendSequenceItem(resource.doc, hosts, host));
  return edit ? [workspaceFix(`Import ${host} in Sidecar ${sidecar.namespace}/${sidecar.name}`, diagnostic, edit, true)] : [];
};

export const VISIBILITY_FIXES: Record<string, FixProvider> = { 'add-export': addExport, 'add-sidecar-import': addSidecarImport };
