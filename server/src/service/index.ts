// Public surface of the language service.
export { createLanguageService, type LanguageService } from './languageService';
export { DEFAULT_SETTINGS, normalizeSettings, type ServiceSettings } from './settings';
export { CODES, type DiagnosticCode } from './features/diagnostics/codes';
export { DIAGNOSTIC_SOURCE } from './features/diagnostics';
