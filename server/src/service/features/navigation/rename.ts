// Rename a Gateway or a DestinationRule subset together with every reference to it. Hosts are
// not renamed: a host is a DNS name the outside world decides, not a name the mesh owns.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { resolveGateway } from '../../index/queries';
import type { ParsedFile } from '../../parse/parsedFile';
import type { Span } from '../diagnostics/finding';
import { spanLocation } from './locations';
import { siteAt } from './referenceAt';
import { definitionsOf, symbolSites } from './resolve';
import type { GatewaySite, Site, SubsetSite } from './sites';
import { viewOf, type ReferenceWorkspace } from './workspace';
import { isKubernetesLabel } from '../../util/names';

type Renamable = GatewaySite | SubsetSite;

/** Kubernetes object names and Istio subset names are both DNS-1123 labels. */

export function prepareRename(workspace: ReferenceWorkspace, file: ParsedFile, position: Position): { range: Range; placeholder: string } | null {
  const site = renamableAt(workspace, file, position);
  const location = site && spanLocation(workspace, site.resource, nameSpan(site));
  return location ? { range: location.range, placeholder: nameOf(site) } : null;
}

/** The edit renaming what is under the cursor; throws with a message for the user when the new name cannot be used. */
export function doRename(workspace: ReferenceWorkspace, file: ParsedFile, position: Position, newName: string): WorkspaceEdit | null {
  const site = renamableAt(workspace, file, position);
  if (!site) return null;
  const what = site.kind === 'gateway' ? 'Gateway' : 'subset';
  if (!isKubernetesLabel(newName)) {
    throw new Error(`\`${newName}\` is not a valid ${what} name: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit.`);
  }
  const view = viewOf(workspace);
  const found = symbolSites(view, site);
  if (!found) return null;
  const sites = [...found.declarations, ...found.references].filter(isRenamable);
  if (newName !== nameOf(site)) checkFree(workspace, site, found.declarations, newName);
  const unwritable = sites.find((other) => !other.exact);
  if (unwritable) {
    const place = spanLocation(workspace, unwritable.resource, unwritable.span);
    throw new Error(`Cannot rename: the ${what} name at ${place ? `${place.uri}:${place.range.start.line + 1}` : unwritable.resource.uri} is written through a YAML alias or escape; edit it by hand first.`);
  }
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const other of sites) {
    const location = spanLocation(workspace, other.resource, nameSpan(other));
    const key = location && `${location.uri}#${location.range.start.line}:${location.range.start.character}`;
    if (!location || !key || seen.has(key)) continue;
    seen.add(key);
    (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  }
  return { changes };
}

/** A Gateway (declared, or named and found) or a subset (defined, or used and defined somewhere). */
function renamableAt(workspace: ReferenceWorkspace, file: ParsedFile, position: Position): Renamable | undefined {
  const site = siteAt(workspace, file, position);
  if (!site || !isRenamable(site) || !site.exact) return undefined;
  if (site.declaration) return site;
  return definitionsOf(viewOf(workspace), site).length ? site : undefined;
}

function isRenamable(site: Site): site is Renamable {
  return site.kind === 'gateway' || site.kind === 'subset';
}

function nameOf(site: Renamable): string {
  return site.kind === 'gateway' ? site.name : site.value;
}

/** For a Gateway reference only the name changes: `ns/` and the legacy `.ns` stay. */
function nameSpan(site: Renamable): Span {
  return site.kind === 'gateway' ? site.nameSpan : site.span;
}

function checkFree(workspace: ReferenceWorkspace, site: Renamable, declarations: readonly Site[], newName: string): void {
  const view = viewOf(workspace);
  if (site.kind === 'gateway') {
    if (resolveGateway(view, `${site.namespace}/${newName}`, site.namespace)?.resource) throw new Error(`A Gateway \`${site.namespace}/${newName}\` already exists.`);
    return;
  }
  for (const declaration of declarations) {
    const rule = declaration.resource;
    if (rule.facts.destinationRule?.subsets.some((subset) => subset.name.value === newName)) {
      throw new Error(`DestinationRule \`${rule.namespace}/${rule.name}\` already defines a subset \`${newName}\`.`);
    }
  }
}
