/**
 * `npm run corpus -- export FILE` and `backup`: the whole corpus in one archive (format.ts), streamed:
 * the driver pulls the graph's rows in batches as the gzip stream takes them, so no more than a batch
 * is in memory however large the corpus.
 *
 * Consistency while the server writes: the dump is read in one read transaction, but Neo4j's
 * transactions are read-committed, not snapshots, so a write that commits during a long dump could be
 * half in it. So the export checks: it computes the fingerprint of what it wrote (fingerprint.ts) and
 * then the fingerprint of the database; equal, the archive is the database as it was at that moment
 * (a write during the dump that the archive holds whole, or not at all and undone, cannot differ). Not
 * equal, a write was caught half-way: the export is written again (up to `attempts` times), and fails
 * saying so rather than keep a mixed archive. Writes are never paused.
 */
import { rename, rm } from 'node:fs/promises';
import type { Connection } from '../../store/connection';
import type { Originals } from '../originals/originals';
import {
  FingerprintSum,
  NODES,
  RELATIONSHIPS,
  fingerprintOf,
  sameFingerprint,
  type CorpusFingerprint,
} from './fingerprint';
import { ARCHIVE_FORMAT, FORMAT_VERSION, openWriter, type Counts, type Manifest } from './format';
import { encodeProps } from './values';

export interface ExportOptions {
  /** Where the originals are kept (folder or `:Source` nodes): their bytes go into the archive's source lines. */
  originals: Originals;
  appVersion: string;
  pipelineVersion: string;
  /** Tries before giving up when writes keep changing the graph during the dump (default 3). */
  attempts?: number;
  /** Called in the middle of the dump, between the nodes and the relationships (tests: a write there must be caught). */
  duringDump?: () => Promise<void>;
}

export interface ExportResult {
  file: string;
  counts: Counts;
  fingerprint: CorpusFingerprint;
  attempts: number;
}

export class InconsistentExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InconsistentExportError';
  }
}

async function dump(connection: Connection, file: string, options: ExportOptions) {
  const session = connection
    .exactDriver()
    .session({ database: connection.database, defaultAccessMode: 'READ', fetchSize: 1000 });
  const tx = await session.beginTransaction();
  const writer = openWriter(file);
  const counts: Counts = { sources: 0, nodes: 0, relationships: 0 };
  const sum = new FingerprintSum();
  try {
    const schema = await tx.run('MATCH (m:Migration) RETURN max(m.number) AS version');
    const version = schema.records[0]?.get('version') as { toNumber(): number } | null;
    const manifest: Manifest = {
      kind: 'manifest',
      format: ARCHIVE_FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: options.appVersion,
      schemaVersion: version ? version.toNumber() : 0,
      pipelineVersion: options.pipelineVersion,
      createdAt: new Date().toISOString(),
    };
    await writer.write(manifest);
    {
      const shas = tx.run(
        'MATCH (d:Document) WHERE d.sha256 IS NOT NULL RETURN DISTINCT d.sha256 AS sha256 ORDER BY sha256',
      );
      for await (const r of shas) {
        const original = await options.originals.get(r.get('sha256') as string);
        if (!original) continue; // a document ingested before originals were kept
        await writer.write({ kind: 'source', meta: original.meta, bytes: original.bytes.toString('base64') });
        counts.sources += 1;
      }
    }
    for await (const r of tx.run(NODES)) {
      const id = r.get('id') as string;
      const labels = r.get('labels') as string[];
      const props = encodeProps(r.get('props') as Record<string, unknown>, `node ${id}`);
      await writer.write({ kind: 'node', id, labels, props });
      sum.node(labels, props);
      counts.nodes += 1;
    }
    await options.duringDump?.();
    for await (const r of tx.run(RELATIONSHIPS)) {
      const props = encodeProps(
        r.get('props') as Record<string, unknown>,
        `relationship ${String(r.get('type'))}`,
      );
      await writer.write({
        kind: 'rel',
        type: r.get('type') as string,
        a: r.get('a') as string,
        b: r.get('b') as string,
        props,
      });
      sum.relationship(r, props);
      counts.relationships += 1;
    }
    await tx.commit();
    const fingerprint = sum.result();
    await writer.write({ kind: 'end', counts, fingerprint });
    await writer.close();
    return { counts, fingerprint };
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    await writer.close().catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
}

/** Writes the archive to `file` (through `file.partial`, renamed when it is whole and checked). */
export async function exportCorpus(
  connection: Connection,
  file: string,
  options: ExportOptions,
): Promise<ExportResult> {
  const partial = `${file}.partial`;
  const attempts = options.attempts ?? 3;
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const { counts, fingerprint } = await dump(connection, partial, options);
      const now = await fingerprintOf(connection);
      if (sameFingerprint(now, fingerprint)) {
        await rename(partial, file);
        return { file, counts, fingerprint, attempts: attempt };
      }
    }
  } finally {
    await rm(partial, { force: true });
  }
  throw new InconsistentExportError(
    `The graph changed during each of ${attempts} exports (writes committed while it was read), so none was kept: run it again when fewer documents are being ingested. Nothing was written to ${file}.`,
  );
}
