/**
 * The simulated clock. It runs with real time plus an offset that only grows when the admin API
 * advances it, so token expiry, update dates and renewals can be reached in a test without waiting.
 */
export class SimClock {
  private offsetMs: number;

  constructor(startAt?: number) {
    this.offsetMs = startAt === undefined ? 0 : startAt - Date.now();
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward and returns the (from, to) interval crossed. */
  advance(ms: number): { from: number; to: number } {
    if (!(ms >= 0)) throw new RangeError("the clock only moves forward");
    const from = this.now();
    this.offsetMs += ms;
    return { from, to: from + ms };
  }

  /** For snapshots: the offset is what survives a restart. */
  getOffset(): number {
    return this.offsetMs;
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}

export const DAY_MS = 86_400_000;
