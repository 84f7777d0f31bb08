// The rule families, in one place. Document families run once per document text (Istio's
// single-resource rules); workspace families run per resource with the workspace index.
import type { Node } from 'yaml';
import type { ResourceFacts } from '../../../index/facts';
import type { YamlReader } from '../../../index/yamlAccess';
import type { ParsedDocument } from '../../../parse/parsedDocument';
import type { ServiceSettings } from '../../../settings';
import type { Report } from '../finding';
import type { WorkspaceRule } from '../workspaceRules';
import { checkCommon } from './common';
import { checkConflicts } from './conflicts';
import { checkDestinationRule } from './destinationRule';
import { checkEgressProtocols } from './egressProtocols';
import { checkEgressRoutes } from './egressRoutes';
import { checkGateway } from './gateway';
import { checkReferences } from './references';
import { checkServiceEntry } from './serviceEntry';
import { checkSidecar } from './sidecar';
import { checkVirtualService } from './virtualService';
import { checkVisibility } from './visibility';

export interface DocumentRuleContext {
  doc: ParsedDocument;
  facts: ResourceFacts;
  /** Reads the YAML tree; `root` is the document's top-level mapping. */
  read: YamlReader;
  root: Node;
  settings: ServiceSettings;
  report: Report;
}

/** One family of single-resource rules. */
export type DocumentRule = (context: DocumentRuleContext) => void;

export const DOCUMENT_RULES: DocumentRule[] = [checkCommon, checkServiceEntry, checkGateway, checkDestinationRule, checkVirtualService, checkSidecar];

export const WORKSPACE_RULES: WorkspaceRule[] = [checkReferences, checkConflicts, checkVisibility, checkEgressRoutes, checkEgressProtocols];
