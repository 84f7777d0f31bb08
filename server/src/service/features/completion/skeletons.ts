// Whole-resource starters offered in an empty document.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { CURRENT_API_VERSION, KINDS, KIND_NAMES } from '../../schema/kinds';
import { kindMarkdown } from '../docs';
import { Tabstops, valueShape } from './shapes';

export function resourceSkeletons(range: Range, snippets: boolean, indentUnit: number): CompletionItem[] {
  return KIND_NAMES.map((kind) => {
    const stops = new Tabstops(snippets);
    const indent = ' '.repeat(indentUnit);
    const name = stops.plain('name');
    const spec = valueShape({ kind: 'message', message: KINDS[kind].spec }, 0, { indentUnit, column: 0, snippets }, stops, undefined, 0);
    const text = `apiVersion: ${CURRENT_API_VERSION}\nkind: ${kind}\nmetadata:\n${indent}name: ${name}\nspec:${spec}`;
    return {
      label: `${kind} (new resource)`,
      kind: CompletionItemKind.Snippet,
      detail: `${CURRENT_API_VERSION} ${kind}`,
      documentation: { kind: 'markdown', value: kindMarkdown(KINDS[kind]) },
      sortText: `9${kind}`,
      filterText: `${kind} apiVersion`,
      textEdit: { range, newText: text },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
    };
  });
}
