// Single-resource rules (see ./destinationRule.codes.ts for the codes of this family).
import type { DocumentRule } from '.';

export const checkDestinationRule: DocumentRule = () => {};
