// The per-document rule families, run once per document text and cached with its parse.
import { memoize, type ParsedDocument } from '../../parse/parsedDocument';
import { KINDS, resourceMessage, UNKNOWN_KIND_RESOURCE } from '../../schema/kinds';
import type { Finding } from './finding';
import { checkResourceHeader } from './rules/resourceHeader';
import { schemaFields } from './rules/schemaFields';
import { schemaValues } from './rules/schemaValues';
import { checkYamlSyntax } from './rules/yamlSyntax';
import { walkSchema } from './schemaWalk';

// A Go/Helm template action: `{{ .Values.x }}`, `{{- include "x" . }}`, `{{/* comment */}}`.
const TEMPLATE = /\{\{-?\s*(?:[.$(/]|[A-Za-z_]\w*[\s|}])[^\r\n]*?\}\}/;
const ABSENCE_CODES = new Set(['IE123', 'IE127']);

export function validateDocument(doc: ParsedDocument): readonly Finding[] {
  return memoize(doc, 'findings', () => {
    const findings: Finding[] = [];
    const report = (finding: Finding) => findings.push(finding);
    if (!concernsIstio(doc)) return findings;
    const template = TEMPLATE.exec(doc.text);
    if (template) {
      report({
        code: 'IE105',
        start: template.index,
        end: template.index + 2,
        message: 'Template expressions (`{{ }}`) found: this document is a Helm or Go template, so Istio checks are skipped. Check the rendered output instead (e.g. `helm template … | istio-egress-check -`).',
      });
      return findings;
    }
    checkYamlSyntax(doc, report);
    if (doc.header.role !== 'istio' || findings.some((finding) => finding.code === 'IE104')) return findings;
    checkResourceHeader(doc, report);
    const kind = doc.header.istioKind;
    const root = kind && KINDS[kind] ? resourceMessage(kind) : UNKNOWN_KIND_RESOURCE;
    // After a syntax error the tree may have lost keys, so "missing field" findings would mislead,
    // and a tab-indented line lands at the wrong level, so nothing more is said about it.
    const broken = findings.some((finding) => finding.code === 'IE100' || finding.code === 'IE101');
    const tabLines = new Set(findings.filter((f) => f.code === 'IE101').map((f) => doc.lines.positionAt(f.start).line));
    const schemaReport = !broken
      ? report
      : (finding: Finding) => {
          if (!ABSENCE_CODES.has(finding.code) && !tabLines.has(doc.lines.positionAt(finding.start).line)) report(finding);
        };
    walkSchema(doc, root, [schemaFields, schemaValues], schemaReport);
    return findings;
  });
}

/** Documents we speak about: Istio resources, or broken text that mentions the Istio group. */
function concernsIstio(doc: ParsedDocument): boolean {
  if (doc.header.role === 'istio' || doc.failure) return true;
  return doc.header.role === 'empty' && /networking\.istio\.io/.test(doc.text);
}
