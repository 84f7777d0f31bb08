// Reads the indexed facts out of one parsed document, once per document text.
import { isMap, type Node } from 'yaml';
import { memoize, type ParsedDocument } from '../parse/parsedDocument';
import type {
  DestinationFact,
  DestinationRuleFacts,
  GatewayFacts,
  KubernetesServiceFacts,
  MatchFact,
  PortFact,
  ResourceFacts,
  RouteFact,
  RouteKind,
  ServiceEntryFacts,
  SidecarFacts,
  TlsFact,
  TrafficPolicyFact,
  VirtualServiceFacts,
} from './facts';
import { YamlReader } from './yamlAccess';

export function resourceFacts(doc: ParsedDocument): ResourceFacts | undefined {
  return memoize(doc, 'facts', () => extract(doc));
}

function extract(doc: ParsedDocument): ResourceFacts | undefined {
  const { header } = doc;
  if (!doc.yaml || !isMap(doc.yaml.contents)) return undefined;
  const read = new YamlReader(doc.yaml, doc.text);
  const root = doc.yaml.contents as Node;
  const spec = read.child(root, 'spec');
  const base = {
    name: read.string(read.at(root, 'metadata', 'name')),
    namespace: read.string(read.at(root, 'metadata', 'namespace')),
  };
  if (header.role === 'other' && header.kind === 'Service' && header.apiVersion === 'v1') {
    return { kind: 'Service', ...base, service: kubernetesService(read, root, spec) };
  }
  const kind = header.istioKind;
  if (!kind) return undefined;
  const facts: ResourceFacts = { kind, ...base };
  if (read.child(spec, 'exportTo') !== undefined) facts.exportTo = read.strings(read.child(spec, 'exportTo'));
  switch (kind) {
    case 'ServiceEntry':
      facts.serviceEntry = serviceEntry(read, spec);
      break;
    case 'Gateway':
      facts.gateway = gateway(read, spec);
      break;
    case 'DestinationRule':
      facts.destinationRule = destinationRule(read, spec);
      break;
    case 'VirtualService':
      facts.virtualService = virtualService(read, spec);
      break;
    case 'Sidecar':
      facts.sidecar = sidecar(read, spec);
      break;
  }
  return facts;
}

function port(read: YamlReader, node: Node): PortFact {
  return {
    number: read.number(read.child(node, 'number')),
    name: read.string(read.child(node, 'name')),
    protocol: read.string(read.child(node, 'protocol')),
    targetPort: read.number(read.child(node, 'targetPort'))?.value,
    span: read.span(node),
  };
}

function serviceEntry(read: YamlReader, spec: Node | undefined): ServiceEntryFacts {
  return {
    hosts: read.strings(read.child(spec, 'hosts')),
    addresses: read.strings(read.child(spec, 'addresses')),
    ports: read.items(read.child(spec, 'ports')).map((item) => port(read, item)),
    location: read.string(read.child(spec, 'location')),
    resolution: read.string(read.child(spec, 'resolution')),
    endpoints: read.items(read.child(spec, 'endpoints')).map((item) => {
      const ports: Record<string, number> = {};
      for (const name of read.keys(read.child(item, 'ports'))) {
        const value = read.number(read.child(read.child(item, 'ports'), name));
        if (value) ports[name] = value.value;
      }
      return { address: read.string(read.child(item, 'address')), ports, span: read.span(item) };
    }),
    workloadSelector: read.labels(read.at(spec, 'workloadSelector', 'labels')),
  };
}

function gateway(read: YamlReader, spec: Node | undefined): GatewayFacts {
  const selectorNode = read.child(spec, 'selector');
  const selector = read.labels(selectorNode);
  return {
    selector: selector && { value: selector, span: read.keyOf(spec, 'selector') ?? read.span(selectorNode) },
    servers: read.items(read.child(spec, 'servers')).map((server) => {
      const portNode = read.child(server, 'port');
      const tls = read.child(server, 'tls');
      return {
        port: portNode ? port(read, portNode) : undefined,
        hosts: read.strings(read.child(server, 'hosts')),
        tlsMode: read.string(read.child(tls, 'mode')),
        tls: tls ? read.keyOf(server, 'tls') : undefined,
        span: read.span(server),
      };
    }),
  };
}

function tlsFact(read: YamlReader, owner: Node | undefined): TlsFact | undefined {
  const tls = read.child(owner, 'tls');
  if (!tls) return undefined;
  return { mode: read.string(read.child(tls, 'mode')), sni: read.string(read.child(tls, 'sni')), span: read.keyOf(owner, 'tls') ?? read.span(tls) };
}

function trafficPolicy(read: YamlReader, node: Node | undefined): TrafficPolicyFact | undefined {
  if (!node) return undefined;
  return {
    tls: tlsFact(read, node),
    portLevel: read.items(read.child(node, 'portLevelSettings')).map((item) => ({
      port: read.number(read.at(item, 'port', 'number')),
      tls: tlsFact(read, item),
      span: read.span(item),
    })),
  };
}

function destinationRule(read: YamlReader, spec: Node | undefined): DestinationRuleFacts {
  return {
    host: read.string(read.child(spec, 'host')),
    trafficPolicy: trafficPolicy(read, read.child(spec, 'trafficPolicy')),
    subsets: read
      .items(read.child(spec, 'subsets'))
      .map((item) => {
        const name = read.string(read.child(item, 'name'));
        return name && { name, labels: read.labels(read.child(item, 'labels')), trafficPolicy: trafficPolicy(read, read.child(item, 'trafficPolicy')), span: read.span(item) };
      })
      .filter((subset): subset is NonNullable<typeof subset> => !!subset),
    subsetsKey: read.keyOf(spec, 'subsets'),
    workloadSelector: read.child(spec, 'workloadSelector') !== undefined,
  };
}

function destination(read: YamlReader, node: Node | undefined, role: DestinationFact['role'], weight?: number): DestinationFact | undefined {
  if (!node) return undefined;
  return {
    host: read.string(read.child(node, 'host')),
    subset: read.string(read.child(node, 'subset')),
    port: read.number(read.at(node, 'port', 'number')),
    weight,
    role,
    span: read.span(node),
  };
}

function route(read: YamlReader, kind: RouteKind, node: Node, index: number): RouteFact {
  const matches: MatchFact[] = read.items(read.child(node, 'match')).map((match) => ({
    gateways: read.strings(read.child(match, 'gateways')),
    port: read.number(read.child(match, 'port')),
    sniHosts: read.strings(read.child(match, 'sniHosts')),
    span: read.span(match),
  }));
  const destinations: DestinationFact[] = [];
  for (const item of read.items(read.child(node, 'route'))) {
    const found = destination(read, read.child(item, 'destination'), 'route', read.number(read.child(item, 'weight'))?.value);
    if (found) destinations.push(found);
  }
  const mirror = destination(read, read.child(node, 'mirror'), 'mirror');
  if (mirror) destinations.push(mirror);
  for (const item of read.items(read.child(node, 'mirrors'))) {
    const found = destination(read, read.child(item, 'destination'), 'mirror');
    if (found) destinations.push(found);
  }
  const delegateNode = read.child(node, 'delegate');
  return {
    kind,
    index,
    name: read.string(read.child(node, 'name'))?.value,
    matches,
    destinations,
    delegate: delegateNode ? { name: read.string(read.child(delegateNode, 'name')), namespace: read.string(read.child(delegateNode, 'namespace')) } : undefined,
    span: read.span(node),
  };
}

function virtualService(read: YamlReader, spec: Node | undefined): VirtualServiceFacts {
  const routes: RouteFact[] = [];
  for (const kind of ['http', 'tls', 'tcp'] as const) {
    read.items(read.child(spec, kind)).forEach((node, index) => routes.push(route(read, kind, node, index)));
  }
  return {
    hosts: read.strings(read.child(spec, 'hosts')),
    gateways: read.strings(read.child(spec, 'gateways')),
    gatewaysWritten: read.child(spec, 'gateways') !== undefined,
    gatewaysKey: read.keyOf(spec, 'gateways'),
    routes,
  };
}

function sidecar(read: YamlReader, spec: Node | undefined): SidecarFacts {
  const policy = read.child(spec, 'outboundTrafficPolicy');
  const policyKey = read.keyOf(spec, 'outboundTrafficPolicy');
  const mode = read.string(read.child(policy, 'mode'));
  // A mapping without `mode` means REGISTRY_ONLY (the zero value); a null value means the mesh default.
  const empty = !mode && policyKey && read.map(policy) ? { value: 'empty' as const, span: policyKey } : undefined;
  return {
    workloadSelector: read.labels(read.at(spec, 'workloadSelector', 'labels')),
    workloadSelectorWritten: read.child(spec, 'workloadSelector') !== undefined,
    outboundMode: mode ?? empty,
    egress: read.items(read.child(spec, 'egress')).map((listener) => ({
      port: read.number(read.at(listener, 'port', 'number')),
      hosts: read.strings(read.child(listener, 'hosts')),
      span: read.span(listener),
    })),
  };
}

function kubernetesService(read: YamlReader, root: Node, spec: Node | undefined): KubernetesServiceFacts {
  const exportTo = read.string(read.at(root, 'metadata', 'annotations', 'networking.istio.io/exportTo'))?.value;
  return {
    ports: read.items(read.child(spec, 'ports')).map((item) => ({
      port: read.number(read.child(item, 'port'))?.value,
      name: read.string(read.child(item, 'name'))?.value,
      protocol: read.string(read.child(item, 'protocol'))?.value,
      appProtocol: read.string(read.child(item, 'appProtocol'))?.value,
      targetPort: read.number(read.child(item, 'targetPort'))?.value ?? read.string(read.child(item, 'targetPort'))?.value,
    })),
    selector: read.labels(read.child(spec, 'selector')),
    labels: read.labels(read.at(root, 'metadata', 'labels')),
    exportTo: exportTo?.split(',').map((part) => part.trim()).filter(Boolean),
  };
}
