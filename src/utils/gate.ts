/** Runs a task on a later turn of the event loop. */
export type NextTurn = (task: () => void) => void;

export interface GateOptions {
  /** Holders at once. */
  concurrency: number;
  /** Callers allowed to wait; past that enter() answers null at once. */
  maxWaiting: number;
  /**
   * How long (ms) a turn of the event loop may go on handing the slot from one holder to the
   * next; after that the next holder is admitted on a later turn (`nextTurn`). 0 admits one
   * holder per turn.
   */
  turnBudgetMs?: number;
  nextTurn?: NextTurn;
  now?: () => number;
}

/**
 * A counting gate: at most `concurrency` holders at once, the others wait in arrival order, and
 * a full gate (holders plus waiting line) refuses at once rather than letting the line grow.
 *
 * It also bounds how long one turn of the event loop spends admitting holders. With a
 * synchronous database driver (better-sqlite3) an admitted read runs to its end without
 * yielding, so handing the slot straight on would serve the whole line in one turn and keep
 * Node from accepting connections and reading other requests until the line is empty (a save
 * waited a whole 60 s load run). After `turnBudgetMs` of a turn the next admission waits for a
 * later turn, and in between Node accepts connections, reads requests and serves the ones that
 * do not pass here.
 */
export class Gate {
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly turnBudgetMs: number;
  private readonly nextTurn: NextTurn;
  private readonly now: () => number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private admissionScheduled = false;
  private turnStartedAt = Number.NEGATIVE_INFINITY;

  constructor({ concurrency, maxWaiting, turnBudgetMs = 50, nextTurn = setImmediate, now = () => performance.now() }: GateOptions) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`gate concurrency must be a positive integer, got ${concurrency}`);
    if (!Number.isInteger(maxWaiting) || maxWaiting < 0) throw new Error(`gate maxWaiting must be a non-negative integer, got ${maxWaiting}`);
    if (!(turnBudgetMs >= 0)) throw new Error(`gate turnBudgetMs must be zero or more, got ${turnBudgetMs}`);
    this.concurrency = concurrency;
    this.maxWaiting = maxWaiting;
    this.turnBudgetMs = turnBudgetMs;
    this.nextTurn = nextTurn;
    this.now = now;
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once admitted, or with null when the gate is full. */
  async enter(): Promise<(() => void) | null> {
    if (this.active + this.waiting.length >= this.concurrency + this.maxWaiting) return null;
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.scheduleAdmission();
    });
    return this.releaser();
  }

  private admitNext(): void {
    const next = this.active < this.concurrency ? this.waiting.shift() : undefined;
    if (!next) return;
    this.active += 1;
    next();
  }

  private scheduleAdmission(): void {
    if (this.admissionScheduled || this.waiting.length === 0 || this.active >= this.concurrency) return;
    this.admissionScheduled = true;
    this.nextTurn(() => {
      this.admissionScheduled = false;
      this.turnStartedAt = this.now();
      this.admitNext();
      this.scheduleAdmission();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      if (this.now() - this.turnStartedAt < this.turnBudgetMs) this.admitNext();
      this.scheduleAdmission();
    };
  }
}
