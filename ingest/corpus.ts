/**
 * Managing the corpus beyond loading: removing a document (its sections, measures, their
 * relationships, and the entities only it referred to; nothing of another document changes) and
 * correcting its metadata. Each is one write transaction: it happens whole or not at all.
 */
import type { Connection } from '../store/connection';
import { graphVersionOf } from '../store/version';
import { neo4jParams } from '../store/params';
import { refreshSeries, relink } from './lineage/lineage';
import { removeDocumentContent, removeOrphanEntities } from './stages/load';
import { releaseOriginal } from './originals/keep';
import type { Originals } from './originals/originals';
import { PARTNER_REGIONS, type DocumentPatch } from '../model/api';

/** What a user may correct on a document: the body of PATCH /api/documents/:key (model/api.ts). */
export type DocumentChanges = DocumentPatch;

export { PARTNER_REGIONS };

/**
 * Removes the document `key`; false when there is none. With `originals`, then deletes its original
 * too, unless another document has the same bytes (originals/keep.ts releaseOriginal); the document
 * is deleted first, so an error there leaves an unused original, never a document without its own.
 */
export async function deleteDocument(
  connection: Connection,
  key: string,
  originals: Originals | null = null,
): Promise<boolean> {
  const session = connection.driver.session({ database: connection.database });
  let deleted: { sha256: string | null } | null;
  try {
    deleted = await session.executeWrite(async (tx) => {
      const found = await tx.run(
        'MATCH (d:Document {key: $key}) RETURN d.region AS region, d.sha256 AS sha256',
        {
          key,
        },
      );
      if (found.records.length === 0) return null;
      const region = found.records[0]!.get('region') as string | null;
      await removeDocumentContent(tx, key);
      await tx.run('MATCH (d:Document {key: $key}) DETACH DELETE d', { key });
      await removeOrphanEntities(tx);
      // Its links went with its measures; what is new or dropped in the rest of its series may change.
      if (region !== null) await refreshSeries(tx, region);
      return { sha256: (found.records[0]!.get('sha256') as string | null) ?? null };
    });
  } finally {
    await session.close();
    graphVersionOf(connection).invalidate();
  }
  if (deleted === null) return false;
  if (originals && deleted.sha256) await releaseOriginal(connection, originals, deleted.sha256);
  return true;
}

/** Sets the given metadata on the document `key` (an edit marks it, so a user sees it was corrected); false when there is none. */
export async function updateDocument(
  connection: Connection,
  key: string,
  changes: DocumentChanges,
): Promise<boolean> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const edit = await session.executeWrite(async (tx) => {
      const before = await tx.run('MATCH (d:Document {key: $key}) RETURN d.region AS region', { key });
      const formerRegion = (before.records[0]?.get('region') as string | null | undefined) ?? null;
      const result = await tx.run(
        `MATCH (d:Document {key: $key})
         SET d += $changes, d.editedAt = datetime.realtime(),
             d.edited = [k IN coalesce(d.edited, []) WHERE NOT k IN keys($changes)] + keys($changes)
         RETURN count(d) AS n`,
        neo4jParams({ key, changes }),
      );
      return { found: Number(result.records[0]?.get('n') ?? 0) > 0, formerRegion };
    });
    // A year or partner edited moves the document in or out of a series.
    if (edit.found && ('year' in changes || 'region' in changes))
      await relink(connection, key, edit.formerRegion);
    return edit.found;
  } finally {
    await session.close();
    graphVersionOf(connection).invalidate();
  }
}
