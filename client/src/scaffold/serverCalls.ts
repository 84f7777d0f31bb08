// The scaffold's requests to the language server, which owns the generator and its checks: the
// prompts validate each answer by asking it to generate with what is known so far.
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EGRESS_ROUTE_DEFAULTS_REQUEST,
  GENERATE_EGRESS_ROUTE_REQUEST,
  type EgressRouteDefaults,
  type EgressRouteInputProblem,
  type EgressRouteInputs,
  type GenerateEgressRouteErrorData,
  type GenerateEgressRouteResult,
} from '../../../server/src/protocol';

export type Generated = { ok: true; result: GenerateEgressRouteResult } | { ok: false; message: string; problems: EgressRouteInputProblem[] };

/** Istio's defaults, used when the server cannot answer (it is starting or failed). */
const FALLBACK_DEFAULTS: EgressRouteDefaults = {
  namespace: 'default',
  clusterDomain: 'cluster.local',
  gateways: [{ service: 'istio-egressgateway', namespace: 'istio-system', labels: { app: 'istio-egressgateway', istio: 'egressgateway' }, ports: [80, 443] }],
  ports: { http: 80, 'tls-passthrough': 443, 'tls-origination': 80 },
};

function isResponseError(error: unknown): error is { code: number; message: string; data?: unknown } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}

export class ScaffoldServer {
  constructor(private readonly client: LanguageClient) {}

  async defaults(): Promise<EgressRouteDefaults> {
    try {
      return (await this.client.sendRequest<EgressRouteDefaults | null>(EGRESS_ROUTE_DEFAULTS_REQUEST)) ?? FALLBACK_DEFAULTS;
    } catch {
      return FALLBACK_DEFAULTS;
    }
  }

  async generate(inputs: Partial<EgressRouteInputs> | Record<string, unknown>): Promise<Generated> {
    try {
      return { ok: true, result: await this.client.sendRequest<GenerateEgressRouteResult>(GENERATE_EGRESS_ROUTE_REQUEST, inputs) };
    } catch (error) {
      // A JSON-RPC error response (the client rejects with a ResponseError): its data names the fields.
      if (isResponseError(error)) {
        const data = error.data as GenerateEgressRouteErrorData | undefined;
        return { ok: false, message: error.message, problems: Array.isArray(data?.problems) ? data.problems : [] };
      }
      return { ok: false, message: `The Istio Egress server could not generate the route: ${String(error)}`, problems: [] };
    }
  }

  /** The server's complaint about one field, given the inputs so far (undefined when it has none). */
  async problemWith(field: keyof EgressRouteInputs, inputs: Record<string, unknown>): Promise<string | undefined> {
    const outcome = await this.generate(inputs);
    return outcome.ok ? undefined : outcome.problems.find((problem) => problem.field === field)?.message;
  }
}
