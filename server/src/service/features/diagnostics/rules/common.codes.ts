// Codes IE200–IE209:  names, hosts and exportTo forms shared by several kinds.
import type { CodeInfo } from '../severity';

export const COMMON_CODES = {} satisfies Record<string, CodeInfo>;
