// Wires an LSP connection to the language service: capabilities and one thin handler per request.
import {
  CancellationToken,
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIGURATION_SECTION } from './protocol';
import { runSafe } from './runSafe';
import { unchangedEnds } from './unchangedEnds';
import { ValidationQueue } from './validationQueue';
import { createLanguageService } from './service';

const VALIDATION_DELAY_MS = 20;

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
  let snippets = true;
  let pullConfiguration = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false;
    pullConfiguration = capabilities.workspace?.configuration ?? false;
    const options = params.initializationOptions as Record<string, unknown> | undefined;
    if (options?.settings) service.configure(options.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' ', ':'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'istio-egress-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) void refreshSettings();
  });

  async function refreshSettings(pushed?: unknown): Promise<void> {
    try {
      const settings = pullConfiguration ? await connection.workspace.getConfiguration(CONFIGURATION_SECTION) : pushed;
      if (settings !== undefined && settings !== null) service.configure(settings);
    } catch (error) {
      connection.console.error(`Reading settings failed: ${String(error)}`);
    }
    for (const document of documents.all()) scheduleValidation(document);
  }

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as Record<string, unknown> | undefined)?.[CONFIGURATION_SECTION];
    void refreshSettings(pushed);
  });

  const queue = new ValidationQueue(VALIDATION_DELAY_MS, (uri) => {
    const document = documents.get(uri);
    if (!document) return;
    const diagnostics = runSafe(connection, 'validation', [], undefined, () => service.doValidation(document));
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  });
  const scheduleValidation = (document: TextDocument) => queue.schedule(document.uri);

  documents.onDidChangeContent((change) => scheduleValidation(change.document));
  documents.onDidClose((event) => {
    queue.cancel(event.document.uri);
    service.closeDocument(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  /** Looks the document up inside the safety net too: malformed params must not escape as exceptions. */
  function withDocument<T>(name: string, fallback: T, token: CancellationToken, params: { textDocument?: { uri?: string } }, work: (document: TextDocument) => T): T {
    return runSafe(connection, name, fallback, token, () => {
      const document = documents.get(params.textDocument?.uri ?? '');
      return document ? work(document) : fallback;
    });
  }

  connection.onCompletion((params, token) =>
    withDocument('completion', null, token, params, (document) => service.doComplete(document, params.position, { snippets })),
  );
  connection.onHover((params, token) => withDocument('hover', null, token, params, (document) => service.doHover(document, params.position)));
  connection.onCodeAction((params, token) =>
    withDocument('code actions', [], token, params, (document) => service.getCodeActions(document, params.range, params.context.diagnostics)),
  );

  documents.listen(connection);
}
