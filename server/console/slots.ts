/**
 * A bound on how many user-driven reads (console and named queries) run at once, so that a few heavy
 * queries cannot take all of Neo4j's memory together; the rest wait in line, and when the line is
 * full the answer is 503 CONSOLE_BUSY with Retry-After.
 */
import type { Limits } from '../../store/config';
import { ApiError } from '../http/errors';

export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly size: number,
    readonly queue: number = size * 16,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`Slots: size must be a whole number ≥ 1, got ${size}`);
  }

  /** Resolves with a release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.running >= this.size) {
      if (this.waiting.length >= this.queue)
        throw new ApiError(
          503,
          'CONSOLE_BUSY',
          `${this.running} queries are running and ${this.waiting.length} waiting; try again shortly`,
          undefined,
          1,
        );
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `running` stays as it is.
      if (next) next();
      else this.running--;
    };
  }

  get busy(): number {
    return this.running;
  }
}

/** What the routes that run queries need besides the connection. */
export interface QueryContext {
  limits: Limits;
  /** The one bound on console and named queries running at once. */
  slots: Slots;
}
