// Single-resource rules (see ./serviceEntry.codes.ts for the codes of this family).
import type { DocumentRule } from '.';

export const checkServiceEntry: DocumentRule = () => {};
