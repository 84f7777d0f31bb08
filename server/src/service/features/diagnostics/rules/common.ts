// Single-resource rules (see ./common.codes.ts for the codes of this family).
import type { DocumentRule } from '.';

export const checkCommon: DocumentRule = () => {};
