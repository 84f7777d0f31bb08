// Cross-resource rules (see ./conflicts.codes.ts for the codes of this family).
import type { WorkspaceRule } from '../workspaceRules';

export const checkConflicts: WorkspaceRule = () => {};
