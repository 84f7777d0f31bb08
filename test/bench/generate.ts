// Generates a realistic egress workspace for the benchmark: for each external host a
// ServiceEntry, an egress Gateway, a DestinationRule for the gateway leg and a VirtualService
// that routes mesh → egress gateway → external host (the pattern of Istio's egress gateway guide).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const EGRESS_GATEWAY_HOST = 'istio-egressgateway.istio-system.svc.cluster.local';
export const DOCUMENTS_PER_HOST = 4;

export interface HostSpec {
  /** 1-based. */
  index: number;
  id: string;
  host: string;
  mode: 'tls' | 'http';
}

export function hostSpec(index: number): HostSpec {
  const id = `api-${String(index).padStart(4, '0')}`;
  // Alternate the two egress modes: TLS passthrough on 443, plain HTTP on 80.
  return { index, id, host: `${id}.example.com`, mode: index % 2 === 1 ? 'tls' : 'http' };
}

/** The four `---` documents of one host, each without the `---` separator. */
export function hostDocuments(spec: HostSpec): string[] {
  const { id, host, mode } = spec;
  const port = mode === 'tls' ? 443 : 80;
  const portName = mode === 'tls' ? 'tls' : 'http';
  const protocol = mode === 'tls' ? 'TLS' : 'HTTP';
  const gateway = `egress-${id}`;

  const serviceEntry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${id}
  namespace: egress
  labels:
    app.kubernetes.io/part-of: egress
spec:
  hosts:
  - ${host}
  ports:
  - number: ${port}
    name: ${portName}
    protocol: ${protocol}
  resolution: DNS
  location: MESH_EXTERNAL
  exportTo:
  - "."
  - istio-system
`;

  const gatewayDoc = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${gateway}
  namespace: egress
spec:
  selector:
    istio: egressgateway
  servers:
  - port:
      number: ${port}
      name: ${portName}
      protocol: ${protocol}
    hosts:
    - ${host}
${mode === 'tls' ? '    tls:\n      mode: PASSTHROUGH\n' : ''}`;

  const destinationRule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-${id}
  namespace: egress
spec:
  host: ${EGRESS_GATEWAY_HOST}
  subsets:
  - name: ${id}
`;

  const routes =
    mode === 'tls'
      ? `  tls:
  - match:
    - gateways:
      - mesh
      port: 443
      sniHosts:
      - ${host}
    route:
    - destination:
        host: ${EGRESS_GATEWAY_HOST}
        subset: ${id}
        port:
          number: 443
  - match:
    - gateways:
      - ${gateway}
      port: 443
      sniHosts:
      - ${host}
    route:
    - destination:
        host: ${host}
        port:
          number: 443
      weight: 100
`
      : `  http:
  - name: mesh-to-egress-gateway
    match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: ${EGRESS_GATEWAY_HOST}
        subset: ${id}
        port:
          number: 80
  - name: egress-gateway-to-external
    match:
    - gateways:
      - ${gateway}
      port: 80
    route:
    - destination:
        host: ${host}
        port:
          number: 80
      weight: 100
    timeout: 10s
    retries:
      attempts: 3
      perTryTimeout: 2s
`;

  const virtualService = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: direct-${id}-through-egress-gateway
  namespace: egress
spec:
  hosts:
  - ${host}
  gateways:
  - ${gateway}
  - mesh
${routes}`;

  return [serviceEntry, gatewayDoc, destinationRule, virtualService];
}

/** A YAML stream of the hosts' documents, `---` between them. */
export function streamText(hosts: readonly HostSpec[]): string {
  return hosts.flatMap(hostDocuments).join('---\n');
}

export interface GeneratedFile {
  path: string;
  uri: string;
  text: string;
  hosts: HostSpec[];
}

export interface Workspace {
  root: string;
  hostCount: number;
  /** One file with every document. */
  single: GeneratedFile;
  /** The same documents spread over many files. */
  split: GeneratedFile[];
  dispose(): void;
}

export interface WorkspaceOptions {
  hostCount?: number;
  fileCount?: number;
}

/** Writes both layouts into a fresh directory under the OS temp directory. */
export function generateWorkspace(options: WorkspaceOptions = {}): Workspace {
  const hostCount = options.hostCount ?? 1000;
  const fileCount = options.fileCount ?? 100;
  if (hostCount % fileCount !== 0) throw new Error(`hostCount ${hostCount} is not a multiple of fileCount ${fileCount}`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-egress-bench-'));
  const hosts = Array.from({ length: hostCount }, (_, i) => hostSpec(i + 1));

  const write = (relative: string, fileHosts: HostSpec[]): GeneratedFile => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = streamText(fileHosts);
    fs.writeFileSync(file, text);
    return { path: file, uri: fileUri(file), text, hosts: fileHosts };
  };

  const single = write('single/egress-all.yaml', hosts);
  const perFile = hostCount / fileCount;
  const split: GeneratedFile[] = [];
  for (let f = 0; f < fileCount; f++) {
    split.push(write(`split/egress-${String(f + 1).padStart(3, '0')}.yaml`, hosts.slice(f * perFile, (f + 1) * perFile)));
  }
  return {
    root,
    hostCount,
    single,
    split,
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
