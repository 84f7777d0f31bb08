// The quick fixes a tool may apply without asking: for `--fix` on the command line.
// A fix is safe when it is the only preferred fix of its diagnostic and it edits nothing but the
// file the diagnostic is in (no new files, no edits elsewhere). Fixes are applied in passes: in
// each pass the fixes whose edits do not overlap an earlier one's, then the file is analysed again.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';

export interface SafeFix {
  /** The diagnostic code it repairs, e.g. `IE120`. */
  code: string;
  title: string;
  diagnostic: Diagnostic;
  /** Edits of the diagnostic's own file, in its line-ending style. */
  edits: TextEdit[];
}

export interface FixAllResult {
  /** The document after the last pass (the input document when nothing applied). */
  document: TextDocument;
  /** Every fix applied, in the order of the passes. */
  applied: SafeFix[];
  /** Passes that changed the text. */
  passes: number;
  /** Fixes left out because the file had more errors and warnings after them than before. */
  rejected: SafeFix[];
}

export interface FixAllOptions {
  /** Stop after this many passes (default 10). */
  maxPasses?: number;
  /** Fix only the diagnostics this accepts (default: all). */
  only?: (diagnostic: Diagnostic) => boolean;
}

/** How many errors and warnings a version of the document has: a fix must not raise it. */
export type ProblemCount = (document: TextDocument) => number;

export const DEFAULT_FIX_PASSES = 10;

/** The edits of an action when they all land in `uri`; undefined when it creates files or edits others. */
function ownFileEdits(action: CodeAction, uri: string): TextEdit[] | undefined {
  if (action.command || !action.edit) return undefined;
  const { changes, documentChanges, changeAnnotations } = action.edit;
  if (changeAnnotations && Object.keys(changeAnnotations).length) return undefined;
  const edits: TextEdit[] = [];
  for (const [target, list] of Object.entries(changes ?? {})) {
    if (target !== uri) return undefined;
    edits.push(...list);
  }
  for (const change of documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== uri) return undefined;
    edits.push(...(change.edits as TextEdit[]));
  }
  return edits.length ? edits : undefined;
}

/**
 * The safe fix of each diagnostic that has one. `actionsFor` gives the quick fixes offered for
 * a single diagnostic. The fixes of different diagnostics may overlap; `fixAll` sorts that out.
 */
export function safeFixes(uri: string, diagnostics: readonly Diagnostic[], actionsFor: (diagnostic: Diagnostic) => CodeAction[]): SafeFix[] {
  const fixes: SafeFix[] = [];
  for (const diagnostic of diagnostics) {
    const preferred = actionsFor(diagnostic).filter((action) => action.isPreferred);
    if (preferred.length !== 1) continue;
    const edits = ownFileEdits(preferred[0], uri);
    if (edits) fixes.push({ code: String(diagnostic.code), title: preferred[0].title, diagnostic, edits });
  }
  return fixes;
}

interface Span {
  start: number;
  end: number;
}

function overlaps(a: Span, b: Span): boolean {
  // Two insertions at the same point would depend on their order: treat them as overlapping.
  if (a.start === b.start) return true;
  return a.start < b.end && b.start < a.end;
}

/** Fixes whose edits overlap neither each other nor an earlier fix's, in the given order. */
export function nonOverlapping(document: TextDocument, fixes: readonly SafeFix[]): SafeFix[] {
  const taken: Span[] = [];
  const chosen: SafeFix[] = [];
  for (const fix of fixes) {
    const spans = fix.edits.map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end) }));
    // A fix's own edits were made to go together; only clashes with other fixes count.
    if (spans.some((span) => taken.some((other) => overlaps(span, other)))) continue;
    taken.push(...spans);
    chosen.push(fix);
  }
  return chosen;
}

/**
 * Applies safe fixes pass after pass until none is left, the text stops changing, or `maxPasses`
 * is reached. `fixesOf` analyses a version of the document and returns its safe fixes. Each fix is
 * tried on top of the ones already kept in its pass and kept only when `problems` does not go up:
 * a preferred fix can still be the wrong guess (a tab width, a did-you-mean), and `--fix` must
 * never leave a file worse than it found it.
 */
export function fixAll(start: TextDocument, fixesOf: (document: TextDocument) => SafeFix[], problems: ProblemCount, options: FixAllOptions = {}): FixAllResult {
  const { maxPasses = DEFAULT_FIX_PASSES, only = () => true } = options;
  let document = start;
  const applied: SafeFix[] = [];
  const rejected: SafeFix[] = [];
  let passes = 0;
  // Every analysed text gets its own version: the service caches parses by version.
  let version = start.version;
  const versionOf = (text: string) => TextDocument.create(start.uri, start.languageId, ++version, text);
  // Known from the previous pass's last kept trial, so each text is counted once.
  let documentProblems: number | undefined;
  while (passes < maxPasses) {
    const chosen = nonOverlapping(document, fixesOf(document).filter((fix) => only(fix.diagnostic) && !rejected.some((old) => sameFix(old, fix))));
    if (!chosen.length) break;
    const kept: SafeFix[] = [];
    let best = document;
    let bestProblems = (documentProblems ??= problems(document));
    for (const fix of chosen) {
      const trial = versionOf(TextDocument.applyEdits(document, [...kept, fix].flatMap((item) => item.edits)));
      const count = problems(trial);
      if (count > bestProblems) {
        rejected.push(fix);
        continue;
      }
      kept.push(fix);
      best = trial;
      bestProblems = count;
    }
    if (!kept.length || best.getText() === document.getText()) break;
    applied.push(...kept);
    passes++;
    document = best;
    documentProblems = bestProblems;
  }
  return { document, applied, passes, rejected };
}

/** The same repair offered again in a later pass: same code, title and text. */
const sameFix = (a: SafeFix, b: SafeFix) => a.code === b.code && a.title === b.title && a.diagnostic.message === b.diagnostic.message;
