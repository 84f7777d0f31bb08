// Keeps the language service's view of the workspace in step with the disk: the initial
// indexing (with progress), file events, folder changes, and the status the client shows.
import { FileChangeType, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol';
import type { LanguageService } from '../service';
import { WorkspaceFiles } from './workspaceFiles';

const STATUS_DELAY_MS = 300;

export class WorkspaceSync {
  private readonly files: WorkspaceFiles;
  private statusTimer: NodeJS.Timeout | undefined;
  private indexing = false;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    /** Called when files changed on disk may have changed the diagnostics of open documents. */
    private readonly onIndexChanged: () => void,
  ) {
    this.files = new WorkspaceFiles(service, () => service.settings.maxFileSizeKB * 1024);
  }

  setFolders(uris: readonly string[]): void {
    this.files.setFolders(uris);
  }

  /** Returns true when the exclusions changed (the caller then re-indexes). */
  setExclude(patterns: unknown): boolean {
    return this.files.setExclude(Array.isArray(patterns) ? patterns.filter((item): item is string => typeof item === 'string') : []);
  }

  async indexAll(canReportProgress: boolean): Promise<void> {
    this.indexing = true;
    this.sendStatus('indexing');
    let progress: WorkDoneProgressReporter | undefined;
    if (canReportProgress) {
      progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
      progress?.begin('Istio Egress', 0, 'Indexing YAML files…', false);
    }
    try {
      const report = await this.files.indexAll((done, total) => progress?.report(total ? Math.round((done / total) * 100) : 100, `${done}/${total} YAML files`));
      this.connection.console.info(`Indexed ${report.files} YAML files in ${report.milliseconds} ms: ${this.service.indexedResourceCount()} Istio resources in ${report.indexed} files.`);
    } catch (error) {
      this.connection.console.error(`Indexing the workspace failed: ${String(error)}`);
    } finally {
      progress?.done();
      this.indexing = false;
      this.sendStatus('ready');
      this.onIndexChanged();
    }
  }

  async filesChanged(changes: ReadonlyArray<{ uri: string; type: FileChangeType }>): Promise<void> {
    for (const change of changes) {
      if (change.type === FileChangeType.Deleted) this.files.deleted(change.uri);
      else await this.files.refresh(change.uri);
    }
    this.indexChanged();
  }

  /** A document closed: its file on disk is the truth again. */
  async documentClosed(uri: string): Promise<void> {
    await this.files.refresh(uri);
    this.indexChanged();
  }

  /** Something in the index changed (an edit, a file event): refresh status and dependants. */
  indexChanged(): void {
    this.onIndexChanged();
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => this.sendStatus(this.indexing ? 'indexing' : 'ready'), STATUS_DELAY_MS);
  }

  private sendStatus(state: StatusParams['state']): void {
    const params: StatusParams = { state, resources: this.service.indexedResourceCount(), files: this.service.indexedFiles().length };
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }
}
