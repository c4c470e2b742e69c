/**
 * Keeps the embedded Neo4j running: when its Java process dies (a crash, the OOM killer, a kill -9),
 * it is started again on the same port and data folder, with growing pauses between attempts. The
 * driver keeps its address, so it reconnects by itself once Bolt answers again. While Neo4j is down
 * the API answers 503 with Retry-After (see `availability`); when every attempt has failed,
 * `onGiveUp` is called, and the server exits non-zero so that a supervisor outside (systemd, a
 * container runtime) can act.
 */
import type { EmbeddedNeo4j } from './process';

export type NeoState = 'running' | 'restarting' | 'failed';

export interface Availability {
  state: NeoState;
  /** Seconds until the next attempt is expected to be done (for Retry-After). */
  retryAfterS: number;
}

export interface SupervisorOptions {
  /** Starts a new embedded Neo4j with the same settings. */
  start: () => Promise<EmbeddedNeo4j>;
  /** Restarts tried before giving up; 0 gives up at once. */
  attempts: number;
  /** Pause before the first attempt; each later one doubles it. */
  firstDelayMs?: number;
  log?: (line: string) => void;
  onGiveUp: (error: Error) => void;
}

export interface Supervisor {
  availability(): Availability;
  current(): EmbeddedNeo4j;
  /** Stops Neo4j and starts it again (a query it could not stop keeps a thread busy). */
  restart(reason: string): Promise<void>;
  /** Stops supervising and stops Neo4j. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function supervise(first: EmbeddedNeo4j, options: SupervisorOptions): Supervisor {
  const { attempts, log = () => undefined } = options;
  const firstDelayMs = options.firstDelayMs ?? 1_000;
  let instance = first;
  let state: NeoState = 'running';
  let stopping = false;
  let nextTryAt = 0;
  /** Set while a deliberate restart stops the current instance, so its exit is not taken for a crash. */
  let restarting = false;

  /** Starts Neo4j again, with growing pauses; gives up (onGiveUp) after `attempts` failures. */
  const restartLoop = async (why: string): Promise<void> => {
    state = 'restarting';
    log(why);
    let lastError: Error = new Error('no restart attempted');
    for (let attempt = 1; attempt <= attempts && !stopping; attempt++) {
      const delay = firstDelayMs * 2 ** (attempt - 1);
      nextTryAt = Date.now() + delay;
      await sleep(delay);
      if (stopping) return;
      try {
        instance = await options.start();
        state = 'running';
        log(`Embedded Neo4j restarted (attempt ${attempt} of ${attempts}, pid ${instance.pid}).`);
        watch(instance);
        return;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        log(
          `Restarting the embedded Neo4j failed (attempt ${attempt} of ${attempts}): ${lastError.message.split('\n')[0]}`,
        );
      }
    }
    if (stopping) return;
    state = 'failed';
    options.onGiveUp(
      new Error(
        `The embedded Neo4j died and could not be restarted after ${attempts} attempt(s): ${lastError.message.split('\n')[0]}`,
      ),
    );
  };

  /** Neo4j dying on its own (not stopped by us) starts the restart loop. */
  const watch = (neo: EmbeddedNeo4j): void => {
    void neo.exited.then(({ code, signal }) => {
      if (stopping || neo !== instance || restarting) return;
      void restartLoop(
        `Embedded Neo4j (pid ${neo.pid}) died (${signal ?? `exit code ${code}`}); restarting it…`,
      );
    });
  };
  watch(first);

  return {
    availability: () => ({
      state,
      retryAfterS: state === 'restarting' ? Math.max(1, Math.ceil((nextTryAt - Date.now()) / 1000) + 10) : 0,
    }),
    current: () => instance,
    restart: async (reason: string) => {
      if (stopping || state !== 'running') return;
      restarting = true;
      state = 'restarting';
      try {
        await instance.stop();
      } finally {
        restarting = false;
      }
      await restartLoop(`Restarting the embedded Neo4j: ${reason}`);
    },
    stop: async () => {
      stopping = true;
      await instance.stop();
    },
  };
}
