// YAML text problems: syntax errors, tabs in indentation, duplicate keys, parser failures.
import { isAlias, type YAMLError } from 'yaml';
import type { ParsedDocument } from '../../../parse/parsedDocument';
import { allNodes, locate } from '../../../parse/yamlPath';
import { keySpan, type Report, type Span } from '../finding';

/** Friendlier wording for the parser errors people actually hit, each with the way out. */
const ADVICE: Record<string, string> = {
  BAD_INDENT: 'Align the line with the other keys or list items at its level.',
  MISSING_CHAR: 'Add the missing character (a closing quote or bracket).',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line and be followed by `: `; check for a missing colon or a stray line break.',
  BLOCK_AS_IMPLICIT_KEY: 'Check for a missing `: ` after a key or a mis-indented line.',
  UNEXPECTED_TOKEN: 'Remove the stray text or fix the indentation around it.',
  BAD_SCALAR_START: 'Quote the value: plain values cannot start with this character.',
  BLOCK_IN_FLOW: 'Inside `[...]` or `{...}` everything must stay in flow style; quote the value or use block style.',
  TAG_RESOLVE_FAILED: 'Remove the tag or quote the value.',
  BAD_ALIAS: 'Define the anchor (`&name`) before using the alias (`*name`).',
};

export function checkYamlSyntax(doc: ParsedDocument, report: Report): void {
  if (doc.failure) {
    // Defensive: eemeli/yaml reports problems as errors rather than throwing, but a parser bug must not cost the server.
    report({ code: 'IE100', start: 0, end: Math.max(1, doc.lines.lineEnd(0)), message: `${doc.failure} Simplify the document around the reported place.` });
    return;
  }
  const errors = doc.yaml?.errors ?? [];
  const exhausted = errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    const start = doc.lines.lineStart(doc.lines.positionAt(exhausted.pos[0]).line);
    report({ code: 'IE104', start, end: doc.lines.lineEnd(doc.lines.positionAt(start).line), message: TOO_DEEP });
    return;
  }
  const tabLines = checkTabs(doc, report);
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.code === 'TAB_AS_INDENT') continue;
    const key = `${error.code}:${error.pos[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [start, end] = error.pos;
    if (tabLines.has(doc.lines.positionAt(start).line)) continue;
    if (error.code === 'DUPLICATE_KEY') {
      const key = locate(doc.yaml?.contents, start).keyNode;
      const span = key ? keySpan(key) : { start, end: Math.max(end, start + 1) };
      report({ ...span, code: 'IE102', message: duplicateKeyMessage(doc, span.start, span.end) });
      continue;
    }
    const span = error.code === 'MISSING_CHAR' && /quote/i.test(error.message) ? openingQuote(doc, start) : undefined;
    report({ ...(span ?? { start, end: Math.max(end, start + 1) }), code: 'IE100', message: syntaxMessage(error) });
  }
  checkAliases(doc, report);
}

const TOO_DEEP =
  'This document is nested too deeply to analyse (thousands of levels). Istio resources are a few levels deep: check for runaway brackets or indentation.';

/** kubectl rejects an alias whose anchor does not exist; the parser leaves that to its JS conversion, which we never run. */
function checkAliases(doc: ParsedDocument, report: Report): void {
  if (!doc.yaml || doc.text.indexOf('*') < 0) return;
  for (const node of allNodes(doc.yaml.contents)) {
    if (!isAlias(node) || node.resolve(doc.yaml) !== undefined || !node.range) continue;
    report({
      code: 'IE100',
      start: node.range[0],
      end: node.range[1],
      message: `YAML syntax error: the alias \`*${node.source}\` refers to no anchor. Define \`&${node.source}\` on an earlier value, or fix the name.`,
    });
  }
}

function checkTabs(doc: ParsedDocument, report: Report): Set<number> {
  const lines = new Set<number>();
  if (doc.text.indexOf('\t') < 0) return lines;
  for (let line = 0; line < doc.lines.lineCount; line++) {
    const text = doc.lines.lineText(line);
    const indentation = /^[ \t]*/.exec(text)?.[0] ?? '';
    if (!indentation.includes('\t') || indentation.length === text.length) continue;
    lines.add(line);
    const start = doc.lines.lineStart(line);
    report({
      code: 'IE101',
      start,
      end: start + indentation.length,
      message: 'Tab character in indentation: YAML only allows spaces here. Replace the tabs with spaces.',
      data: { fix: 'tabs' },
    });
  }
  return lines;
}

function syntaxMessage(error: YAMLError): string {
  // eemeli/yaml appends " at line X, column Y:" and a source excerpt; the range already says where.
  const first = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
  const advice = ADVICE[error.code];
  const sentence = /[.!?]$/.test(first) ? first : `${first}.`;
  return advice ? `YAML syntax error: ${sentence} ${advice}` : `YAML syntax error: ${sentence}`;
}

function duplicateKeyMessage(doc: ParsedDocument, start: number, end: number): string {
  const key = doc.text.slice(start, end).trim();
  return `Duplicate key \`${key}\`: a mapping can hold each key once, and Kubernetes keeps only the last value. Merge the two entries or remove one.`;
}

/**
 * The parser notices a missing closing quote only where the document ends; the useful place
 * to point at is the quote that was opened, the last line before that with an odd quote count.
 */
function openingQuote(doc: ParsedDocument, errorOffset: number): Span | undefined {
  const lastLine = doc.lines.positionAt(errorOffset).line;
  for (let line = lastLine; line >= 0; line--) {
    const text = doc.lines.lineText(line);
    for (const quote of ['"', "'"]) {
      const count = text.split(quote).length - 1;
      if (count % 2 === 1) {
        const start = doc.lines.lineStart(line) + text.lastIndexOf(quote);
        return { start, end: doc.lines.lineEnd(line) };
      }
    }
  }
  return undefined;
}
