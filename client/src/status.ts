// The status bar item: what the language server is doing, from the language client's state and the
// server's `istioEgress/status` notification. Clicking it shows the server's output.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';

type Phase =
  | { kind: 'starting' }
  | { kind: 'indexing' | 'ready'; resources: number; files: number; message?: string }
  | { kind: 'stopped' }
  | { kind: 'failed'; reason: string };

interface View {
  text: string;
  tooltip: string;
  background?: vscode.ThemeColor;
}

const SHOW_OUTPUT = 'istioEgress.showOutput';
const RESTART = 'istioEgress.restartServer';

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('istioEgress.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private phase: Phase = { kind: 'starting' };

  constructor(client: LanguageClient) {
    this.item.name = 'Istio Egress';
    this.item.command = { command: SHOW_OUTPUT, title: 'Show Output' };
    this.disposables.push(
      client.onDidChangeState(({ newState }) => this.clientState(newState)),
      // Registered before start: the client keeps the handler across restarts.
      client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => this.set({ ...params, kind: params.state })),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      // Changing an editor's language mode closes and reopens its document.
      vscode.workspace.onDidOpenTextDocument(() => this.render()),
    );
    this.clientState(client.state);
  }

  /** The server could not be started at all; `reason` is what went wrong. */
  failed(reason: unknown): void {
    this.set({ kind: 'failed', reason: reason instanceof Error ? reason.message : String(reason) });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private clientState(state: State): void {
    if (state === State.Starting) this.set({ kind: 'starting' });
    // A stop after a failed start keeps the reason on show.
    else if (state === State.Stopped && this.phase.kind !== 'failed') this.set({ kind: 'stopped' });
    // Running: the server announces its index as soon as it is initialised; until then it is starting.
    else if (state === State.Running && (this.phase.kind === 'stopped' || this.phase.kind === 'failed')) this.set({ kind: 'starting' });
  }

  private set(phase: Phase): void {
    this.phase = phase;
    this.render();
  }

  private render(): void {
    const view = viewOf(this.phase);
    this.item.text = view.text;
    this.item.backgroundColor = view.background;
    const tooltip = new vscode.MarkdownString(`${view.tooltip}\n\n[Show Output](command:${SHOW_OUTPUT}) · [Restart Server](command:${RESTART})`);
    tooltip.isTrusted = { enabledCommands: [SHOW_OUTPUT, RESTART] };
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `${view.tooltip} Activate to show the output.`, role: 'button' };
    // Shown with YAML, where it means something; while indexing always, so the wait is explained.
    const yaml = vscode.window.activeTextEditor?.document.languageId === 'yaml';
    if (yaml || this.phase.kind === 'indexing') this.item.show();
    else this.item.hide();
  }
}

function viewOf(phase: Phase): View {
  switch (phase.kind) {
    case 'starting':
      return { text: '$(loading~spin) Istio Egress', tooltip: 'Istio Egress: the language server is starting.' };
    case 'indexing':
      return {
        text: '$(sync~spin) Istio Egress: indexing',
        tooltip: `Istio Egress is indexing the workspace's YAML files: ${count(phase.resources, 'Istio resource')} found so far.${note(phase.message)}`,
      };
    case 'ready':
      return {
        text: `$(check) Istio Egress: ${phase.resources === 0 ? 'no resources' : count(phase.resources, 'resource')}`,
        tooltip:
          `Istio Egress is ready: ${count(phase.resources, 'Istio resource')} in ${count(phase.files, 'file')} of the workspace ` +
          `(open editors included), checked together.${note(phase.message)}`,
      };
    case 'stopped':
      return {
        text: '$(debug-stop) Istio Egress: stopped',
        tooltip: 'Istio Egress: the language server is not running, so YAML files are not checked. The output may say why; Restart Server starts it again.',
        background: new vscode.ThemeColor('statusBarItem.warningBackground'),
      };
    case 'failed':
      return {
        text: '$(error) Istio Egress: failed',
        tooltip: `Istio Egress: the language server failed to start (${phase.reason}). The output has the details.`,
        background: new vscode.ThemeColor('statusBarItem.errorBackground'),
      };
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function note(message: string | undefined): string {
  return message ? `\n\n${message}` : '';
}
