/**
 * Starts a driver call without the stack trace the driver captures for it.
 *
 * Every `session.run` / `tx.run` builds a Result, and the Result's constructor reads `new
 * Error().stack`, so that an error the query fails with later can show where it was started. Under
 * source maps (tsx turns them on, and `npm start` runs through tsx) reading a stack maps every frame
 * through the source maps: measured at about 1 ms per query on the seed, a quarter of a typical
 * lookup's time. The API never shows that call site: Neo4j's errors reach the client as their code
 * and message (http/errors.ts), and the server log keeps the message. So the Result is created
 * while `Error.stackTraceLimit` is 0, and the limit is restored before anything else runs (the
 * call is synchronous; the query itself runs later).
 */
export function withoutCallSite<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
