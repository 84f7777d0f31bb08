// What the cursor is on: a Gateway, host or subset, named or declared, in the resource under it.
import type { Position } from 'vscode-languageserver-types';
import { documentAtLine, localOffset, type ParsedFile } from '../../parse/parsedFile';
import { sitesOf, type Site } from './sites';
import { resourceOf, viewOf, type ReferenceWorkspace } from './workspace';

/** The site under the cursor (its end included, where the cursor sits after typing it). */
export function siteAt(workspace: ReferenceWorkspace, file: ParsedFile, position: Position): Site | undefined {
  const placed = documentAtLine(file, position.line);
  if (!placed || file.skipped) return undefined;
  const resource = resourceOf(workspace, file.uri, placed.doc);
  if (!resource) return undefined;
  const offset = localOffset(placed, position);
  return sitesOf(resource, viewOf(workspace)).find((site) => site.span.start <= offset && offset <= site.span.end);
}
