/**
 * Answers the views' opening requests ahead of time (model/opening.ts: the overview, the plans the
 * pickers list, the overlap matrices), once per graph version, through the server's own HTTP API, so
 * that the response cache (cache.ts) holds them before anyone opens a view. On thousands of plans
 * the overlap matrices are corpus-wide aggregates of seconds; prefetched, they answer from the cache.
 *
 * `start` checks the graph's version every `intervalMs` (the same cheap reading the cache makes) and
 * prefetches again once a new version has stayed the same for a whole interval, so a bulk load that
 * commits a batch every second is not chased batch by batch. Requests go one after another: the
 * point is to have the answers ready, not to load the server.
 */
import { openingRequests, type OpeningRequest } from '../../model/opening';
import type { Connection } from '../../store/connection';
import { graphVersionOf } from '../../store/version';

export interface PrefetchReport {
  /** The graph version the answers were computed for. */
  version: string;
  requests: { path: string; status: number; ms: number; error?: string }[];
}

export interface PrefetchOptions {
  intervalMs?: number;
  requests?: OpeningRequest[];
  /** Longest wait for one answer. */
  timeoutMs?: number;
}

export class Prefetcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PrefetchReport> | null = null;
  /** The version prefetched last, and the one seen at the last check (stable for an interval?). */
  private done: string | null = null;
  private seen: string | null = null;
  private readonly intervalMs: number;
  private readonly requests: OpeningRequest[];
  private readonly timeoutMs: number;

  /** `base`: where this server answers, e.g. http://127.0.0.1:3000. */
  constructor(
    private readonly base: string,
    private readonly connection: Connection,
    options: PrefetchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 2_000;
    this.requests = options.requests ?? openingRequests();
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  /** Answers every opening request once, for the version current now (concurrent callers share it). */
  run(): Promise<PrefetchReport> {
    this.running ??= this.prefetch().finally(() => (this.running = null));
    return this.running;
  }

  /** Prefetches now and again after each change of the graph; `onReport` hears of each round. */
  start(onReport: (report: PrefetchReport) => void = () => undefined): void {
    if (this.timer) return;
    const tick = async () => {
      if (this.running) return;
      let version: string;
      try {
        version = await graphVersionOf(this.connection).current();
      } catch {
        return; // Neo4j unreachable: nothing to prefetch; checked again at the next tick.
      }
      const settled = version === this.seen;
      this.seen = version;
      if (version === this.done || (!settled && this.done !== null)) return;
      onReport(await this.run());
    };
    this.timer = setInterval(() => void tick(), this.intervalMs);
    this.timer.unref();
    void tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async prefetch(): Promise<PrefetchReport> {
    const version = await graphVersionOf(this.connection).current();
    const requests: PrefetchReport['requests'] = [];
    for (const { path, body } of this.requests) {
      const started = performance.now();
      try {
        const response = await fetch(new URL(path, this.base), {
          method: body === undefined ? 'GET' : 'POST',
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        requests.push({
          path,
          status: response.status,
          ms: Math.round(performance.now() - started),
          ...(response.ok ? {} : { error: text.slice(0, 300) }),
        });
      } catch (error) {
        requests.push({
          path,
          status: 0,
          ms: Math.round(performance.now() - started),
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    this.done = version;
    return { version, requests };
  }
}
