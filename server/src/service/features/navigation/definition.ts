// Go to definition: from a Gateway reference to the Gateway's name, from a host to the
// ServiceEntry host (or Kubernetes Service) it resolves to, from a subset to its definition.
import type { Location, Position } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parse/parsedFile';
import { siteLocations } from './locations';
import { siteAt } from './referenceAt';
import { definitionsOf } from './resolve';
import { viewOf, type ReferenceWorkspace } from './workspace';

export function findDefinition(workspace: ReferenceWorkspace, file: ParsedFile, position: Position): Location[] {
  const site = siteAt(workspace, file, position);
  return site ? siteLocations(workspace, definitionsOf(viewOf(workspace), site)) : [];
}
