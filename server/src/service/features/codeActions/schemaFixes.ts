// Quick fixes for the schema-level diagnostics: replace, quote, wrap in a list, tabs.
import type { FixProvider } from './types';
import { quickFix } from './quickFix';
import { detectIndentUnit } from '../completion/shapes';
import { tabFixes } from './tabs';

// The first candidate is preferred unless the rule says the choice is the user's (`preferred: false`).
const replace: FixProvider = ({ document, diagnostic, data }) => {
  const candidates = Array.isArray(data.candidates) ? data.candidates.filter((item): item is string => typeof item === 'string') : [];
  const preferFirst = data.preferred !== false;
  return candidates
    .slice(0, 5)
    .map((candidate, index) => quickFix(`Change to '${candidate}'`, document, diagnostic, [{ range: diagnostic.range, newText: candidate }], preferFirst && index === 0));
};

const quote: FixProvider = ({ document, diagnostic }) => {
  const text = document.getText(diagnostic.range);
  const quoted = text.includes('"') ? `'${text.replace(/'/g, "''")}'` : `"${text.replace(/\\/g, '\\\\')}"`;
  return [quickFix(`Quote as a string: ${quoted}`, document, diagnostic, [{ range: diagnostic.range, newText: quoted }], true)];
};

const wrapInList: FixProvider = ({ document, diagnostic }) => {
  const text = document.getText(diagnostic.range);
  return [quickFix(`Make it a list: [${text}]`, document, diagnostic, [{ range: diagnostic.range, newText: `[${text}]` }], true)];
};

const tabs: FixProvider = ({ document, diagnostic, allDiagnostics }) => tabFixes(document, diagnostic, allDiagnostics(), detectIndentUnit(document.getText()));

export const SCHEMA_FIXES: Record<string, FixProvider> = { replace, quote, 'wrap-in-list': wrapInList, tabs };
