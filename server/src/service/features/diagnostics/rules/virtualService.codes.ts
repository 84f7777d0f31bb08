// Codes IE270–IE289:  VirtualService rules of Istio's webhook and CRD.
import type { CodeInfo } from '../severity';

export const VIRTUAL_SERVICE_CODES = {} satisfies Record<string, CodeInfo>;
