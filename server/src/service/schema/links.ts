// Links from the model to the reference documentation.
import type { EnumSchema, FieldSchema, MessageSchema } from './types';

const ISTIO_REFERENCE = 'https://istio.io/latest/docs/reference/config/';
const OBJECT_META = 'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/';

function pageUrl(page: MessageSchema['page']): string {
  return page === 'kubernetes/object-meta' ? OBJECT_META : `${ISTIO_REFERENCE}${page}/`;
}

function anchorName(name: string): string {
  return name.replace(/\./g, '-');
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (upper) => `_${upper.toLowerCase()}`);
}

export function fieldUrl(owner: MessageSchema, field: FieldSchema): string {
  if (owner.page === 'kubernetes/object-meta') return OBJECT_META;
  if (field.anchor === '') return pageUrl(owner.page);
  const anchor = field.anchor ?? `${anchorName(owner.name)}-${snakeCase(field.name)}`;
  return `${pageUrl(owner.page)}#${anchor}`;
}

export function messageUrl(message: MessageSchema): string {
  return message.page === 'kubernetes/object-meta' ? OBJECT_META : `${pageUrl(message.page)}#${anchorName(message.name)}`;
}

export function enumValueUrl(schema: EnumSchema, value: string): string | undefined {
  if (schema.valueAnchors === false) return undefined;
  return `${pageUrl(schema.page)}#${anchorName(schema.name)}-${value}`;
}
