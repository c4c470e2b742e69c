/**
 * GET /api/measures/:key/lineage: the measure's chain through the years: its predecessors (what it
 * continues, and what those continue, …) and its successors (what continues it, …), each followed in
 * its own direction, so a merge's other half is shown where it joins and not followed further.
 * The measures of its own plan that say nearly the same thing (`SIMILAR_TO`) come with it.
 * GET /api/entities/:key/timeline: per year and document, the measures that touch an entity.
 */
import type {
  LineageLink,
  LineageResponse,
  MeasureRow,
  TimelineResponse,
  TimelineYear,
} from '../../model/api';
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { toProperties } from '../../store/values';
import { notFound } from '../http/errors';
import { entityRef } from '../measures/measures';
import { documentRef, measureRow, MEASURE_ROW } from '../measures/rows';

/** One step of the walk: the measures one CONTINUES away from the frontier, in one direction. */
const STEP = {
  older: `UNWIND $frontier AS key MATCH (a:Measure {key: key})-[c:CONTINUES]->(b:Measure)
          RETURN a.key AS newer, b.key AS older, b.key AS next, c.kind AS kind, c.similarity AS similarity`,
  newer: `UNWIND $frontier AS key MATCH (a:Measure {key: key})<-[c:CONTINUES]-(b:Measure)
          RETURN b.key AS newer, a.key AS older, b.key AS next, c.kind AS kind, c.similarity AS similarity`,
};

/** Steps at most in each direction: more plans in one series than anyone keeps. */
const MAX_STEPS = 100;

export async function lineage(connection: Connection, key: string): Promise<LineageResponse> {
  const [exists] = await readRecords(connection, 'MATCH (m:Measure {key: $key}) RETURN m.key', { key });
  if (!exists) throw notFound('measure', key);
  const members = new Set([key]);
  const links = new Map<string, LineageLink>();
  for (const direction of ['older', 'newer'] as const) {
    let frontier = [key];
    for (let step = 0; frontier.length && step < MAX_STEPS; step++) {
      const records = await readRecords(connection, STEP[direction], { frontier });
      const next: string[] = [];
      for (const r of records) {
        const link: LineageLink = {
          from: String(r.get('newer')),
          to: String(r.get('older')),
          kind: r.get('kind') as LineageLink['kind'],
          similarity: Number(r.get('similarity')),
        };
        links.set(`${link.from}\u0000${link.to}`, link);
        const reached = String(r.get('next'));
        if (!members.has(reached)) {
          members.add(reached);
          next.push(reached);
        }
      }
      frontier = next;
    }
  }
  const rows = await readRecords(
    connection,
    `UNWIND $keys AS key MATCH (m:Measure {key: key}) MATCH (d:Document {key: m.document})
     RETURN ${MEASURE_ROW} AS row ORDER BY d.year, d.key, m.ordinal`,
    { keys: [...members] },
  );
  const similar = await readRecords(
    connection,
    `MATCH (:Measure {key: $key})-[twin:SIMILAR_TO]-(m:Measure)
     RETURN ${MEASURE_ROW} AS row, twin.similarity AS similarity ORDER BY similarity DESC, m.ordinal`,
    { key },
  );
  return {
    measure: key,
    similar: similar.map((r) => ({ ...measureRow(r.get('row')), similarity: Number(r.get('similarity')) })),
    measures: rows.map((r) => measureRow(r.get('row'))),
    links: [...links.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}

const TIMELINE_CYPHER = `
MATCH (e:Entity {key: $key})
RETURN e {.key, .name, .nameEn, labels: labels(e)} AS entity,
  COLLECT {
    MATCH (e)<-[:MENTIONS|ASSIGNED_TO]-(m:Measure)
    WITH DISTINCT m MATCH (d:Document {key: m.document})
    WITH m, d ORDER BY d.year, d.key, m.ordinal LIMIT $limit
    RETURN ${MEASURE_ROW}
  } AS rows,
  COLLECT {
    MATCH (e)<-[:MENTIONS|ASSIGNED_TO]-(m:Measure)
    WITH DISTINCT m MATCH (d:Document {key: m.document})
    WITH d, count(m) AS measures
    RETURN {document: d {.key, .title, .year, .region}, count: measures}
  } AS counts`;

export async function timeline(
  connection: Connection,
  key: string,
  limit: number,
): Promise<TimelineResponse> {
  const [record] = await readRecords(connection, TIMELINE_CYPHER, { key, limit });
  if (!record) throw notFound('entity', key);
  const years = new Map<number | null, TimelineYear>();
  const entries = new Map<string, TimelineYear['documents'][number]>();
  // Every document that touches the entity counts, also beyond the rows `limit` lets through.
  for (const value of record.get('counts') as unknown[]) {
    const c = toProperties(value);
    const document = documentRef(c.document);
    const year = years.get(document.year) ?? { year: document.year, documents: [], count: 0 };
    const entry = { document, measures: [] as MeasureRow[] };
    year.documents.push(entry);
    year.count += Number(c.count);
    entries.set(document.key, entry);
    years.set(document.year, year);
  }
  for (const row of (record.get('rows') as unknown[]).map(measureRow))
    entries.get(row.document.key)?.measures.push(row);
  for (const year of years.values())
    year.documents.sort((a, b) => a.document.key.localeCompare(b.document.key));
  return {
    entity: entityRef(record.get('entity')),
    // Undated plans last.
    years: [...years.values()].sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity)),
  };
}
