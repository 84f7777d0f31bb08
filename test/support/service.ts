// Test helpers over the pure language service.
import { createLanguageService } from '../../server/src/service';
import { dedent, fixture } from './fixture';
import { applyEdits, applyWorkspaceEdit, renderDiagnostics } from './render';

export function newService(settings?: unknown) {
  return createLanguageService(settings);
}

/** Diagnostics of a one-file fixture, rendered as carets under the document; `only` keeps matching codes. */
export function diagnose(source: string, options: { messages?: boolean; settings?: unknown; only?: RegExp } = {}): string {
  const file = fixture(source);
  const diagnostics = newService(options.settings)
    .doValidation(file.document)
    .filter((d) => !options.only || options.only.test(String(d.code)));
  return renderDiagnostics(file.text, diagnostics, options);
}

/** The codes reported for a fixture, in document order; `only` keeps matching codes. */
export function codes(source: string, only?: RegExp): string[] {
  const file = fixture(source);
  return newService()
    .doValidation(file.document)
    .map((d) => String(d.code))
    .filter((code) => !only || only.test(code));
}

export { dedent };

/** Completion items at the fixture's `$0`. */
export function complete(source: string, options: { snippets?: boolean } = {}) {
  const file = fixture(source);
  if (!file.cursor) throw new Error('fixture has no $0 cursor');
  return newService().doComplete(file.document, file.cursor, { snippets: options.snippets ?? true }).items;
}

/** The labels offered at `$0`. */
export function completionLabels(source: string): string[] {
  return complete(source).map((item) => item.label);
}

/** The document after accepting the item with this label, snippet placeholders shown by their defaults. */
export function acceptCompletion(source: string, label: string): string {
  const file = fixture(source);
  const item = newService().doComplete(file.document, file.cursor!, { snippets: true }).items.find((candidate) => candidate.label === label);
  if (!item?.textEdit || !('range' in item.textEdit)) throw new Error(`no completion '${label}'`);
  const text = expandSnippet(item.textEdit.newText);
  return applyEdits(file.text, [{ range: item.textEdit.range, newText: text }]);
}

/** Renders a snippet the way an editor shows it before the user types: choices by their first value. */
export function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

/** Markdown of the hover at `$0`, or undefined. */
export function hoverText(source: string): string | undefined {
  const file = fixture(source);
  const hover = newService().doHover(file.document, file.cursor!);
  if (!hover) return undefined;
  const contents = hover.contents as { value: string };
  return contents.value;
}

/** The document after applying the quick fix with this title to the first diagnostic with this code. */
export function applyQuickFix(source: string, code: string, title?: string | RegExp): string {
  const file = fixture(source);
  const service = newService();
  const diagnostics = service.doValidation(file.document);
  const target = diagnostics.find((d) => d.code === code);
  if (!target) throw new Error(`no ${code} diagnostic; got ${diagnostics.map((d) => d.code).join(', ') || 'none'}`);
  const actions = service.getCodeActions(file.document, target.range, [target]);
  const action = title === undefined ? actions.find((a) => a.isPreferred) ?? actions[0] : actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!action) throw new Error(`no quick fix ${String(title)}; got ${actions.map((a) => a.title).join(' | ') || 'none'}`);
  return applyWorkspaceEdit(file.uri, file.text, action.edit);
}

/** Titles of the preferred quick fixes (those a tool may apply unasked) for the first diagnostic with this code. */
export function preferredQuickFixTitles(source: string, code: string): string[] {
  const file = fixture(source);
  const service = newService();
  const target = service.doValidation(file.document).find((d) => d.code === code);
  return target ? service.getCodeActions(file.document, target.range, [target]).filter((a) => a.isPreferred).map((a) => a.title) : [];
}

/** Titles of the quick fixes offered for the first diagnostic with this code. */
export function quickFixTitles(source: string, code: string): string[] {
  const file = fixture(source);
  const service = newService();
  const target = service.doValidation(file.document).find((d) => d.code === code);
  return target ? service.getCodeActions(file.document, target.range, [target]).map((a) => a.title) : [];
}
