// Single-resource rules (see ./sidecar.codes.ts for the codes of this family).
import type { DocumentRule } from '.';

export const checkSidecar: DocumentRule = () => {};
