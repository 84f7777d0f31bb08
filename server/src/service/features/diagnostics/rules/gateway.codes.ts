// Codes IE230–IE249:  Gateway rules of Istio's webhook and CRD.
import type { CodeInfo } from '../severity';

export const GATEWAY_CODES = {} satisfies Record<string, CodeInfo>;
