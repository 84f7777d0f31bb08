// Codes IE210–IE229:  ServiceEntry rules of Istio's webhook and CRD.
import type { CodeInfo } from '../severity';

export const SERVICE_ENTRY_CODES = {} satisfies Record<string, CodeInfo>;
