/**
 * The graph in Neo4j holds exactly the structure of the export (`ingest --out`): for every document
 * of ours, loaded both ways, the same nodes with the same labels and the same relationships; and a
 * measure directly under its document (no sections) is found by every query, whatever its depth.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { exportGraph } from '../../ingest/export';
import { loadGazetteer } from '../../ingest/gazetteer/gazetteer';
import { runStages } from '../../ingest/pipeline';
import { readSource } from '../../ingest/source';
import { loadDocument } from '../../ingest/stages/load';
import { createApp } from '../../server/app';
import type { Connection } from '../../store/connection';
import { repoRoot, resetDatabase, testConnection } from '../../testkit/db';
import { GRAPH_NODE } from '../../store/schema';

const FOLDERS = ['seeds', 'tests/fixtures/documents', 'tests/fixtures/parse'];
const DOCUMENTS = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(repoRoot, folder))
    .filter((name) => /\.(txt|md)$/.test(name) && name !== 'no-measures.txt' && name !== 'README.md')
    .map((name) => path.join(folder, name)),
);
const NO_SECTIONS = 'tests/fixtures/parse/2023-hengqin-youth-points-no-sections.txt';

interface Shape {
  nodes: string[];
  relationships: string[];
}

async function shapeInNeo4j(connection: Connection): Promise<Shape> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const nodes = await session.run(
      `MATCH (n) WHERE ${GRAPH_NODE} RETURN n.key AS key, [l IN labels(n) WHERE l <> 'Entity'][0] AS label`,
    );
    const rels = await session.run('MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS type, b.key AS b');
    return {
      nodes: nodes.records.map((r) => `${r.get('label')} ${r.get('key')}`).sort(),
      relationships: rels.records.map((r) => `${r.get('a')} -${r.get('type')}-> ${r.get('b')}`).sort(),
    };
  } finally {
    await session.close();
  }
}

describe('Neo4j holds exactly the structure of the export', () => {
  let connection: Connection;
  const gazetteer = loadGazetteer();
  beforeAll(async () => {
    connection = await testConnection();
  });
  afterAll(() => connection.close());

  it('has documents of every layout to compare, one without sections among them', () => {
    expect(DOCUMENTS.length).toBeGreaterThanOrEqual(8);
    expect(DOCUMENTS).toContain(NO_SECTIONS);
  });

  it.each(DOCUMENTS)('%s: the same nodes and relationships both ways', async (file) => {
    await resetDatabase(connection);
    const doc = runStages(await readSource(path.join(repoRoot, file)), gazetteer);
    const exported = exportGraph([doc]);
    await loadDocument(connection, doc);
    const expected: Shape = {
      nodes: exported.nodes.map((n) => `${n.attributes!.label} ${n.key}`).sort(),
      relationships: exported.edges.map((e) => `${e.source} -${e.attributes!.type}-> ${e.target}`).sort(),
    };
    expect(await shapeInNeo4j(connection)).toEqual(expected);
  });

  describe('a document whose measures sit directly under it', () => {
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      await resetDatabase(connection);
      const doc = runStages(await readSource(path.join(repoRoot, NO_SECTIONS)), gazetteer);
      expect(doc.sections).toHaveLength(0);
      await loadDocument(connection, doc);
      // And the seed, whose measures sit in sections, beside it.
      await loadDocument(
        connection,
        runStages(await readSource(path.join(repoRoot, DOCUMENTS[0]!)), gazetteer),
      );
      app = createApp({ connection });
    });

    it('is found the same by the entity route and the measures-touching query', async () => {
      const entity = await request(app)
        .get(`/api/entities/${encodeURIComponent('港珠澳大桥')}`)
        .expect(200);
      const fromEntity = entity.body.measures.map(
        (m: { document: string; number: string }) => `${m.document} ${m.number}`,
      );
      expect(fromEntity.filter((m: string) => m.startsWith('2023'))).toEqual([
        '2023-hengqin-youth-points-no-sections 1',
        '2023-hengqin-youth-points-no-sections 4',
      ]);
      expect(fromEntity).toHaveLength(5);
      const touching = await request(app)
        .post('/api/queries/measures-touching')
        .send({ params: { name: '港珠澳大橋' } })
        .expect(200);
      const fromQuery = touching.body.rows.map(
        (r: { document: string; measure: string }) => `${r.document} ${r.measure}`,
      );
      expect(fromQuery.sort()).toEqual([...fromEntity].sort());
      const top = touching.body.rows.find((r: { document: string }) => r.document.startsWith('2023'));
      expect(top).toMatchObject({ sectionNumber: null, section: null });
    });

    it('appears in the outline, the overlaps and the entity profile', async () => {
      const outline = await request(app)
        .post('/api/queries/document-outline')
        .send({ params: { document: '2023-hengqin-youth-points-no-sections' } })
        .expect(200);
      expect(outline.body.rows).toHaveLength(1);
      expect(outline.body.rows[0]).toMatchObject({ level: 0, number: null, measureCount: 6 });
      const profile = await request(app)
        .post('/api/queries/entity-profile')
        .send({ params: { name: '港珠澳大桥' } })
        .expect(200);
      expect(profile.body.rows[0].measures).toHaveLength(5);
      const overlaps = await request(app)
        .post('/api/queries/overlaps')
        .send({ params: { by: 'document', minSides: 2 } })
        .expect(200);
      const bridge = overlaps.body.rows.find((r: { entity: string }) => r.entity === '港珠澳大橋');
      expect(bridge).toMatchObject({ sideCount: 2, measureCount: 5 });
      const measure = await request(app)
        .get(`/api/measures/${encodeURIComponent('2023-hengqin-youth-points-no-sections/m4')}`)
        .expect(200);
      expect(measure.body).toMatchObject({ number: '4', section: null, sections: [] });
    });
  });
});
