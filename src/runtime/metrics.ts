/** In-process runtime metrics: a bounded sample of timer lateness and a step rate over the last minute. */
export class RuntimeMetrics {
  private lateness: number[] = [];
  private next = 0;
  private stepTimes: number[] = [];

  constructor(private readonly capacity = 10_000) {}

  recordLateness(ms: number): void {
    if (this.lateness.length < this.capacity) this.lateness.push(ms);
    else this.lateness[this.next++ % this.capacity] = ms;
  }

  recordSteps(n: number, at: number): void {
    for (let i = 0; i < n; i++) this.stepTimes.push(at);
    if (this.stepTimes.length > 200_000) this.stepTimes = this.stepTimes.slice(-100_000);
  }

  latenessPercentile(p: number): number | null {
    if (!this.lateness.length) return null;
    const sorted = [...this.lateness].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }

  stepsPerSecond(now: number, windowMs = 60_000): number {
    const from = now - windowMs;
    let n = 0;
    for (let i = this.stepTimes.length - 1; i >= 0 && this.stepTimes[i] >= from; i--) n++;
    return n / (windowMs / 1000);
  }
}
