/**
 * Loading a corpus in batches (ingest.ts, stages/load.ts loadDocuments) against the real Neo4j: many
 * documents per transaction give the same graph as one transaction each, a batch holding one bad
 * document loads all the others and reports only that one, and the stages in worker threads make
 * the same documents as in this thread.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestBatch } from '../../ingest/ingest';
import { runStages } from '../../ingest/pipeline';
import { readSource } from '../../ingest/source';
import { loadDocument, loadDocuments } from '../../ingest/stages/load';
import type { Doc } from '../../ingest/types';
import { PipelinePool } from '../../ingest/workers';
import type { Connection } from '../../store/connection';
import { stable } from '../../testkit/fingerprint';
import { count, repoRoot, resetDatabase, testConnection } from '../../testkit/db';
import { generateCorpus } from '../../testkit/corpus';

const FILES = [
  path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt'),
  ...[
    '2016-guangdong-hong-kong-key-work-older.txt',
    '2017-guangdong-macao-key-work-older-layout.txt',
    '2019-shenzhen-hong-kong-qianhai-action-plan.md',
    '2021-guangdong-task-division-plan-simplified.txt',
    '2022-guangdong-hong-kong-macao-youth-plan.txt',
  ].map((name) => path.join(repoRoot, 'tests/fixtures/documents', name)),
];

/**
 * The graph by content, not by Neo4j's ids (which differ with the order of writes): every node's
 * labels and properties and every relationship's ends (by key), type and properties, sorted; the
 * load time is left out.
 */
async function content(connection: Connection): Promise<string[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const nodes = await session.run('MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties');
    const rels = await session.run(
      'MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS type, b.key AS b, properties(r) AS properties',
    );
    return [
      ...nodes.records.map((r) => {
        const { loadedAt: _loadedAt, ...properties } = r.get('properties') as Record<string, unknown>;
        return stable({ labels: (r.get('labels') as string[]).sort(), properties });
      }),
      ...rels.records.map((r) => stable(r.toObject())),
    ].sort();
  } finally {
    await session.close();
  }
}

describe('batched load', () => {
  let connection: Connection;
  let docs: Doc[];
  let dir: string;

  beforeAll(async () => {
    connection = await testConnection();
    docs = await Promise.all(FILES.map(async (file) => runStages(await readSource(file))));
    dir = await mkdtemp(path.join(tmpdir(), 'batch-'));
  });
  beforeEach(() => resetDatabase(connection));
  afterAll(async () => {
    await connection.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same graph in one transaction as in one transaction per document', async () => {
    for (const doc of docs) await loadDocument(connection, doc);
    const oneByOne = await content(connection);
    await resetDatabase(connection);
    const { loads, relationshipsCreated } = await loadDocuments(connection, docs);
    expect(loads.map((l) => [l.result?.outcome, l.error])).toEqual(docs.map(() => ['created', null]));
    expect(await content(connection)).toEqual(oneByOne);
    expect(relationshipsCreated).toBe(await count(connection, 'MATCH ()-[r]->() RETURN count(r)'));
    // Loaded again: unchanged, nothing written.
    const again = await loadDocuments(connection, docs);
    expect(again.loads.map((l) => l.result?.outcome)).toEqual(docs.map(() => 'unchanged'));
    expect(again.relationshipsCreated).toBe(0);
  });

  it('writes a unit named twice in one measure (the lead, then a partner) as one assignment, the lead', async () => {
    const doc = structuredClone(docs.find((d) => d.measures.some((m) => m.units?.some((u) => u.lead)))!);
    const measure = doc.measures.find((m) => m.units?.some((u) => u.lead))!;
    const lead = measure.units!.find((u) => u.lead)!;
    measure.units!.push({ ...lead, lead: false });
    await loadDocuments(connection, [doc, ...docs.filter((d) => d.meta.key !== doc.meta.key)]);
    const session = connection.driver.session({ database: connection.database });
    try {
      const result = await session.run(
        'MATCH (:Measure {key: $measure})-[r:ASSIGNED_TO]->(:Entity {key: $unit}) RETURN r.lead AS lead',
        { measure: measure.key, unit: lead.entityKey },
      );
      expect(result.records.map((r) => r.get('lead'))).toEqual([true]);
    } finally {
      await session.close();
    }
  });

  it('retries a failed batch document by document: only the bad one is reported, and nothing of it is loaded', async () => {
    const bad = 2;
    const broken = docs.map((doc, i) =>
      i === bad
        ? {
            ...doc,
            // A list of maps is not a property value: Neo4j fails the statement, after it wrote other documents.
            measures: doc.measures.map((m, j) =>
              j === 3 ? { ...m, actions: [{ not: 'text' }] as unknown as string[] } : m,
            ),
          }
        : doc,
    );
    const { loads } = await loadDocuments(connection, broken);
    expect(loads.map((l) => (l.error ? 'failed' : l.result!.outcome))).toEqual(
      docs.map((_, i) => (i === bad ? 'failed' : 'created')),
    );
    expect(loads[bad]!.error!.message).toMatch(/map|property/i);
    const withFailure = await content(connection);
    await resetDatabase(connection);
    await loadDocuments(
      connection,
      docs.filter((_, i) => i !== bad),
    );
    expect(withFailure).toEqual(await content(connection));
    expect(
      await count(connection, 'MATCH (m:Measure {document: $key}) RETURN count(m)', {
        key: docs[bad]!.meta.key,
      }),
    ).toBe(0);
  });

  it('makes the same documents in worker threads as in this thread, and reports an IngestError as one', async () => {
    const pool = new PipelinePool(2);
    try {
      for (const [i, file] of FILES.entries()) {
        const source = await readSource(file);
        const stages: string[] = [];
        const inWorker = await pool.run(source, `key-${i}`, (stage) => stages.push(stage));
        expect(stages).toEqual(['parse', 'extract']);
        expect(stable(inWorker)).toBe(stable(runStages(source, undefined, { documentKey: `key-${i}` })));
      }
      const prose = {
        ...(await readSource(FILES[0]!)),
        text: '這裡沒有任何措施。\n',
        name: 'prose.txt',
        path: 'prose.txt',
      };
      await expect(pool.run(prose, 'prose')).rejects.toMatchObject({
        name: 'IngestError',
        code: 'NO_STRUCTURE',
        file: 'prose.txt',
      });
    } finally {
      await pool.close();
    }
  });

  it('ingests a folder of generated plans through the workers in batches: outcomes in order, the same graph as in one thread', async () => {
    const files: string[] = [];
    for (const generated of generateCorpus({ documents: 24, seed: 7 })) {
      const file = path.join(dir, generated.name);
      await writeFile(file, generated.text);
      files.push(file);
    }
    // One file that fails in the stages, among them.
    const empty = path.join(dir, 'empty.txt');
    await writeFile(empty, '\n\n');
    files.splice(5, 0, empty);
    await copyFile(FILES[0]!, path.join(dir, 'seed.txt'));
    files.push(path.join(dir, 'seed.txt'));

    const previous = process.env.INGEST_BATCH_DOCUMENTS;
    process.env.INGEST_BATCH_DOCUMENTS = '4';
    try {
      const parallel = await ingestBatch(connection, files, { workers: 2 });
      expect(parallel.map((o) => o.file)).toEqual(files);
      expect(parallel.map((o) => (o.error ? 'failed' : o.result!.outcome))).toEqual(
        files.map((f) => (f === empty ? 'failed' : 'created')),
      );
      expect(parallel[5]!.error!.message).toContain('empty.txt');
      // Every document's lineage is written: plans outside a series in the batch, the seed on its own.
      expect(await count(connection, 'MATCH (d:Document) WHERE d.lineage IS NULL RETURN count(d)')).toBe(0);
      const graph = await content(connection);

      await resetDatabase(connection);
      const serial = await ingestBatch(connection, files, { workers: 0 });
      expect(serial.map((o) => o.result?.outcome)).toEqual(parallel.map((o) => o.result?.outcome));
      expect(await content(connection)).toEqual(graph);
    } finally {
      if (previous === undefined) delete process.env.INGEST_BATCH_DOCUMENTS;
      else process.env.INGEST_BATCH_DOCUMENTS = previous;
    }
  }, 180_000);
});
