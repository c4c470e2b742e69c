/** Originals as `:Source` nodes in the graph (store/sources/graph.ts), for a Neo4j of the user's own. */
import type { Connection } from '../../store/connection';
import { deleteSource, getSource, hasSource, putSource } from '../../store/sources/graph';
import { checked, SHA256, type Original, type OriginalMeta, type Originals } from './originals';

export class GraphOriginals implements Originals {
  readonly where = 'the graph';

  constructor(private readonly connection: Connection) {}

  has(sha256: string): Promise<boolean> {
    return SHA256.test(sha256) ? hasSource(this.connection, sha256) : Promise.resolve(false);
  }

  put(original: Original): Promise<boolean> {
    const { meta, bytes } = checked(original, this.where);
    return putSource(this.connection, { meta: { ...meta }, bytes });
  }

  delete(sha256: string): Promise<boolean> {
    return SHA256.test(sha256) ? deleteSource(this.connection, sha256) : Promise.resolve(false);
  }

  async get(sha256: string): Promise<Original | null> {
    if (!SHA256.test(sha256)) return null;
    const source = await getSource(this.connection, sha256);
    if (!source) return null;
    const { meta, bytes } = source;
    return checked({ meta: { encoding: null, ...meta } as unknown as OriginalMeta, bytes }, this.where);
  }
}
