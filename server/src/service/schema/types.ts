// The shape of the Istio API model. The model itself is data (see the kind files);
// completion, hover and validation all read it through these types.

/** The istio.io reference page a message is documented on (path below /docs/reference/config/). */
export type DocPage =
  | 'networking/service-entry'
  | 'networking/gateway'
  | 'networking/destination-rule'
  | 'networking/virtual-service'
  | 'networking/sidecar'
  | 'networking/workload-entry'
  | 'type/workload-selector'
  | 'kubernetes/object-meta';

export interface EnumValue {
  value: string;
  /** One line: what choosing this value means. */
  doc: string;
  deprecated?: string;
}

export interface EnumSchema {
  /** Anchor name on the reference page, e.g. `ServiceEntry-Resolution`. */
  name: string;
  page: DocPage;
  values: EnumValue[];
  /** Port protocols are parsed case-insensitively by Istio; real proto enums are not. */
  caseInsensitive?: boolean;
  /** False when the reference page has no anchor per value (value sets that are not proto enums). */
  valueAnchors?: boolean;
}

export type StringFormat =
  | 'hostname' // DNS name, optionally with a leading `*.` wildcard
  | 'ip-or-cidr'
  | 'label-name' // DNS-1123 label
  | 'gateway-name' // `mesh`, `name`, `ns/name`
  | 'namespaced-host' // `ns/host` (Gateway servers, Sidecar egress)
  | 'export-to'; // `.`, `*`, `~` or a namespace name

export type FieldType =
  | { kind: 'string'; format?: StringFormat; examples?: readonly string[] }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'boolean' }
  /** A protobuf Duration written as a string: `5s`, `100ms`, `1h`. */
  | { kind: 'duration' }
  | { kind: 'enum'; enum: EnumSchema }
  | { kind: 'list'; items: FieldType; minItems?: number; maxItems?: number }
  | { kind: 'map'; values: FieldType }
  | { kind: 'message'; message: MessageSchema }
  /** Anything goes (e.g. `status`, which the cluster writes). */
  | { kind: 'any' };

export interface FieldSchema {
  /** The YAML key (the protobuf JSON name, camelCase). */
  name: string;
  type: FieldType;
  /** Markdown, written for this product: what it does, its values, its pitfalls. */
  doc: string;
  required?: boolean;
  /** Human-readable default, e.g. `NONE`. */
  default?: string;
  /** Set when Istio deprecates the field: what to use instead. */
  deprecated?: string;
  /** Version notes, e.g. "Added in Istio 1.20". */
  since?: string;
  /**
   * Fields sharing a group name are mutually exclusive (a protobuf oneof or an
   * exclusivity rule Istio enforces).
   */
  oneOf?: string;
  /** Hidden fields are valid but never offered in completion (e.g. `$hide_from_docs` in the protos). */
  hidden?: boolean;
  /** Override the reference-page anchor when it is not `<Message>-<snake_case name>`. */
  anchor?: string;
}

export interface MessageSchema {
  /** The protobuf message name, also the reference-page anchor (dots become dashes). */
  name: string;
  page: DocPage;
  doc: string;
  fields: FieldSchema[];
  /** When set, at least one field of this group must be present (e.g. StringMatch). */
  requireOneOf?: string;
  /** Allow keys not in `fields` (e.g. Kubernetes metadata we do not model). */
  openKeys?: boolean;
}

export type IstioKind = 'ServiceEntry' | 'Gateway' | 'DestinationRule' | 'VirtualService' | 'Sidecar';

export interface KindSchema {
  kind: IstioKind;
  /** What the resource is for, in a paragraph. */
  doc: string;
  page: DocPage;
  spec: MessageSchema;
}
