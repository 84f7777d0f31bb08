// A minimal stdio LSP client for the benchmark: spawns the bundled server, opens and edits
// documents, and times requests and the publishDiagnostics notifications that answer them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface DiagnosticsArrival {
  uri: string;
  version: number | undefined;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification was read. */
  at: number;
}

interface Waiter {
  minVersion: number | undefined;
  resolve(arrival: DiagnosticsArrival): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class LspDriver {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly stderr: string[] = [];
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.onDiagnostics(params));
    // Anything the server asks of the client (configuration, registration...) gets an empty answer.
    connection.onRequest((method: string) => {
      void method;
      return null;
    });
    connection.onNotification(() => undefined);
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
      if (this.stderr.length > 50) this.stderr.shift();
    });
    child.on('exit', () => {
      this.exited = true;
      for (const list of this.waiters.values()) for (const waiter of list) waiter.reject(new Error(`server exited: ${this.stderr.join('')}`));
      this.waiters.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /**
   * Spawns `node [nodeArgs] <serverPath> --stdio` and completes the initialize handshake.
   * nodeArgs is for investigations, e.g. `['--cpu-prof', '--cpu-prof-dir=/tmp/prof']`.
   */
  static async start(serverPath: string, rootUri: string | null, nodeArgs: readonly string[] = []): Promise<{ driver: LspDriver; initializeMs: number }> {
    const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const driver = new LspDriver(child, connection);
    connection.listen();
    const start = performance.now();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: {
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
        },
        // No pull configuration: the server keeps its defaults and never asks us.
        workspace: { configuration: false },
      },
      workspaceFolders: null,
    });
    await connection.sendNotification('initialized', {});
    return { driver, initializeMs: performance.now() - start };
  }

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    const arrival: DiagnosticsArrival = { uri: params.uri, version: params.version, diagnostics: params.diagnostics, at: performance.now() };
    const list = this.waiters.get(params.uri);
    if (!list) return;
    const index = list.findIndex((waiter) => waiter.minVersion === undefined || (params.version ?? -1) >= waiter.minVersion);
    if (index < 0) return;
    const [waiter] = list.splice(index, 1);
    if (!list.length) this.waiters.delete(params.uri);
    clearTimeout(waiter.timer);
    waiter.resolve(arrival);
  }

  /** The next publishDiagnostics for a URI (at or after a version). Register before sending what triggers it. */
  nextDiagnostics(uri: string, minVersion?: number, timeoutMs = 120_000): Promise<DiagnosticsArrival> {
    if (this.exited) return Promise.reject(new Error('server has exited'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(uri) ?? [];
        const index = list.findIndex((waiter) => waiter.timer === timer);
        if (index >= 0) list.splice(index, 1);
        reject(new Error(`no diagnostics for ${uri} (version ${minVersion}) within ${timeoutMs} ms`));
      }, timeoutMs);
      const list = this.waiters.get(uri) ?? [];
      list.push({ minVersion, resolve, reject, timer });
      this.waiters.set(uri, list);
    });
  }

  async didOpen(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  async didChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async didClose(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  completion(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(5000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
