// Every request handler runs through here: an exception is logged and answered with a
// neutral result, so one bad document never takes the server down.
import type { CancellationToken, Connection } from 'vscode-languageserver';

export function runSafe<T>(connection: Connection, name: string, fallback: T, token: CancellationToken | undefined, work: () => T): T {
  if (token?.isCancellationRequested) return fallback;
  try {
    return work();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`${name} failed: ${detail}`);
    return fallback;
  }
}
