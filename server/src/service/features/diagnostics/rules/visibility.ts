// Cross-resource rules (see ./visibility.codes.ts for the codes of this family).
import type { WorkspaceRule } from '../workspaceRules';

export const checkVisibility: WorkspaceRule = () => {};
