// Helpers for the scaffold tests: generate a route, load it as a workspace file and list what our
// own analysis says about it; read the generated documents back as plain objects.
import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { generateEgressRoute, type GeneratedEgressRoute, type InputProblem } from '../../../server/src/service/features/scaffold';
import { normalizeSettings } from '../../../server/src/service/settings';

export interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown>;
}

export interface Generated extends GeneratedEgressRoute {
  docs: Doc[];
  /** Every diagnostic but hints, as `line: CODE message`. */
  problems: string[];
  of(kind: string, index?: number): Doc;
}

/** Generates a route and analyses it alone in a workspace with the same settings. */
export function generate(inputs: unknown, settings?: unknown, otherFiles: Record<string, string> = {}): Generated {
  const service = createLanguageService(settings);
  for (const [path, text] of Object.entries(otherFiles)) service.setWorkspaceFile(`file:///workspace${path}`, text);
  const outcome = service.generateEgressRoute(inputs);
  if (!outcome.ok) throw new Error(`unexpected problems: ${JSON.stringify(outcome.problems)}`);
  const route = outcome.route;
  const uri = 'file:///workspace/route.yaml';
  service.setWorkspaceFile(uri, route.text);
  const problems = service
    .fileDiagnostics(uri)
    .filter((d) => d.severity !== DiagnosticSeverity.Hint)
    .map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`);
  const docs = parseAllDocuments(route.text).map((doc) => doc.toJS() as Doc);
  return {
    ...route,
    docs,
    problems,
    of(kind, index = 0) {
      const found = docs.filter((doc) => doc.kind === kind)[index];
      assert.ok(found, `no ${kind} #${index} in:\n${route.text}`);
      return found;
    },
  };
}

/** The problems reported for invalid inputs. */
export function problemsOf(inputs: unknown, settings?: unknown): InputProblem[] {
  const outcome = generateEgressRoute(inputs, normalizeSettings(settings));
  assert.ok(!outcome.ok, 'expected the inputs to be rejected');
  return outcome.problems;
}

/** Settings whose egress gateway also exposes a TCP port, as Istio's TCP egress examples deploy it. */
export const TCP_GATEWAY_SETTINGS = {
  gateways: [
    {
      service: 'istio-egressgateway',
      namespace: 'istio-system',
      labels: { app: 'istio-egressgateway', istio: 'egressgateway' },
      role: 'egress',
      ports: [
        { number: 80, name: 'http2', protocol: 'HTTP2' },
        { number: 443, name: 'https', protocol: 'HTTPS' },
        { number: 5432, name: 'tcp-postgres', protocol: 'TCP' },
      ],
    },
  ],
};
