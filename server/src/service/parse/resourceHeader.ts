// What a document is: apiVersion, kind, name and namespace, and whether we analyse it.
import { isMap, isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import { ISTIO_NETWORKING_GROUP, isIstioKind } from '../schema/kinds';
import type { IstioKind } from '../schema/types';

export interface ResourceHeader {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** Set when the document is one of the five Istio kinds we model. */
  istioKind?: IstioKind;
  /**
   * How the document relates to Istio:
   * - `istio`: apiVersion in networking.istio.io (or, with no apiVersion, one of our kinds);
   * - `empty`: no content yet, so Istio completions may start it;
   * - `other`: anything else (Kubernetes manifests, Helm values, CI files): left alone.
   */
  role: 'istio' | 'empty' | 'other';
  apiVersionNode?: Scalar;
  kindNode?: Scalar;
  nameNode?: Scalar;
  namespaceNode?: Scalar;
}

export function readHeader(root: YAMLMap | undefined): ResourceHeader {
  if (!root) return { role: 'empty' };
  const apiVersionNode = scalarAt(root, 'apiVersion');
  const kindNode = scalarAt(root, 'kind');
  const metadata = root.get('metadata', true);
  const nameNode = isMap(metadata) ? scalarAt(metadata, 'name') : undefined;
  const namespaceNode = isMap(metadata) ? scalarAt(metadata, 'namespace') : undefined;
  const apiVersion = text(apiVersionNode);
  const kind = text(kindNode);
  const header: ResourceHeader = {
    apiVersion,
    kind,
    name: text(nameNode),
    namespace: text(namespaceNode),
    apiVersionNode,
    kindNode,
    nameNode,
    namespaceNode,
    role: classify(root, apiVersion, kind),
  };
  if (header.role === 'istio' && isIstioKind(kind)) header.istioKind = kind;
  return header;
}

function classify(root: YAMLMap, apiVersion: string | undefined, kind: string | undefined): ResourceHeader['role'] {
  if (apiVersion !== undefined) return isIstioNetworkingApiVersion(apiVersion) ? 'istio' : 'other';
  if (isIstioKind(kind)) return 'istio';
  // A document holding only a partly typed `kind:` or nothing yet may still become an Istio resource.
  const keys = root.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
  return keys.every((key) => key === 'kind' || key === 'apiVersion') ? 'empty' : 'other';
}

/** True for `networking.istio.io/...` and near misses of the group such as `networking.isito.io/v1`. */
export function isIstioNetworkingApiVersion(apiVersion: string): boolean {
  const group = apiVersion.split('/')[0];
  return group === ISTIO_NETWORKING_GROUP || (group.includes('istio') || group.includes('isito')) && group.startsWith('networking.');
}

function scalarAt(map: YAMLMap, key: string): Scalar | undefined {
  const node = map.get(key, true) as Node | undefined;
  return isScalar(node) ? node : undefined;
}

function text(node: Scalar | undefined): string | undefined {
  if (!node || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}
