// From a span in a resource's document to where it is in its file: LSP locations for the
// client, and `folder/file.yaml:line` for people reading a hover.
import type { Location, Range } from 'vscode-languageserver-types';
import type { Resource } from '../../index/workspaceIndex';
import { filePosition, type PlacedDocument } from '../../parse/parsedFile';
import type { Span } from '../diagnostics/finding';
import type { Site } from './sites';
import type { ReferenceWorkspace } from './workspace';

export function spanRange(placed: PlacedDocument, span: Span): Range {
  return { start: filePosition(placed, span.start), end: filePosition(placed, span.end) };
}

/** Where a span of a resource is now, or undefined when its file left the index. */
export function spanLocation(workspace: ReferenceWorkspace, resource: Resource, span: Span): Location | undefined {
  const placed = workspace.index.placement(resource);
  return placed && { uri: resource.uri, range: spanRange(placed, span) };
}

export function siteLocation(workspace: ReferenceWorkspace, site: Site): Location | undefined {
  return spanLocation(workspace, site.resource, site.span);
}

/** Locations of sites, each place once, in the order given. */
export function siteLocations(workspace: ReferenceWorkspace, sites: readonly Site[]): Location[] {
  const seen = new Set<string>();
  const locations: Location[] = [];
  for (const site of sites) {
    const location = siteLocation(workspace, site);
    if (!location) continue;
    const key = `${location.uri}#${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    locations.push(location);
  }
  return locations;
}

/**
 * `egress/gateway.yaml:5` as a Markdown link to the line. The service does not know the
 * workspace folder, so the file's own folder stands in for the path.
 */
export function placeLink(workspace: ReferenceWorkspace, resource: Resource, span: Span): string {
  const location = spanLocation(workspace, resource, span);
  const parts = resource.uri.split('/').filter(Boolean);
  const shown = parts.slice(-2).map(decodeSafely).join('/');
  if (!location) return shown;
  const line = location.range.start.line + 1;
  return `[${shown}:${line}](${resource.uri}#L${line})`;
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
