/**
 * The graph's version: the bookmark Neo4j gives a read transaction, which names the last transaction
 * committed to the database (by anyone: this server, `npm run ingest` in another process, an analyst's
 * own tools). Reading it is one `RETURN 1` round trip. It is read again when a caller asks and the
 * last reading is older than `maxAgeMs` (one second), or at once after `invalidate()` (a write made
 * through this server), so a write by anyone else is seen within a second and one of ours at once.
 * Everything cached per version (responses, layouts, the overview) is keyed by it.
 */
import neo4j from 'neo4j-driver';
import type { Connection } from './connection';

export const VERSION_MAX_AGE_MS = 1_000;

export class GraphVersion {
  private value: string | null = null;
  private readAt = 0;
  private reading: Promise<string> | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly maxAgeMs = VERSION_MAX_AGE_MS,
  ) {}

  /** The version now (read from Neo4j when the last reading is stale; concurrent callers share it). */
  current(): Promise<string> {
    if (this.value !== null && Date.now() - this.readAt < this.maxAgeMs) return Promise.resolve(this.value);
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  /** The last version read, without asking Neo4j (null before the first reading). */
  known(): string | null {
    return this.value;
  }

  /** Forgets the reading: the next `current()` asks Neo4j (after a write through this server). */
  invalidate(): void {
    this.readAt = 0;
  }

  private async read(): Promise<string> {
    const startedAt = Date.now();
    const session = this.connection.driver.session({
      database: this.connection.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      await session.run('RETURN 1', {}, { timeout: 5_000 });
      const version = session.lastBookmarks().join(',');
      // A write that began after this reading started must not be hidden by it.
      if (startedAt >= this.readAt) {
        this.value = version;
        this.readAt = startedAt;
      }
      return version;
    } finally {
      await session.close();
    }
  }
}

const versions = new WeakMap<Connection, GraphVersion>();

/** The one GraphVersion of `connection`. */
export function graphVersionOf(connection: Connection): GraphVersion {
  let version = versions.get(connection);
  if (!version) versions.set(connection, (version = new GraphVersion(connection)));
  return version;
}
