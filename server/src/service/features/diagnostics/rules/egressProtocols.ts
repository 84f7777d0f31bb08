// Cross-resource rules (see ./egressProtocols.codes.ts for the codes of this family).
import type { WorkspaceRule } from '../workspaceRules';

export const checkEgressProtocols: WorkspaceRule = () => {};
