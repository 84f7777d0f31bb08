// Codes IE250–IE269:  DestinationRule rules of Istio's webhook, CRD and single-resource analyzers.
import type { CodeInfo } from '../severity';

export const DESTINATION_RULE_CODES = {} satisfies Record<string, CodeInfo>;
