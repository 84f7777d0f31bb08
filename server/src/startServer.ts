// Wires an LSP connection to the language service: capabilities and one thin handler per request.
import {
  CancellationToken,
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONFIGURATION_SECTION,
  EGRESS_ROUTE_DEFAULTS_REQUEST,
  GENERATE_EGRESS_ROUTE_REQUEST,
  type GenerateEgressRouteErrorData,
  type GenerateEgressRouteResult,
  type InitializationOptions,
} from './protocol';
import { runSafe } from './runSafe';
import { createLanguageService } from './service';
import { ROUTE_ACTION_KIND, ROUTE_SERVICE_ENTRY_COMMAND } from './service/features/scaffold/serviceEntryActions';
import { unchangedEnds } from './unchangedEnds';
import { ValidationQueue } from './validationQueue';
import { WorkspaceSync } from './workspace/workspaceSync';

const VALIDATION_DELAY_MS = 20;
/** Documents whose findings depend on another file wait a little longer: typing in one file should not re-check all. */
const DEPENDANT_DELAY_MS = 150;
/** CodeLenses depend on other files (a route added elsewhere removes a lens): refresh them, not on every keystroke. */
const LENS_REFRESH_DELAY_MS = 750;

export function startServer(connection: Connection): void {
  const service = createLanguageService();
  // Applying an edit, note which characters it left alone at each end of the file: the
  // service then re-parses only the `---` documents the edit touched, without a text scan.
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update(document, changes, version) {
      const change = unchangedEnds(document, changes);
      if (change) service.recordChange(document.uri, version, change);
      return TextDocument.update(document, changes, version);
    },
  });
  let pullConfiguration = false;
  let progressSupported = false;
  let registerWatcher = false;
  let folderEvents = false;
  let lensRefresh = false;

  const validate = (uri: string) => {
    const document = documents.get(uri);
    if (!document) return;
    const diagnostics = runSafe(connection, 'validation', [], undefined, () => service.doValidation(document));
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    workspace.indexChanged();
  };
  const queue = new ValidationQueue(VALIDATION_DELAY_MS, validate);
  const dependants = new ValidationQueue(DEPENDANT_DELAY_MS, validate);
  let lensTimer: NodeJS.Timeout | undefined;
  const workspace = new WorkspaceSync(connection, service, () => {
    for (const uri of service.takeStaleDocuments()) dependants.schedule(uri);
    if (!lensRefresh) return;
    clearTimeout(lensTimer);
    lensTimer = setTimeout(() => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined), LENS_REFRESH_DELAY_MS);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    service.setClientAbilities({
      snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false,
      createFiles: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') ?? false,
    });
    pullConfiguration = capabilities.workspace?.configuration ?? false;
    progressSupported = capabilities.window?.workDoneProgress ?? false;
    folderEvents = capabilities.workspace?.workspaceFolders ?? false;
    lensRefresh = capabilities.workspace?.codeLens?.refreshSupport ?? false;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    registerWatcher = !options.watchesFiles && (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false);
    if (options.settings) service.configure(options.settings);
    workspace.setExclude((options.settings as Record<string, unknown> | undefined)?.exclude);
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' ', ':'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ROUTE_ACTION_KIND] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [ROUTE_SERVICE_ENTRY_COMMAND] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'istio-egress-language-server' },
    };
  });

  connection.onInitialized(async () => {
    if (registerWatcher) {
      // A client may refuse (Eglot 1.9 answers an error when it cannot list the project's files): carry on without
      // file events rather than let the rejection end the process.
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
        .catch((error) => connection.console.warn(`Watching YAML files failed (${String(error)}); changes to files that are not open will not be seen.`));
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        workspace.setFolders(folders.map((folder) => folder.uri));
        await workspace.indexAll(progressSupported);
      });
    }
    if (pullConfiguration) await refreshSettings();
    await workspace.indexAll(progressSupported);
    for (const document of documents.all()) queue.schedule(document.uri);
  });

  async function refreshSettings(pushed?: unknown): Promise<boolean> {
    let excludeChanged = false;
    try {
      const settings = pullConfiguration ? await connection.workspace.getConfiguration(CONFIGURATION_SECTION) : pushed;
      if (settings !== undefined && settings !== null) {
        service.configure(settings);
        excludeChanged = workspace.setExclude((settings as Record<string, unknown>).exclude);
      }
    } catch (error) {
      connection.console.error(`Reading settings failed: ${String(error)}`);
    }
    for (const document of documents.all()) queue.schedule(document.uri);
    return excludeChanged;
  }

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as Record<string, unknown> | undefined)?.[CONFIGURATION_SECTION];
    if (await refreshSettings(pushed)) await workspace.indexAll(progressSupported);
  });
  connection.onDidChangeWatchedFiles((params) => workspace.filesChanged(params.changes));

  documents.onDidChangeContent((change) => queue.schedule(change.document.uri));
  documents.onDidClose((event) => {
    const { uri } = event.document;
    queue.cancel(uri);
    dependants.cancel(uri);
    service.closeDocument(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    void workspace.documentClosed(uri);
  });

  /** Looks the document up inside the safety net too: malformed params must not escape as exceptions. */
  function withDocument<T>(name: string, fallback: T, token: CancellationToken, params: { textDocument?: { uri?: string } }, work: (document: TextDocument) => T): T {
    return runSafe(connection, name, fallback, token, () => {
      const document = documents.get(params.textDocument?.uri ?? '');
      return document ? work(document) : fallback;
    });
  }

  connection.onCompletion((params, token) => withDocument('completion', null, token, params, (document) => service.doComplete(document, params.position)));
  connection.onHover((params, token) => withDocument('hover', null, token, params, (document) => service.doHover(document, params.position)));
  connection.onCodeAction((params, token) =>
    withDocument('code actions', [], token, params, (document) => {
      // `only` narrows the kinds (e.g. the editor's "Refactor…" menu asks for refactorings alone).
      const wants = (kind: string) => !params.context.only?.length || params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
      return [
        ...(wants(CodeActionKind.QuickFix) ? service.getCodeActions(document, params.range, params.context.diagnostics) : []),
        ...(wants(ROUTE_ACTION_KIND) ? service.getEgressRouteActions(document, params.range) : []),
      ];
    }),
  );

  connection.onDefinition((params, token) => withDocument('definition', [], token, params, (document) => service.findDefinition(document, params.position)));
  connection.onReferences((params, token) =>
    withDocument('references', [], token, params, (document) => service.findReferences(document, params.position, params.context?.includeDeclaration ?? false)),
  );
  connection.onPrepareRename((params, token) => withDocument('prepare rename', null, token, params, (document) => service.prepareRename(document, params.position)));
  connection.onRenameRequest((params, token) => {
    const document = documents.get(params.textDocument?.uri ?? '');
    if (!document || token.isCancellationRequested) return null;
    try {
      return service.doRename(document, params.position, params.newName);
    } catch (error) {
      // The service explains why a rename cannot be done (invalid or taken name); the editor shows it.
      return new ResponseError(ErrorCodes.InvalidRequest, error instanceof Error ? error.message : String(error));
    }
  });
  connection.onDocumentSymbol((params, token) => withDocument('document symbols', [], token, params, (document) => service.findDocumentSymbols(document)));
  connection.onWorkspaceSymbol((params, token) => runSafe(connection, 'workspace symbols', [], token, () => service.findWorkspaceSymbols(params.query ?? '')));

  // The egress route scaffold: the command's request, and "route through the egress gateway" lenses.
  connection.onRequest(GENERATE_EGRESS_ROUTE_REQUEST, (params: unknown): GenerateEgressRouteResult | ResponseError<GenerateEgressRouteErrorData> => {
    const outcome = runSafe(connection, 'generate egress route', undefined, undefined, () => service.generateEgressRoute(params));
    if (!outcome) return new ResponseError(ErrorCodes.InternalError, 'Generating the egress route failed; the server log says why.');
    if (outcome.ok) return outcome.route;
    return new ResponseError(ErrorCodes.InvalidParams, outcome.problems.map((problem) => problem.message).join(' '), { problems: outcome.problems });
  });
  connection.onRequest(EGRESS_ROUTE_DEFAULTS_REQUEST, () => runSafe(connection, 'egress route defaults', null, undefined, () => service.egressRouteDefaults()));
  connection.onCodeLens((params, token) => withDocument('code lenses', [], token, params, (document) => service.findEgressRouteLenses(document)));
  connection.onExecuteCommand(async (params) => {
    const args = params.arguments?.[0] as { uri?: unknown } | undefined;
    const document = params.command === ROUTE_SERVICE_ENTRY_COMMAND ? documents.get(typeof args?.uri === 'string' ? args.uri : '') : undefined;
    const found = document && runSafe(connection, 'route command', undefined, undefined, () => service.egressRouteCommandEdit(document, args));
    // A notification, not a request: there is nothing to answer.
    const warn = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    if (!found) return warn('This ServiceEntry can no longer be routed that way; the file changed since.');
    const applied = await connection.workspace.applyEdit({ label: found.label, edit: found.edit }).catch(() => undefined);
    if (!applied?.applied) warn(`The editor did not apply the route${applied?.failureReason ? `: ${applied.failureReason}` : '.'}`);
  });

  documents.listen(connection);
}
