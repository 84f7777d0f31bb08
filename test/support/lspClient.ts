// A small LSP client for tests: spawns the bundled server (`node server/out/server.js --stdio`),
// speaks JSON-RPC over its stdio, records what the server pushes and keeps the server's stderr and
// log messages so that a failing test can say what the server said.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  ConfigurationParams,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItemKind, Diagnostic } from 'vscode-languageserver-types';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_PATH = path.join(REPO_ROOT, 'server', 'out', 'server.js');

/** Default time to wait for an answer; the test machine is small, so it is generous. */
export const DEFAULT_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 10;
const EXIT_GRACE_MS = 4_000;
const MAX_CAPTURED_STDERR = 64 * 1024;

export interface LspClientOptions {
  /** `textDocument.completion.completionItem.snippetSupport` (default true). */
  snippetSupport?: boolean;
  /** `workspace.configuration`: when true the server pulls settings with `workspace/configuration` (default true). */
  configuration?: boolean;
  /** The `istioEgress` settings section returned to `workspace/configuration` (default {}). Mutable via `settings`. */
  settings?: Record<string, unknown>;
  /** Sent as `initializationOptions` in the initialize request. */
  initializationOptions?: unknown;
  /** Extra arguments for node, before the server script (e.g. `--max-old-space-size=512`). */
  nodeArgs?: string[];
  /** A real folder to open as the workspace (default: a `file:///workspace` that does not exist). */
  workspaceFolder?: string;
  /** `window.workDoneProgress` (default false). */
  workDoneProgress?: boolean;
  /** `workspace.workspaceEdit.resourceOperations` (default none). */
  resourceOperations?: string[];
  /** Server requests answered with an InternalError, as editors sometimes do (Eglot 1.9: `client/registerCapability`). */
  refuseRequests?: string[];
}

export interface DiagnosticsPredicate {
  (diagnostics: Diagnostic[], params: PublishDiagnosticsParams): boolean;
}

export class LspClient {
  /** What the server answered to `initialize`. */
  initializeResult!: InitializeResult;
  /** The `istioEgress` section answered to `workspace/configuration`; tests may replace it. */
  settings: Record<string, unknown>;
  /** Every `textDocument/publishDiagnostics`, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every `window/logMessage` and `window/showMessage`. */
  readonly logs: LogMessageParams[] = [];
  /** Every `workspace/configuration` request the server made. */
  readonly configurationRequests: ConfigurationParams[] = [];
  /** Every other notification from the server (`istioEgress/status`, `$/progress`, …). */
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** Every request from the server not answered specifically (`client/registerCapability`, …). */
  readonly serverRequests: Array<{ method: string; params: unknown }> = [];
  private stderrText = '';
  private connectionErrors: string[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;
  private readonly documents = new Map<string, TextDocument>();
  private stopped = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    private readonly options: LspClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      });
    });
    process.stderr!.setEncoding('utf8');
    process.stderr!.on('data', (chunk: string) => {
      if (this.stderrText.length < MAX_CAPTURED_STDERR) this.stderrText += chunk;
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.published.push(params));
    connection.onNotification('window/logMessage', (params: LogMessageParams) => this.logs.push(params));
    connection.onNotification('window/showMessage', (params: LogMessageParams) => this.logs.push(params));
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => this.configurationSection(item.section));
    });
    // client/registerCapability, window/workDoneProgress/create, …: accept (or refuse, if asked to) and record.
    connection.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      return options.refuseRequests?.includes(method) ? new ResponseError(ErrorCodes.InternalError, 'Internal error') : null;
    });
    connection.onNotification((method, params) => this.notifications.push({ method, params }));
    connection.onError(([error]) => this.connectionErrors.push(String(error)));
  }

  /** Spawns a server and runs the initialize handshake. */
  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const folderUri = options.workspaceFolder ? pathToFileURL(options.workspaceFolder).toString() : 'file:///workspace';
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_PATH, '--stdio'], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A write to a dead server must fail the test through the request, not crash mocha.
    child.stdin!.on('error', () => undefined);
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options);
    connection.listen();
    try {
      client.initializeResult = await client.request<InitializeResult>('initialize', {
        processId: process.pid,
        clientInfo: { name: 'istio-egress-lsp-tests', version: '0.0.0' },
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: 'workspace' }],
        capabilities: client.capabilities(),
        initializationOptions: options.initializationOptions,
        trace: 'off',
      });
      client.notify('initialized', {});
    } catch (error) {
      await client.shutdown();
      throw new Error(`initialize failed: ${String(error)}\n${client.describe()}`);
    }
    return client;
  }

  private capabilities(): ClientCapabilities {
    const snippetSupport = this.options.snippetSupport ?? true;
    return {
      workspace: {
        configuration: this.options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: false },
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: !!this.options.resourceOperations, resourceOperations: this.options.resourceOperations as never },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false, willSave: false, willSaveWaitUntil: false },
        completion: {
          dynamicRegistration: false,
          contextSupport: true,
          completionItem: {
            snippetSupport,
            commitCharactersSupport: true,
            documentationFormat: ['markdown', 'plaintext'],
            deprecatedSupport: true,
            preselectSupport: true,
            tagSupport: { valueSet: [1] },
            insertReplaceSupport: true,
            insertTextModeSupport: { valueSet: [1, 2] },
            labelDetailsSupport: true,
          },
          completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => (i + 1) as CompletionItemKind) },
        },
        hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          dynamicRegistration: false,
          isPreferredSupport: true,
          dataSupport: true,
          codeActionLiteralSupport: {
            codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] },
          },
        },
        publishDiagnostics: {
          relatedInformation: true,
          versionSupport: true,
          tagSupport: { valueSet: [1, 2] },
          codeDescriptionSupport: true,
          dataSupport: true,
        },
      },
      window: { workDoneProgress: this.options.workDoneProgress ?? false },
      general: { positionEncodings: ['utf-16'] },
    };
  }

  private configurationSection(section: string | undefined): unknown {
    const root: Record<string, unknown> = { istioEgress: this.settings };
    if (!section) return root;
    let value: unknown = root;
    for (const part of section.split('.')) {
      if (typeof value !== 'object' || value === null) return null;
      value = (value as Record<string, unknown>)[part];
    }
    return value ?? null;
  }

  // ---- requests and notifications ---------------------------------------------------------------

  /** Sends a request; rejects with the server's error, or after `timeoutMs` with what the server logged. */
  async request<R = unknown>(method: string, params?: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    this.assertAlive(method);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${timeoutMs} ms\n${this.describe()}`)), timeoutMs);
    });
    const exit = this.exited.then(() => {
      throw new Error(`server exited while waiting for ${method}\n${this.describe()}`);
    });
    try {
      const pending = params === undefined ? this.connection.sendRequest<R>(method) : this.connection.sendRequest<R>(method, params);
      return await Promise.race([pending, timeout, exit]);
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method: string, params?: unknown): void {
    this.assertAlive(method);
    void (params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params));
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Incremental change: each edit has a range (or is a whole-text replacement without one). */
  change(uri: string, version: number, edits: TextDocumentContentChangeEvent[]): void {
    const document = this.documents.get(uri);
    if (document) TextDocument.update(document, edits, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: edits });
  }

  close(uri: string): void {
    this.documents.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The client's copy of an open document's text, with every change applied. */
  text(uri: string): string {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document.getText();
  }

  /** Pushes settings the LSP way: pull clients get a bare notification and re-read `workspace/configuration`. */
  changeConfiguration(settings: Record<string, unknown>): void {
    this.settings = settings;
    this.notify('workspace/didChangeConfiguration', { settings: { istioEgress: settings } });
  }

  // ---- diagnostics ------------------------------------------------------------------------------

  /** The diagnostics most recently published for a URI (undefined when none were). */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** How many publishes have arrived so far (all URIs); pass to `waitForDiagnostics` as `since`. */
  get publishCount(): number {
    return this.published.length;
  }

  /**
   * Polls until the latest diagnostics published for `uri` (only those arriving after the
   * `since`-th publish, if given) satisfy `predicate`; fails after `timeoutMs` with what was seen.
   */
  async waitForDiagnostics(
    uri: string,
    predicate: DiagnosticsPredicate = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    since = 0,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let latest: PublishDiagnosticsParams | undefined;
      for (let i = this.published.length - 1; i >= since; i--) {
        if (this.published[i].uri === uri) {
          latest = this.published[i];
          break;
        }
      }
      if (latest && predicate(latest.diagnostics, latest)) return latest.diagnostics;
      if (this.exitInfo) throw new Error(`server exited while waiting for diagnostics of ${uri}\n${this.describe()}`);
      if (Date.now() > deadline) {
        const seen = latest ? JSON.stringify(latest.diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message }))).slice(0, 4000) : 'none';
        throw new Error(`diagnostics for ${uri} did not match within ${timeoutMs} ms; latest: ${seen}\n${this.describe()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  /** Waits for the diagnostics of exactly this document version. */
  waitForVersion(uri: string, version: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (_, params) => params.version === version, timeoutMs);
  }

  // ---- process ----------------------------------------------------------------------------------

  get isAlive(): boolean {
    return this.exitInfo === undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Everything the server said on the side, for failure messages. */
  describe(): string {
    const parts: string[] = [];
    if (this.exitInfo) parts.push(`server exited: code=${this.exitInfo.code} signal=${this.exitInfo.signal}`);
    if (this.stderrText) parts.push(`server stderr:\n${this.stderrText.slice(-8000)}`);
    if (this.logs.length) parts.push(`server log:\n${this.logs.map((log) => `[${log.type}] ${log.message}`).join('\n').slice(-8000)}`);
    if (this.connectionErrors.length) parts.push(`connection errors:\n${this.connectionErrors.join('\n')}`);
    return parts.join('\n') || '(server said nothing on stderr or in its log)';
  }

  /** Logged errors (`window/logMessage` of type Error), e.g. exceptions caught by the server's runSafe. */
  get loggedErrors(): string[] {
    return this.logs.filter((log) => log.type === 1).map((log) => log.message);
  }

  /** shutdown + exit, then waits for the process to end; kills it if it does not within a few seconds. */
  async shutdown(): Promise<void> {
    if (this.stopped) return Promise.race([this.exited, delay(2 * EXIT_GRACE_MS)]);
    this.stopped = true;
    if (this.isAlive) {
      try {
        await this.request('shutdown', undefined, EXIT_GRACE_MS);
        this.notify('exit');
      } catch {
        // Fall through to the kill below.
      }
    }
    const graceful = await Promise.race([this.exited.then(() => true), delay(EXIT_GRACE_MS).then(() => false)]);
    if (!graceful && this.isAlive) {
      this.process.kill('SIGKILL');
      await Promise.race([this.exited, delay(EXIT_GRACE_MS)]);
    }
    this.connection.dispose();
    this.process.stdin?.destroy();
    this.process.stdout?.destroy();
    this.process.stderr?.destroy();
  }

  private assertAlive(what: string): void {
    if (!this.isAlive) throw new Error(`cannot send ${what}: the server is not running\n${this.describe()}`);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
  });
}

// ---- text helpers -------------------------------------------------------------------------------

/** The LSP position of the `occurrence`-th `needle` in `text` (plus `shift` characters). */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 1): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) not found in the text`);
  }
  return TextDocument.create('file:///x', 'yaml', 0, text).positionAt(index + shift);
}

/** The text a diagnostic covers. */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return TextDocument.create('file:///x', 'yaml', 0, text).getText(range);
}

/** A reproducible PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
