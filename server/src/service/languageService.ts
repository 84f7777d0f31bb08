// The pure Istio language service: text and settings in, LSP data out.
// It knows nothing of the connection or of VS Code; the server and the CLI are thin shells over it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { getCodeActions } from './features/codeActions';
import { doComplete, type CompletionOptions } from './features/completion';
import { fileDiagnostics } from './features/diagnostics';
import { doHover } from './features/hover';
import type { ChangedRegion } from './parse/incrementalSplit';
import { ParseCache, type ParsedFile } from './parse/parsedFile';
import { DEFAULT_SETTINGS, normalizeSettings, type ServiceSettings } from './settings';

export interface LanguageService {
  configure(settings: unknown): void;
  readonly settings: ServiceSettings;
  doValidation(document: TextDocument): Diagnostic[];
  doComplete(document: TextDocument, position: Position, options?: Partial<CompletionOptions>): CompletionList;
  doHover(document: TextDocument, position: Position): Hover | null;
  getCodeActions(document: TextDocument, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[];
  /**
   * Optional: tell the service which characters an edit left untouched at each end of the file,
   * so the next parse finds the unchanged documents without comparing text.
   */
  recordChange(uri: string, version: number, change: ChangedRegion): void;
  /** Forget everything cached for a document (call when it closes). */
  closeDocument(uri: string): void;
  /** The cached parse of a document, for shells that need more than the features above. */
  parse(document: TextDocument): ParsedFile;
}

export function createLanguageService(initialSettings: unknown = DEFAULT_SETTINGS): LanguageService {
  let settings = normalizeSettings(initialSettings);
  const cache = new ParseCache(() => settings);
  const parse = (document: TextDocument) => cache.get(document);
  return {
    get settings() {
      return settings;
    },
    configure(next) {
      const normalized = normalizeSettings(next);
      if (normalized.maxFileSizeKB !== settings.maxFileSizeKB) cache.clear();
      settings = normalized;
    },
    doValidation: (document) => fileDiagnostics(parse(document), settings),
    doComplete: (document, position, options = {}) => doComplete(parse(document), position, { snippets: options.snippets ?? true }),
    doHover: (document, position) => doHover(parse(document), position),
    getCodeActions: (document, range, diagnostics) => {
      void range;
      return getCodeActions(document, diagnostics, () => fileDiagnostics(parse(document), settings));
    },
    recordChange: (uri, version, change) => cache.changes.record(uri, version, change),
    closeDocument: (uri) => cache.evict(uri),
    parse,
  };
}
