/**
 * A counting gate: at most `concurrency` holders at once, the others wait in arrival order.
 * A full waiting line refuses at once (the caller answers 503) rather than growing without end.
 */
export class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`gate concurrency must be a positive integer, got ${concurrency}`);
    if (!Number.isInteger(maxWaiting) || maxWaiting < 0) throw new Error(`gate maxWaiting must be a non-negative integer, got ${maxWaiting}`);
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once admitted, or with null when the line is full. */
  async enter(): Promise<(() => void) | null> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxWaiting) return null;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    // The slot was handed over by release(): `active` already counts this holder.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}
