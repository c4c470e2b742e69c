/**
 * The lineage named queries (cypher/measure-lineage, new-measures, dropped-measures, entity-timeline)
 * through the read-only runner, as the console and the API run them, against the annotated series.
 */
import { ingestFiles } from '../../ingest';
import { lineageGold } from '../../ingest/lineage/eval';
import { runReadOnly, type Json } from '../../server/console/runner';
import { coerceParams, loadQueries } from '../../server/queries/registry';
import type { Connection } from '../../store/connection';
import { count, resetDatabase, testConnection } from '../../testkit/db';
import { LINEAGE_FILES } from '../../testkit/lineage';
import { SEED_KEY } from '../../testkit/seeded-app';

type Row = Record<string, Json>;
const Y2021 = '2021-guangdong-hong-kong-key-work-continued';

describe('lineage named queries', () => {
  let connection: Connection;
  const queries = loadQueries();
  const rows = async (name: string, params: Record<string, unknown>): Promise<Row[]> => {
    const query = queries.get(name)!;
    return (await runReadOnly(connection, query.cypher, coerceParams(query, params), { timeoutMs: 30_000 }))
      .rows as Row[];
  };
  const gold = lineageGold().find((g) => g.document.includes(Y2021))!.comparisons[0]!;

  beforeAll(async () => {
    connection = await testConnection();
    await resetDatabase(connection);
    await ingestFiles(connection, LINEAGE_FILES);
  });
  afterAll(() => connection.close());

  it('new-measures lists exactly the annotated new measures of a plan', async () => {
    const found = await rows('new-measures', { document: Y2021 });
    expect(found.map((r) => r.reference).sort()).toEqual([...gold.new].sort());
    expect(await rows('new-measures', { document: SEED_KEY })).toEqual([]);
  });

  it('dropped-measures lists exactly the annotated dropped measures, with the year they went', async () => {
    const found = await rows('dropped-measures', { document: SEED_KEY });
    expect(found.map((r) => r.reference).sort()).toEqual([...gold.dropped].sort());
    expect(found.every((r) => r.droppedIn === 2021)).toBe(true);
  });

  it('measure-lineage follows a kept measure back and forward', async () => {
    const kept = gold.pairs.find((p) => p.kind === 'same')!;
    const [key] = (await rows('document-outline', { document: Y2021 })).length
      ? [`${Y2021}/m${kept.measure.split('、').pop()}`]
      : [];
    expect(
      await count(connection, 'MATCH (m:Measure {key: $key, reference: $ref}) RETURN count(m)', {
        key,
        ref: kept.measure,
      }),
    ).toBe(1);
    const found = await rows('measure-lineage', { measure: key });
    const self = found.find((r) => r.relation === 'self')!;
    expect(self).toMatchObject({ year: 2021, reference: kept.measure });
    expect(self.continues).toContainEqual(
      expect.objectContaining({ reference: kept.continues, year: 2020, kind: 'same' }),
    );
    expect(found.some((r) => r.relation === 'predecessor' && r.year === 2020)).toBe(true);
    for (const row of found)
      for (const c of row.continues as { year: number }[]) expect(c.year).toBeLessThan(Number(row.year));
  });

  it('entity-timeline counts every measure touching the entity, year by year', async () => {
    const found = await rows('entity-timeline', { name: 'Hong Kong-Zhuhai-Macao Bridge' });
    const years = found.map((r) => r.year);
    expect(years).toEqual(expect.arrayContaining([2020, 2021, 2022]));
    expect(found.reduce((n, r) => n + Number(r.measures), 0)).toBe(
      await count(
        connection,
        `MATCH (:Entity {key: '港珠澳大桥'})<-[:MENTIONS|ASSIGNED_TO]-(m:Measure) RETURN count(DISTINCT m)`,
      ),
    );
  });
});
