// Find references: every place that names the Gateway, host or subset under the cursor,
// with the declarations first when the client asks for them.
import type { Location, Position } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parse/parsedFile';
import { siteLocations } from './locations';
import { siteAt } from './referenceAt';
import { symbolSites } from './resolve';
import { viewOf, type ReferenceWorkspace } from './workspace';

export function findReferences(workspace: ReferenceWorkspace, file: ParsedFile, position: Position, includeDeclaration: boolean): Location[] {
  const site = siteAt(workspace, file, position);
  const found = site && symbolSites(viewOf(workspace), site);
  if (!found) return [];
  // Declarations and references never overlap: a site either declares or names.
  return siteLocations(workspace, includeDeclaration ? [...found.declarations, ...found.references] : found.references);
}
