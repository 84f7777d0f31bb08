// Validates changed documents one per turn of the event loop, so that opening a hundred
// files does not hold every diagnostics push (and every completion request) until all are done.

export class ValidationQueue {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly ready = new Set<string>();
  private draining = false;

  constructor(
    private readonly delayMs: number,
    private readonly validate: (uri: string) => void,
  ) {}

  /** Validate `uri` after a short pause; a newer request for the same URI restarts the pause. */
  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        // Re-adding moves the URI to the back: the most recently edited files wait the least overall.
        this.ready.delete(uri);
        this.ready.add(uri);
        this.drain();
      }, this.delayMs),
    );
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.ready.delete(uri);
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.step());
  }

  private step(): void {
    const next = this.ready.values().next();
    if (next.done) {
      this.draining = false;
      return;
    }
    this.ready.delete(next.value);
    this.validate(next.value);
    setImmediate(() => this.step());
  }
}
