// The per-document rule families, run once per document text and cached with its parse.
import { isMap } from 'yaml';
import { resourceFacts } from '../../index/extractFacts';
import { YamlReader } from '../../index/yamlAccess';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { KINDS, resourceMessage, UNKNOWN_KIND_RESOURCE } from '../../schema/kinds';
import type { ServiceSettings } from '../../settings';
import type { Finding, Report } from './finding';
import { DOCUMENT_RULES } from './rules';
import { checkResourceHeader } from './rules/resourceHeader';
import { schemaFields } from './rules/schemaFields';
import { schemaValues } from './rules/schemaValues';
import { checkYamlSyntax } from './rules/yamlSyntax';
import { walkSchema } from './schemaWalk';

// A Go/Helm template action: `{{ .Values.x }}`, `{{- include "x" . }}`, `{{/* comment */}}`.
const TEMPLATE = /\{\{-?\s*(?:[.$(/]|[A-Za-z_]\w*[\s|}])[^\r\n]*?\}\}/;
const ABSENCE_CODES = new Set(['IE123', 'IE127']);

/** Findings of one document; cached with the document for as long as the settings object is the same. */
export function validateDocument(doc: ParsedDocument, settings: ServiceSettings): readonly Finding[] {
  const cached = doc.memo.get('findings') as { settings: ServiceSettings; findings: Finding[] } | undefined;
  if (cached?.settings === settings) return cached.findings;
  const findings: Finding[] = [];
  computeFindings(doc, settings, (finding) => findings.push(finding));
  doc.memo.set('findings', { settings, findings });
  return findings;
}

function computeFindings(doc: ParsedDocument, settings: ServiceSettings, report: Report): void {
  if (!concernsIstio(doc)) return;
  const template = TEMPLATE.exec(doc.text);
  if (template) {
    report({
      code: 'IE105',
      start: template.index,
      end: template.index + 2,
      message:
        'Template expressions (`{{ }}`) found: this document is a Helm or Go template, so Istio checks are skipped. Check the rendered output instead (e.g. `helm template … | istio-egress check -`).',
    });
    return;
  }
  const syntax: Finding[] = [];
  checkYamlSyntax(doc, (finding) => syntax.push(finding));
  syntax.forEach(report);
  if (doc.header.role !== 'istio' || syntax.some((finding) => finding.code === 'IE104')) return;
  checkResourceHeader(doc, report);
  const kind = doc.header.istioKind;
  const root = kind && KINDS[kind] ? resourceMessage(kind) : UNKNOWN_KIND_RESOURCE;
  // After a syntax error the tree may have lost keys, so "missing field" findings would mislead,
  // and a tab-indented line lands at the wrong level, so nothing more is said about it.
  const broken = syntax.some((finding) => finding.code === 'IE100' || finding.code === 'IE101');
  const tabLines = new Set(syntax.filter((f) => f.code === 'IE101').map((f) => doc.lines.positionAt(f.start).line));
  const schemaReport: Report = !broken
    ? report
    : (finding) => {
        if (!ABSENCE_CODES.has(finding.code) && !tabLines.has(doc.lines.positionAt(finding.start).line)) report(finding);
      };
  walkSchema(doc, root, [schemaFields, schemaValues], schemaReport);
  if (!broken) runDocumentRules(doc, settings, report);
}

/** Istio's own single-resource rules (webhook, CRD validation, single-resource analyzers). */
function runDocumentRules(doc: ParsedDocument, settings: ServiceSettings, report: Report): void {
  const facts = resourceFacts(doc);
  if (!facts || !doc.yaml || !isMap(doc.yaml.contents)) return;
  const read = new YamlReader(doc.yaml, doc.text);
  for (const rule of DOCUMENT_RULES) rule({ doc, facts, read, root: doc.yaml.contents, settings, report });
}

/** Documents we speak about: Istio resources, or broken text that mentions the Istio group. */
function concernsIstio(doc: ParsedDocument): boolean {
  if (doc.header.role === 'istio' || doc.failure) return true;
  return doc.header.role === 'empty' && /networking\.istio\.io/.test(doc.text);
}
