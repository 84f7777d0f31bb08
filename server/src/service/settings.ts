// Settings the language service reads. The server fills them from the client's configuration.
import type { SeverityName } from './features/diagnostics/codes';

export interface ServiceSettings {
  validation: { enable: boolean };
  /** Per-code overrides: a severity, or `off` to silence the code. */
  severity: Record<string, SeverityName | 'off'>;
  maxFileSizeKB: number;
}

export const DEFAULT_SETTINGS: ServiceSettings = {
  validation: { enable: true },
  severity: {},
  maxFileSizeKB: 8192,
};

/** Fills gaps in partial or malformed user settings with defaults. */
export function normalizeSettings(input: unknown): ServiceSettings {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const validation = (typeof raw.validation === 'object' && raw.validation !== null ? raw.validation : {}) as Record<string, unknown>;
  const severity: ServiceSettings['severity'] = {};
  if (typeof raw.severity === 'object' && raw.severity !== null) {
    for (const [code, level] of Object.entries(raw.severity as Record<string, unknown>)) {
      if (level === 'error' || level === 'warning' || level === 'information' || level === 'hint' || level === 'off') severity[code] = level;
    }
  }
  const maxFileSizeKB = typeof raw.maxFileSizeKB === 'number' && raw.maxFileSizeKB > 0 ? raw.maxFileSizeKB : DEFAULT_SETTINGS.maxFileSizeKB;
  return {
    validation: { enable: typeof validation.enable === 'boolean' ? validation.enable : true },
    severity,
    maxFileSizeKB,
  };
}
