/**
 * A fixed budget per key and window (requests per minute, attempts per ten
 * minutes), kept in memory: one app process is one budget. `take` answers
 * how many milliseconds to wait, 0 when the request may go ahead.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(key: string, now: number): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.prune(now);
    }
    if (w.used >= this.limit) return w.start + this.windowMs - now;
    w.used++;
    return 0;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
