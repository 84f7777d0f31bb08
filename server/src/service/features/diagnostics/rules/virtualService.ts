// Single-resource rules (see ./virtualService.codes.ts for the codes of this family).
import type { DocumentRule } from '.';

export const checkVirtualService: DocumentRule = () => {};
