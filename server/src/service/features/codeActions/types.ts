// What a quick-fix provider receives and returns.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { ParsedFile } from '../../parse/parsedFile';
import type { ServiceSettings } from '../../settings';
import type { FixData } from '../diagnostics/codes';

export interface FixWorkspace {
  index: WorkspaceIndex;
  settings: ServiceSettings;
  /** The parse of any file the service knows (open buffer or indexed disk file). */
  file(uri: string): ParsedFile | undefined;
  /** The client can create files through a WorkspaceEdit. */
  canCreateFiles: boolean;
}

export interface FixContext {
  document: TextDocument;
  diagnostic: Diagnostic;
  data: FixData;
  /** Every diagnostic of the document, for "fix all" actions. */
  allDiagnostics(): readonly Diagnostic[];
  workspace: FixWorkspace;
}

export type FixProvider = (context: FixContext) => CodeAction[];
