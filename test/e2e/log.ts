// Timestamped progress lines, relative to the start of the process, so slow steps stand out in CI logs.
const started = Date.now();

export function elapsed(since = started): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

export function log(...parts: unknown[]): void {
  console.log(`[e2e ${elapsed()}]`, ...parts);
}
