// Codes IE400–IE429:  the egress chain mesh → egress gateway → external host.
import type { CodeInfo } from '../severity';

export const EGRESS_ROUTE_CODES = {} satisfies Record<string, CodeInfo>;
