import path from 'node:path';
import type { Connection } from '../../../store/connection';
import { ingestFiles } from '../../../ingest/ingest';
import { runStages } from '../../../ingest/pipeline';
import { readSource } from '../../../ingest/source';
import { loadDocument } from '../../../ingest/stages/load';
import type { Doc } from '../../../ingest/types';
import { count, graphSize, repoRoot, resetDatabase, testConnection } from '../../../testkit/db';

const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');

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

  it('links the bridge from measures 2, 16 and 51 only, with mention spans into the measure text', async () => {
    await loadDocument(connection, seed);
    const session = connection.driver.session({ database: connection.database });
    try {
      const result = await session.run(
        `MATCH (m:Measure)-[r:MENTIONS]->(e:Infrastructure:Entity) WHERE '港珠澳大桥' IN e.aliases AND '港珠澳大橋' IN e.aliases
         RETURN m.number AS number, m.text AS text, r.spans AS spans ORDER BY m.ordinal`,
      );
      expect(result.records.map((r) => r.get('number'))).toEqual(['2', '16', '51']);
      for (const record of result.records) {
        const spans = record.get('spans') as number[];
        expect(spans.length % 2).toBe(0);
        expect((record.get('text') as string).slice(spans[0], spans[1])).toBe('港珠澳大橋');
      }
    } finally {
      await session.close();
    }
    expect(
      await count(
        connection,
        "MATCH (:Document)-[:IMPLEMENTS]->(p:Policy {name: '粵港合作框架協議'}) RETURN count(p)",
      ),
    ).toBe(1);
    expect(await count(connection, 'MATCH (:Document)-[:SIGNED_BY]->(i:Institution) RETURN count(i)')).toBe(
      2,
    );
    expect(
      await count(
        connection,
        "MATCH (:City {name: '東莞'})-[:PART_OF]->(g:City {name: '珠三角九市'}) RETURN count(g)",
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
    // entities only the dropped measures mentioned are gone; shared ones stay, still mentioned by the other document
    expect(await count(connection, 'MATCH (e:Entity) WHERE NOT (e)<--() RETURN count(e)')).toBe(0);
    expect(
      await count(
        connection,
        "MATCH (:Measure {document: 'other-doc'})-[:MENTIONS]->(e:Entity {key: '港珠澳大桥'}) RETURN count(e)",
      ),
    ).toBe(3);
    expect(
      await count(
        connection,
        "MATCH (:Measure {document: $key})-[:MENTIONS]->(e:Entity {key: '港珠澳大桥'}) RETURN count(e)",
        { key: seed.meta.key },
      ),
    ).toBe(1);
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
