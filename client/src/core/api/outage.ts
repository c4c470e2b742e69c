/**
 * Knowing when the server or Neo4j is down, and when it is back: every request that fails because
 * the server cannot be reached or answers 503 reports an outage here; while one lasts, /api/health is
 * asked every few seconds, and listeners hear when it answers again, so the page recovers by itself
 * (the graph reloads, the banner goes) without the user doing anything.
 */

export type OutageListener = (down: boolean) => void;

/** Seconds between health checks while the server or Neo4j is down. */
export const OUTAGE_POLL_S = 2;

export class OutageWatch {
  private down = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<OutageListener>();

  constructor(private readonly healthy: () => Promise<boolean>) {}

  get isDown(): boolean {
    return this.down;
  }

  subscribe(listener: OutageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A request failed because the server or Neo4j is down: watch for its return. */
  report(): void {
    if (this.down) return;
    this.down = true;
    this.listeners.forEach((l) => l(true));
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), OUTAGE_POLL_S * 1000);
  }

  private async check(): Promise<void> {
    const back = await this.healthy().catch(() => false);
    if (!back) return this.schedule();
    this.down = false;
    this.listeners.forEach((l) => l(false));
  }
}
