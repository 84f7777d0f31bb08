// Single-resource rules (see ./gateway.codes.ts for the codes of this family).
import type { DocumentRule } from '.';

export const checkGateway: DocumentRule = () => {};
