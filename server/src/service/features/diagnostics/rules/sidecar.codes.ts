// Codes IE290–IE299:  Sidecar rules of Istio's webhook and CRD.
import type { CodeInfo } from '../severity';

export const SIDECAR_CODES = {} satisfies Record<string, CodeInfo>;
