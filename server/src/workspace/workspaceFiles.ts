// Feeds the workspace's YAML files from disk to the language service: all of them at start,
// then each one as it is created, changed or deleted. Open documents shadow their file on disk
// (the service ignores disk content for them) and fall back to it when they close.
import { readFile, stat } from 'node:fs/promises';
import { URI } from 'vscode-uri';
import type { LanguageService } from '../service';
import { excludeMatcher, isInSkippedFolder, isYamlPath, listYamlFiles, relativePath } from './fileWalker';

/** Only files that can hold Istio resources or Kubernetes Services are parsed. */
const RELEVANT = /networking\.istio\.io|^kind:\s*["']?(?:Service|ServiceEntry|Gateway|DestinationRule|VirtualService|Sidecar)["']?\s*$/m;
const YIELD_EVERY = 25;

export interface IndexingReport {
  files: number;
  indexed: number;
  milliseconds: number;
}

export class WorkspaceFiles {
  private folders: string[] = [];
  private exclude: string[] = [];
  private excludedRelative: (relativePath: string) => boolean = () => false;

  constructor(
    private readonly service: LanguageService,
    private readonly maxFileBytes: () => number,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map((uri) => URI.parse(uri)).filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
  }

  /** Glob patterns relative to each workspace folder, e.g. `charts/**` or `**\/generated/*.yaml`. */
  setExclude(patterns: readonly string[]): boolean {
    const next = patterns.filter((pattern) => typeof pattern === 'string' && pattern.trim()).map((pattern) => pattern.trim());
    if (next.join('\n') === this.exclude.join('\n')) return false;
    this.exclude = next;
    this.excludedRelative = excludeMatcher(next);
    return true;
  }

  /** Indexes every YAML file of every folder; drops indexed files that are gone or now excluded. */
  async indexAll(progress?: (done: number, total: number) => void): Promise<IndexingReport> {
    const started = Date.now();
    const paths: string[] = [];
    for (const folder of this.folders) paths.push(...(await listYamlFiles(folder, (path) => this.excludedRelative(path))));
    const wanted = new Set(paths.map((path) => URI.file(path).toString()));
    for (const uri of this.service.indexedFiles()) if (!wanted.has(uri) && uri.startsWith('file:')) this.service.removeWorkspaceFile(uri);
    for (let i = 0; i < paths.length; i++) {
      await this.load(paths[i]);
      if (i % YIELD_EVERY === YIELD_EVERY - 1) {
        progress?.(i + 1, paths.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    progress?.(paths.length, paths.length);
    return { files: paths.length, indexed: this.service.indexedFiles().length, milliseconds: Date.now() - started };
  }

  /** A file was created or changed on disk (or a document closed and the disk is the truth again). */
  async refresh(uri: string): Promise<void> {
    const path = this.pathOf(uri);
    if (!path) return;
    if (this.excluded(path)) {
      this.service.removeWorkspaceFile(uri);
      return;
    }
    await this.load(path);
  }

  deleted(uri: string): void {
    this.service.removeWorkspaceFile(uri);
  }

  private async load(path: string): Promise<void> {
    const uri = URI.file(path).toString();
    try {
      const info = await stat(path);
      // Files over the limit are still reported (IE103) when opened, but never read in full here.
      if (info.size > this.maxFileBytes()) {
        this.service.removeWorkspaceFile(uri);
        return;
      }
      const text = await readFile(path, 'utf8');
      if (RELEVANT.test(text)) this.service.setWorkspaceFile(uri, text);
      else this.service.removeWorkspaceFile(uri);
    } catch {
      this.service.removeWorkspaceFile(uri);
    }
  }

  private pathOf(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' && isYamlPath(parsed.fsPath) && this.folders.some((folder) => parsed.fsPath.startsWith(folder)) ? parsed.fsPath : undefined;
  }

  private excluded(path: string): boolean {
    if (isInSkippedFolder(path)) return true;
    const folder = this.folders.find((candidate) => path.startsWith(candidate));
    return !!folder && this.excludedRelative(relativePath(folder, path));
  }
}
