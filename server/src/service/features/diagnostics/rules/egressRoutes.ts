// Cross-resource rules (see ./egressRoutes.codes.ts for the codes of this family).
import type { WorkspaceRule } from '../workspaceRules';

export const checkEgressRoutes: WorkspaceRule = () => {};
