/**
 * /api/graph on a corpus (server/graph/overview.ts) against the real Neo4j: above the whole-graph
 * limit (lowered here with GRAPH_OVERVIEW_FROM so a small generated corpus is "large"), the graph is
 * sent as an overview that fits a screen, with totals, placed by a layout computed once per version
 * and kept on disk; a document's graph is still sent whole and laid out by itself; `full=true` sends
 * everything.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { ingestFiles } from '../../../ingest';
import { createApp } from '../../../server/app';
import {
  OVERVIEW_DOCUMENTS,
  OVERVIEW_EDGES_PER_DOCUMENT,
  OVERVIEW_ENTITIES,
} from '../../../server/graph/overview';
import type { Connection } from '../../../store/connection';
import { CACHE_DIR } from '../../../store/repo';
import { generateCorpus } from '../../../testkit/corpus';
import { count, resetDatabase, testConnection } from '../../../testkit/db';

interface Node {
  key: string;
  attributes: { label: string; x: number; y: number; measures: number };
}
interface Edge {
  source: string;
  target: string;
  attributes: { type: string; measures?: number; folded?: boolean };
}

describe('GET /api/graph on a corpus: the overview', () => {
  let connection: Connection;
  let app: Express;
  let dir: string;
  const previous = process.env.GRAPH_OVERVIEW_FROM;

  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    dir = await mkdtemp(path.join(tmpdir(), 'overview-'));
    const files: string[] = [];
    for (const doc of generateCorpus({ documents: 150, seed: 11 })) {
      files.push(path.join(dir, doc.name));
      await writeFile(files.at(-1)!, doc.text);
    }
    await ingestFiles(connection, files);
    process.env.GRAPH_OVERVIEW_FROM = '1000';
    app = createApp({ connection });
  }, 300_000);
  afterAll(async () => {
    if (previous === undefined) delete process.env.GRAPH_OVERVIEW_FROM;
    else process.env.GRAPH_OVERVIEW_FROM = previous;
    await connection.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the most-touched entities and the largest documents, measures folded into weighted edges, with totals', async () => {
    const res = await request(app).get('/api/graph');
    expect(res.body.error).toBeUndefined();
    const nodes = res.body.nodes as Node[];
    const edges = res.body.edges as Edge[];
    const entities = await count(connection, 'MATCH (e:Entity) RETURN count(e)');
    expect(entities).toBeGreaterThan(OVERVIEW_ENTITIES);
    const shownEntities = nodes.filter((n) => n.attributes.label !== 'Document');
    expect(shownEntities).toHaveLength(OVERVIEW_ENTITIES);
    expect(nodes.filter((n) => n.attributes.label === 'Document')).toHaveLength(
      Math.min(OVERVIEW_DOCUMENTS, 150),
    );
    expect(res.body.attributes.overview).toMatchObject({
      entities: OVERVIEW_ENTITIES,
      totalEntities: entities,
      totalDocuments: 150,
      // The policy graph's nodes: the migrations' records (and any kept originals) are not counted.
      totalNodes: await count(
        connection,
        'MATCH (n) WHERE n:Document OR n:Section OR n:Measure OR n:Entity RETURN count(n)',
      ),
    });
    // The entities shown are those most measures touch: none left out touches more than the least shown.
    const least = Math.min(...shownEntities.map((n) => n.attributes.measures));
    const shown = shownEntities.map((n) => n.key);
    expect(
      await count(
        connection,
        `MATCH (e:Entity) WHERE NOT e.key IN $shown
         WITH e, COUNT { MATCH (e)<-[:MENTIONS|ASSIGNED_TO]-(m:Measure) RETURN DISTINCT m } AS measures
         WHERE measures > $least RETURN count(e)`,
        { shown, least },
      ),
    ).toBe(0);
    // A folded edge weighs what it folds: the document's measures touching the entity.
    const folded = edges.find((e) => e.attributes.folded)!;
    expect(folded.attributes.type).toBe('MENTIONS');
    expect(folded.attributes.measures).toBe(
      await count(
        connection,
        `MATCH (m:Measure {document: $document})-[:MENTIONS|ASSIGNED_TO]->(:Entity {key: $entity})
         RETURN count(DISTINCT m)`,
        { document: folded.source, entity: folded.target },
      ),
    );
    // A plan's folded edges go to the entities it touches most, no more than the cap, and none
    // left out weighs more than the lightest kept.
    const perDocument = new Map<string, Edge[]>();
    for (const e of edges.filter((e) => e.attributes.folded))
      perDocument.set(e.source, [...(perDocument.get(e.source) ?? []), e]);
    const widest = [...perDocument].sort(([, a], [, b]) => b.length - a.length)[0]!;
    expect(widest[1]).toHaveLength(OVERVIEW_EDGES_PER_DOCUMENT);
    const lightest = Math.min(...widest[1].map((e) => e.attributes.measures as number));
    expect(
      await count(
        connection,
        `MATCH (m:Measure {document: $document})-[:MENTIONS|ASSIGNED_TO]->(e:Entity)
         WHERE e.key IN $shown AND NOT e.key IN $kept
         WITH e, count(DISTINCT m) AS measures WHERE measures > $lightest RETURN count(e)`,
        { document: widest[0], shown, kept: widest[1].map((e) => e.target), lightest },
      ),
    ).toBe(0);
    // Placed: not every node at its start point, and the same places the second time.
    expect(new Set(nodes.map((n) => `${n.attributes.x},${n.attributes.y}`)).size).toBe(nodes.length);
    const again = await request(app).get('/api/graph').set('Cache-Control', 'no-cache').expect(200);
    expect(again.body.nodes).toEqual(nodes);
  });

  it('keeps the overview on disk, so a restarted server does not compute it again', async () => {
    const res = await request(app).get('/api/graph').expect(200);
    const version = res.headers['x-graph-version'] as string;
    // The file holding this version's overview; marked, so that serving it again shows where it came from.
    let marked = false;
    for (const name of await readdir(CACHE_DIR)) {
      if (!name.startsWith('overview-')) continue;
      const file = path.join(CACHE_DIR, name);
      const cached = JSON.parse(await readFile(file, 'utf8'));
      if (cached.version !== version) continue;
      cached.graph.attributes.marked = true;
      await writeFile(file, JSON.stringify(cached));
      marked = true;
    }
    expect(marked).toBe(true);
    // A new server (a new connection: nothing in memory) answers from the file.
    const restarted = await testConnection();
    try {
      const again = await request(createApp({ connection: restarted }))
        .get('/api/graph')
        .expect(200);
      expect(again.headers['x-graph-version']).toBe(version);
      expect(again.body.attributes.marked).toBe(true);
      expect(again.body.nodes).toEqual(res.body.nodes);
    } finally {
      await restarted.close();
    }
  });

  it('filters the overview by type', async () => {
    const res = await request(app).get('/api/graph').query({ types: 'Document' }).expect(200);
    expect((res.body.nodes as Node[]).every((n) => n.attributes.label === 'Document')).toBe(true);
    expect(res.body.edges).toEqual([]);
  });

  it("still sends a document's graph whole, laid out by itself, and everything with full=true", async () => {
    const [document] = (await request(app).get('/api/documents').query({ limit: 1 }).expect(200)).body
      .documents;
    const res = await request(app).get('/api/graph').query({ document: document.key }).expect(200);
    const measures = (res.body.nodes as Node[]).filter((n) => n.attributes.label === 'Measure');
    expect(measures).toHaveLength(document.counts.measures);
    const places = new Set((res.body.nodes as Node[]).map((n) => `${n.attributes.x},${n.attributes.y}`));
    expect(places.size).toBe(res.body.nodes.length);
    const full = await request(app).get('/api/graph').query({ full: 'true', types: 'Document' }).expect(200);
    expect(full.body.nodes).toHaveLength(150);
    await request(app).get('/api/graph').query({ full: 'yes' }).expect(400);
  });
});
