/**
 * A series' lineage at corpus scale: its candidates come from its own plans, however many plans
 * outside every series say the same thing. Here 60 city plans copy the newer series plan's measure
 * word for word, so that over the whole corpus the measure's best 50 full-text hits are those copies
 * (and itself), and the older series plan's measure, which says the same and a clause more, comes
 * after them. The two share no entity, so only the text can find the pair. Real Neo4j, real ingest.
 */
import type { Connection } from '../../store/connection';
import { ingestFiles, relinkStale, type Upload } from '../../ingest';
import { resetDatabase, testConnection } from '../../testkit/db';

/** The measure the newer plan keeps; the older one says it with a clause more. */
const KEPT = '完善跨境數據流動安全評估機制，建立數據出境白名單制度，推動數據標準互認和規則銜接。';
const OLDER = `${KEPT}研究設立數據交易場所並制定配套管理辦法。`;
/** Plans outside every series (no partner region in the title) that copy the kept measure. */
const COPIES = 60;

const upload = (name: string, lines: string[]): Upload => ({
  name,
  bytes: new TextEncoder().encode(lines.join('\n')),
});

const seriesPlan = (year: number, measure: string, other: string): Upload =>
  upload(`${year}-guangdong-hong-kong-crowding.md`, [
    `# 實施《粵港合作框架協議》${year} 年重點工作`,
    '',
    '## 一、數據合作',
    '',
    `1. ${measure}`,
    `2. ${other}`,
  ]);

const cityPlan = (i: number): Upload =>
  upload(`2031-city-copy-${String(i).padStart(2, '0')}.md`, [
    `# 某市2031年數字經濟發展工作要點（之${i + 1}）`,
    '',
    '## 一、數據要素',
    '',
    `1. ${KEPT}`,
    `2. 開展第${i + 1}批企業數據管理能力成熟度評估，培育數據服務機構。`,
  ]);

async function read<T>(connection: Connection, cypher: string, params = {}): Promise<T[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.run(cypher, params);
    return result.records.map((r) => r.toObject() as T);
  } finally {
    await session.close();
  }
}

/** The CONTINUES edges between the two series plans, by the measures' texts. */
const SERIES_EDGES = `
MATCH (a:Measure)-[c:CONTINUES]->(b:Measure)
RETURN a.text AS newer, b.text AS older, c.kind AS kind ORDER BY newer, older`;

describe('a series among many plans that copy it', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, [
      ...Array.from({ length: COPIES }, (_, i) => cityPlan(i)),
      seriesPlan(2030, OLDER, '舉辦兩地青年創新創業交流活動，支持青年參與社區服務。'),
      seriesPlan(2031, KEPT, '舉辦兩地青年創新創業交流活動，支持青年參與社區服務和志願工作。'),
    ]);
  });
  afterAll(() => connection.close());

  it('loads the copies outside every series, and a pair that only the text can find', async () => {
    const [plans] = await read<{ series: number; outside: number; copies: number }>(
      connection,
      `CALL () { MATCH (d:Document) WHERE d.region = 'hong-kong' AND d.year IS NOT NULL RETURN count(d) AS series }
       CALL () { MATCH (d:Document) WHERE d.region IS NULL RETURN count(d) AS outside }
       CALL () {
         MATCH (m:Measure {text: $kept}) MATCH (d:Document {key: m.document}) WHERE d.region IS NULL
         RETURN count(m) AS copies
       }
       RETURN series, outside, copies`,
      { kept: KEPT },
    );
    expect(plans).toEqual({ series: 2, outside: COPIES, copies: COPIES });
    const [shared] = await read<{ entities: number }>(
      connection,
      `MATCH (a:Measure {text: $older}), (b:Measure {text: $kept})
       WHERE b.document <> a.document AND EXISTS { MATCH (d:Document {key: b.document}) WHERE d.region IS NOT NULL }
       RETURN COUNT { MATCH (a)-[:MENTIONS]->(e:Entity)<-[:MENTIONS]-(b) } AS entities`,
      { older: OLDER, kept: KEPT },
    );
    expect(shared!.entities).toBe(0);
  });

  it('finds the continuation between the series plans', async () => {
    const edges = await read<{ newer: string; older: string; kind: string }>(connection, SERIES_EDGES);
    expect(edges).toContainEqual({ newer: KEPT, older: OLDER, kind: 'revised' });
  });

  it('finds it again when the newer plan is relinked alone (reading its series itself)', async () => {
    const before = await read(connection, SERIES_EDGES);
    await read(
      connection,
      `MATCH (d:Document {source: '2031-guangdong-hong-kong-crowding.md'}) REMOVE d.lineage
       WITH d MATCH (m:Measure {document: d.key})-[r:CONTINUES]-() DELETE r`,
    );
    expect(await read(connection, SERIES_EDGES)).toEqual([]);
    expect(await relinkStale(connection)).toHaveLength(1);
    const after = await read(connection, SERIES_EDGES);
    expect(after).toContainEqual({ newer: KEPT, older: OLDER, kind: 'revised' });
    expect(after).toEqual(before);
  });

  it('relinks at start the series plans an older version linked, not the plans outside every series', async () => {
    const before = await read(connection, SERIES_EDGES);
    await read(
      connection,
      `MATCH (d:Document) SET d.lineage = 1
       WITH d WHERE d.region IS NOT NULL MATCH (m:Measure {document: d.key})-[r:CONTINUES]-() DELETE r`,
    );
    const relinked = await relinkStale(connection);
    expect(relinked.sort()).toEqual(
      (
        await read<{ key: string }>(
          connection,
          'MATCH (d:Document) WHERE d.region IS NOT NULL RETURN d.key AS key',
        )
      )
        .map((r) => r.key)
        .sort(),
    );
    expect(relinked).toHaveLength(2);
    expect(await read(connection, SERIES_EDGES)).toEqual(before);
    expect(await relinkStale(connection)).toEqual([]);
  });
});
