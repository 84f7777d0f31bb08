// Public surface of the language service.
export { createLanguageService, type LanguageService } from './languageService';
export { DEFAULT_SETTINGS, normalizeSettings, type ServiceSettings } from './settings';
export { CODES, codeHelpUri, type DiagnosticCode } from './features/diagnostics/codes';
export type { FixAllOptions, FixAllResult, SafeFix } from './features/codeActions/safeFixes';
export { suggest } from './util/suggest';
export { DIAGNOSTIC_SOURCE } from './features/diagnostics';
export { isKubernetesLabel } from './util/names';
