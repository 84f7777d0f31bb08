// The pure Istio language service: text and settings in, LSP data out.
// It knows nothing of the connection or of VS Code; the server and the CLI are thin shells over it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { getCodeActions } from './features/codeActions';
import { fixAll, safeFixes, type FixAllOptions, type FixAllResult, type SafeFix } from './features/codeActions/safeFixes';
import { doComplete, type CompletionOptions } from './features/completion';
import { fileDiagnostics } from './features/diagnostics';
import { dependsOn } from './features/diagnostics/workspaceRules';
import { doHover } from './features/hover';
import { findDefinition } from './features/navigation/definition';
import { findReferences } from './features/navigation/references';
import { doRename, prepareRename } from './features/navigation/rename';
import { findDocumentSymbols, findWorkspaceSymbols } from './features/navigation/symbols';
import type { ReferenceWorkspace } from './features/navigation/workspace';
import { egressRouteDefaults, generateEgressRoute, type EgressRouteDefaults, type GenerateOutcome } from './features/scaffold';
import { routeActions, routeCommandEdit, routeLenses } from './features/scaffold/serviceEntryActions';
import { WorkspaceIndex } from './index/workspaceIndex';
import type { ChangedRegion } from './parse/incrementalSplit';
import { ParseCache, parseFile, type ParsedFile } from './parse/parsedFile';
import { DEFAULT_SETTINGS, normalizeSettings, type ServiceSettings } from './settings';

export interface ClientAbilities {
  /** The client accepts snippets in completion items. */
  snippets: boolean;
  /** The client can create files through a WorkspaceEdit. */
  createFiles: boolean;
}

export interface LanguageService {
  configure(settings: unknown): void;
  readonly settings: ServiceSettings;
  setClientAbilities(abilities: Partial<ClientAbilities>): void;

  /** The content of a workspace file on disk; ignored while the file is open in the editor. */
  setWorkspaceFile(uri: string, text: string): void;
  removeWorkspaceFile(uri: string): void;
  /** Forget an open document: the file is dropped until its disk content is given again. */
  closeDocument(uri: string): void;
  /**
   * Open documents whose cross-resource findings may have changed since they were last
   * validated, because another file changed. Taking them clears the list.
   */
  takeStaleDocuments(): string[];
  /** Istio documents in the indexed files. */
  indexedResourceCount(): number;
  /** Indexed files (those with Istio content). */
  indexedFiles(): string[];
  /** Diagnostics of an indexed file as it is known now (open buffer or disk), without re-parsing it. */
  fileDiagnostics(uri: string): Diagnostic[];

  /** Validates an open document (which also makes it the indexed version of its file). */
  doValidation(document: TextDocument): Diagnostic[];
  doComplete(document: TextDocument, position: Position, options?: Partial<CompletionOptions>): CompletionList;
  doHover(document: TextDocument, position: Position): Hover | null;
  getCodeActions(document: TextDocument, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[];
  /**
   * The fix a tool may apply unasked, per diagnostic of the document: its only preferred quick fix,
   * when that edits nothing but this document. Fixes of different diagnostics may overlap.
   */
  getSafeFixes(document: TextDocument): SafeFix[];
  /**
   * Applies safe fixes, non-overlapping ones per pass, re-analysing between passes, until none is
   * left (or after `options.maxPasses`). The result becomes the document's content, as if an
   * editor had applied the edits.
   */
  fixAll(document: TextDocument, options?: FixAllOptions): FixAllResult;

  /** Where the Gateway, host or subset named under the cursor is declared (none for `mesh` or a gateway workload). */
  findDefinition(document: TextDocument, position: Position): Location[];
  /** Every place naming the Gateway, host or subset under the cursor, declarations first when asked for. */
  findReferences(document: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  /** The name a rename would change (Gateways and subsets only), or null where rename is not supported. */
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | null;
  /**
   * Renames a Gateway or a subset with every reference to it, in every file. Null where rename is
   * not supported; throws an Error whose message is for the user when `newName` cannot be used.
   */
  doRename(document: TextDocument, position: Position, newName: string): WorkspaceEdit | null;
  /** One symbol per `---` resource (`Kind name`), with hosts, servers, subsets and routes as children. */
  findDocumentSymbols(document: TextDocument): DocumentSymbol[];
  /** Indexed resources matching the query (substring first, then letters in order); all for an empty query. */
  findWorkspaceSymbols(query: string): SymbolInformation[];
  /**
   * Optional: tell the service which characters an edit left untouched at each end of the file,
   * so the next parse finds the unchanged documents without comparing text.
   */
  recordChange(uri: string, version: number, change: ChangedRegion): void;
  /** The parse of a document, for shells that need more than the features above. */
  parse(document: TextDocument): ParsedFile;

  /**
   * The YAML of an egress route from the scaffold's inputs (unknown JSON, checked here), with
   * warnings about what it clashes with in the workspace; or the problems of the inputs.
   */
  generateEgressRoute(inputs: unknown): GenerateOutcome;
  /** What the scaffold uses when an input is not given. */
  egressRouteDefaults(): EgressRouteDefaults;
  /** "Route this host through the egress gateway" refactorings for the ServiceEntry at `range`. */
  getEgressRouteActions(document: TextDocument, range: Range): CodeAction[];
  /** The same choices as CodeLenses on each ServiceEntry; they run ROUTE_SERVICE_ENTRY_COMMAND. */
  findEgressRouteLenses(document: TextDocument): CodeLens[];
  /** The edit of a route lens (its command argument), recomputed on the current text; undefined when it no longer applies. */
  egressRouteCommandEdit(document: TextDocument, args: unknown): { edit: WorkspaceEdit; label: string } | undefined;
}

export function createLanguageService(initialSettings: unknown = DEFAULT_SETTINGS): LanguageService {
  let settings = normalizeSettings(initialSettings);
  const abilities: ClientAbilities = { snippets: true, createFiles: false };
  const cache = new ParseCache(() => settings);
  const index = new WorkspaceIndex(() => settings);
  const open = new Set<string>();
  const stale = new Set<string>();
  /** The parse each open document was last indexed with. */
  const synced = new Map<string, ParsedFile>();

  /** After a change to the index, note the open documents that read what changed. */
  const noteChanged = (changedUri: string, changedKeys: ReadonlySet<string>) => {
    if (!changedKeys.size) return;
    for (const uri of open) {
      if (uri !== changedUri && index.resourcesOf(uri).some((resource) => dependsOn(resource, changedKeys))) stale.add(uri);
    }
  };
  /** Parses an open document and makes it the indexed version of its file. */
  const sync = (document: TextDocument): ParsedFile => {
    const parsed = cache.get(document);
    if (synced.get(document.uri) !== parsed) {
      open.add(document.uri);
      synced.set(document.uri, parsed);
      noteChanged(document.uri, index.update(parsed));
    }
    return parsed;
  };
  const referenceWorkspace = (): ReferenceWorkspace => ({ index, settings });
  const scaffoldWorkspace = () => ({ index, view: { settings, lookup: (key: string) => index.lookup(key) } });
  const fixWorkspace = () => ({
    index,
    settings,
    file: (uri: string) => index.fileOf(uri),
    canCreateFiles: abilities.createFiles,
  });
  const getSafeFixes = (document: TextDocument): SafeFix[] => {
    const all = fileDiagnostics(sync(document), settings, index);
    return safeFixes(document.uri, all, (diagnostic) => getCodeActions(document, [diagnostic], () => all, fixWorkspace()));
  };

  return {
    get settings() {
      return settings;
    },
    configure(next) {
      const normalized = normalizeSettings(next);
      if (normalized.maxFileSizeKB !== settings.maxFileSizeKB) cache.clear();
      settings = normalized;
      synced.clear();
      index.rebuild();
      for (const uri of open) stale.add(uri);
    },
    setClientAbilities(next) {
      Object.assign(abilities, next);
    },
    setWorkspaceFile(uri, text) {
      if (open.has(uri)) return;
      const previous = index.fileOf(uri);
      if (previous?.text === text) return;
      noteChanged(uri, index.update(parseFile({ uri, version: 0, getText: () => text }, settings, previous)));
    },
    removeWorkspaceFile(uri) {
      if (open.has(uri)) return;
      noteChanged(uri, index.remove(uri));
    },
    closeDocument(uri) {
      cache.evict(uri);
      open.delete(uri);
      synced.delete(uri);
      stale.delete(uri);
      noteChanged(uri, index.remove(uri));
    },
    takeStaleDocuments() {
      const uris = [...stale].filter((uri) => open.has(uri));
      stale.clear();
      return uris;
    },
    indexedResourceCount: () =>
      index.uris().reduce((sum, uri) => sum + (index.fileOf(uri)?.documents.filter(({ doc }) => doc.header.role === 'istio').length ?? 0), 0),
    indexedFiles: () => index.uris(),
    fileDiagnostics(uri) {
      const file = index.fileOf(uri);
      return file ? fileDiagnostics(file, settings, index) : [];
    },
    doValidation(document) {
      stale.delete(document.uri);
      return fileDiagnostics(sync(document), settings, index);
    },
    doComplete: (document, position, options = {}) => doComplete(sync(document), position, { snippets: options.snippets ?? abilities.snippets }, referenceWorkspace()),
    doHover: (document, position) => doHover(sync(document), position, referenceWorkspace()),
    // Quick fixes hang off the diagnostics the editor sends back, so the range itself is not needed.
    getCodeActions(document, _range, diagnostics) {
      const parsed = sync(document);
      return getCodeActions(document, diagnostics, () => fileDiagnostics(parsed, settings, index), fixWorkspace());
    },
    getSafeFixes,
    fixAll(document, options) {
      const problems = (version: TextDocument) =>
        fileDiagnostics(sync(version), settings, index).filter((diagnostic) => (diagnostic.severity ?? 1) <= 2).length;
      const result = fixAll(document, getSafeFixes, problems, options);
      sync(result.document);
      return result;
    },
    findDefinition: (document, position) => findDefinition(referenceWorkspace(), sync(document), position),
    findReferences: (document, position, includeDeclaration) => findReferences(referenceWorkspace(), sync(document), position, includeDeclaration),
    prepareRename: (document, position) => prepareRename(referenceWorkspace(), sync(document), position),
    doRename: (document, position, newName) => doRename(referenceWorkspace(), sync(document), position, newName),
    findDocumentSymbols: (document) => findDocumentSymbols(referenceWorkspace(), sync(document)),
    findWorkspaceSymbols: (query) => findWorkspaceSymbols(referenceWorkspace(), query),
    recordChange: (uri, version, change) => cache.changes.record(uri, version, change),
    parse: sync,
    generateEgressRoute: (inputs) => generateEgressRoute(inputs, settings, scaffoldWorkspace().view),
    egressRouteDefaults: () => egressRouteDefaults(settings),
    getEgressRouteActions(document, range) {
      sync(document);
      return routeActions(scaffoldWorkspace(), document.uri, range);
    },
    findEgressRouteLenses(document) {
      sync(document);
      return routeLenses(scaffoldWorkspace(), document.uri);
    },
    egressRouteCommandEdit(document, args) {
      sync(document);
      return routeCommandEdit(scaffoldWorkspace(), args);
    },
  };
}
