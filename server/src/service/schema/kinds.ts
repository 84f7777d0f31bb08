// The registry of Istio kinds we understand, and the resource envelope around each spec.
import { any, enumOf, field, messageOf } from './build';
import { OBJECT_META } from './common';
import { DESTINATION_RULE } from './destinationRule';
import { GATEWAY } from './gateway';
import { SERVICE_ENTRY } from './serviceEntry';
import { SIDECAR } from './sidecar';
import type { EnumSchema, IstioKind, KindSchema, MessageSchema } from './types';
import { VIRTUAL_SERVICE } from './virtualService';

export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';

export const API_VERSION: EnumSchema = {
  name: 'apiVersion',
  page: 'networking/service-entry',
  valueAnchors: false,
  values: [
    { value: 'networking.istio.io/v1', doc: 'The current, stable version (Istio 1.22 and later). Prefer it for new files.' },
    {
      value: 'networking.istio.io/v1beta1',
      doc: 'Older version with the same schema as v1; still served. Switching to v1 changes nothing else.',
    },
    {
      value: 'networking.istio.io/v1alpha3',
      doc: 'The original version found in most tutorials; same schema as v1 and still served. Switching to v1 changes nothing else.',
    },
  ],
};
export const CURRENT_API_VERSION = 'networking.istio.io/v1';

export const KINDS: Record<IstioKind, KindSchema> = {
  ServiceEntry: SERVICE_ENTRY,
  Gateway: GATEWAY,
  DestinationRule: DESTINATION_RULE,
  VirtualService: VIRTUAL_SERVICE,
  Sidecar: SIDECAR,
};
export const KIND_NAMES = Object.keys(KINDS) as IstioKind[];

export const KIND_ENUM: EnumSchema = {
  name: 'kind',
  page: 'networking/service-entry',
  valueAnchors: false,
  values: KIND_NAMES.map((kind) => ({ value: kind, doc: firstSentence(KINDS[kind].doc) })),
};

export function isIstioKind(kind: unknown): kind is IstioKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KINDS, kind);
}

const resourceMessages = new Map<IstioKind, MessageSchema>();

/** The whole resource (apiVersion, kind, metadata, spec, status) for one kind. */
export function resourceMessage(kind: IstioKind): MessageSchema {
  let message = resourceMessages.get(kind);
  if (!message) {
    const schema = KINDS[kind];
    message = envelope(kind, schema.doc, messageOf(schema.spec));
    resourceMessages.set(kind, message);
  }
  return message;
}

/** Before `kind` is known only the envelope's keys can be offered. */
export const UNKNOWN_KIND_RESOURCE: MessageSchema = envelope(undefined, 'An Istio networking resource.', any);

function envelope(kind: IstioKind | undefined, doc: string, spec: ReturnType<typeof messageOf> | typeof any): MessageSchema {
  return {
    name: kind ?? 'Resource',
    page: kind ? KINDS[kind].page : 'networking/service-entry',
    doc,
    fields: [
      field('apiVersion', enumOf(API_VERSION), 'The API group and version. All three Istio networking versions share one schema; `networking.istio.io/v1` is current.', {
        required: true,
        anchor: '',
      }),
      field('kind', enumOf(KIND_ENUM), 'The type of Istio resource.', { required: true, anchor: '' }),
      field('metadata', messageOf(OBJECT_META), 'Name, namespace, labels and annotations of the resource.', { required: true, anchor: '' }),
      field('spec', spec, kind ? `The ${kind} configuration.` : 'The resource configuration.', { required: true, anchor: '' }),
      field('status', any, 'Written by Istio in the cluster (conditions, analysis messages); leave it out of the files you apply.', {
        hidden: true,
        anchor: '',
      }),
    ],
  };
}

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end < 0 ? text : text.slice(0, end + 1);
}
