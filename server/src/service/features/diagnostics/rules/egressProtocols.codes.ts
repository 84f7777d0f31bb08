// Codes IE415–IE429: the egress chain: ports, protocols, SNI and TLS agreeing across resources.
import type { CodeInfo } from '../severity';

export const EGRESS_PROTOCOL_CODES = {} satisfies Record<string, CodeInfo>;
