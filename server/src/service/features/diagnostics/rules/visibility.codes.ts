// Codes IE340–IE359:  exportTo visibility and the outbound traffic policy.
import type { CodeInfo } from '../severity';

export const VISIBILITY_CODES = {} satisfies Record<string, CodeInfo>;
