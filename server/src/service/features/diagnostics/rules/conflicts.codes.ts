// Codes IE320–IE339:  resources that conflict with each other.
import type { CodeInfo } from '../severity';

export const CONFLICT_CODES = {} satisfies Record<string, CodeInfo>;
