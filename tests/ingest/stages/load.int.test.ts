import path from 'node:path';
import type { Connection } from '../../../server/db/connection';
import { ingestFiles } from '../../../ingest/ingest';
import { runStages } from '../../../ingest/pipeline';
import { readSource } from '../../../ingest/source';
import { loadDocument } from '../../../ingest/stages/load';
import type { Doc } from '../../../ingest/types';
import { count, repoRoot, resetDatabase, testConnection } from '../../support/db';

const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');

async function graphSize(connection: Connection) {
  return {
    nodes: await count(connection, 'MATCH (n) RETURN count(n)'),
    relationships: await count(connection, 'MATCH ()-[r]->() RETURN count(r)'),
  };
}

describe('load stage', () => {
  let connection: Connection;
  let seed: Doc;

  beforeAll(async () => {
    connection = await testConnection();
    seed = runStages(await readSource(SEED));
  });
  beforeEach(() => resetDatabase(connection));
  afterAll(() => connection.close());

  it('loads the seed as one document with its sections and 57 measures, each under its section', async () => {
    const result = await loadDocument(connection, seed);
    expect(result.outcome).toBe('created');
    expect(await count(connection, 'MATCH (d:Document) RETURN count(d)')).toBe(1);
    expect(await count(connection, 'MATCH (m:Measure) RETURN count(m)')).toBe(57);
    expect(await count(connection, 'MATCH (:Document)-[:HAS_SECTION]->(s:Section) RETURN count(s)')).toBe(8);
    expect(await count(connection, 'MATCH (:Section)-[:HAS_SECTION]->(s:Section) RETURN count(s)')).toBe(
      seed.sections.length - 8,
    );
    expect(await count(connection, 'MATCH (:Section)-[:HAS_MEASURE]->(m:Measure) RETURN count(m)')).toBe(57);
    // measure 12 sits in subsection （一）金融業合作 of section 三
    expect(
      await count(
        connection,
        `MATCH (:Document)-[:HAS_SECTION]->(:Section {number: '三'})-[:HAS_SECTION]->(:Section {title: '金融業合作'})
               -[:HAS_MEASURE]->(m:Measure {number: '12'}) RETURN count(m)`,
      ),
    ).toBe(1);
  });

  it('is idempotent: loading the same document again changes nothing', async () => {
    await loadDocument(connection, seed);
    const before = await graphSize(connection);
    const again = await loadDocument(connection, seed);
    expect(again.outcome).toBe('unchanged');
    expect(await graphSize(connection)).toEqual(before);
    const replaced = await loadDocument(connection, seed, { replace: true });
    expect(replaced.outcome).toBe('replaced');
    expect(await graphSize(connection)).toEqual(before);
  });

  it('replaces a changed document without touching another document', async () => {
    const other: Doc = {
      ...seed,
      meta: { ...seed.meta, key: 'other-doc' },
      source: { ...seed.source, sha256: 'b'.repeat(64) },
    };
    const rekey = (doc: Doc, key: string): Doc => ({
      ...doc,
      sections: doc.sections.map((s) => ({
        ...s,
        key: s.key.replace(seed.meta.key, key),
        parentKey: s.parentKey?.replace(seed.meta.key, key) ?? null,
      })),
      measures: doc.measures.map((m) => ({
        ...m,
        key: m.key.replace(seed.meta.key, key),
        sectionKey: m.sectionKey.replace(seed.meta.key, key),
      })),
    });
    await loadDocument(connection, seed);
    await loadDocument(connection, rekey(other, 'other-doc'));
    const changed: Doc = {
      ...seed,
      source: { ...seed.source, sha256: 'c'.repeat(64) },
      measures: seed.measures.slice(0, 10),
    };
    const result = await loadDocument(connection, changed);
    expect(result.outcome).toBe('replaced');
    expect(
      await count(connection, 'MATCH (m:Measure {document: $key}) RETURN count(m)', { key: seed.meta.key }),
    ).toBe(10);
    expect(await count(connection, "MATCH (m:Measure {document: 'other-doc'}) RETURN count(m)")).toBe(57);
  });

  it('leaves nothing of a document whose load fails part-way', async () => {
    const broken: Doc = {
      ...seed,
      // A map is not a valid property value: the measure batch fails after the document and sections were written.
      measures: seed.measures.map((m, i) =>
        i === 40 ? { ...m, text: { not: 'a string' } as unknown as string } : m,
      ),
    };
    await expect(loadDocument(connection, broken)).rejects.toThrow();
    expect(await graphSize(connection)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('ingestFiles skips a file whose content the graph already holds', async () => {
    const first = await ingestFiles(connection, [SEED]);
    expect(first.map((r) => r.outcome)).toEqual(['created']);
    const second = await ingestFiles(connection, [SEED]);
    expect(second.map((r) => r.outcome)).toEqual(['unchanged']);
  });
});
