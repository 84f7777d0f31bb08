// Test helpers over the pure language service.
import { createLanguageService } from '../../server/src/service';
import { dedent, fixture } from './fixture';
import { renderDiagnostics } from './render';

export function newService(settings?: unknown) {
  return createLanguageService(settings);
}

/** Diagnostics of a one-file fixture, rendered as carets under the document. */
export function diagnose(source: string, options: { messages?: boolean; settings?: unknown } = {}): string {
  const file = fixture(source);
  const diagnostics = newService(options.settings).doValidation(file.document);
  return renderDiagnostics(file.text, diagnostics, options);
}

/** The codes reported for a fixture, in document order. */
export function codes(source: string): string[] {
  const file = fixture(source);
  return newService().doValidation(file.document).map((d) => String(d.code));
}

export { dedent };
