/**
 * GET /api/compare?from=KEY&to=KEY: two plans side by side. For two plans of one series the pairs are
 * the lineage stored at ingest (`CONTINUES`); for any other two (another series, the same year) they
 * are aligned for the request by the same matcher, so every two plans can be compared.
 * `added` are measures of `to` that continue nothing of `from`, `dropped` the reverse; entities and
 * units gained and lost, and the units that took over work in paired measures, summarise the change.
 */
import type { ComparePair, CompareResponse, EntityChange, EntityRef, MeasureRow } from '../../model/api';
import { alignmentBlocks, type AlignmentBlock } from '../../model/spans';
import type { Connection } from '../../store/connection';
import { readRecords } from '../../store/read';
import { toProperties } from '../../store/values';
import { alignPlans } from '../../ingest';
import { notFound } from '../http/errors';
import { entityRef } from '../measures/measures';
import { documentRef, measureRow, MEASURE_ROW } from '../measures/rows';

const COMPARE_CYPHER = `
MATCH (f:Document {key: $from}), (t:Document {key: $to})
RETURN f {.key, .title, .year, .region} AS from, t {.key, .title, .year, .region} AS to,
  f.region IS NOT NULL AND f.region = t.region AND f.year IS NOT NULL AND t.year IS NOT NULL
    AND f.year <> t.year AS stored,
  COLLECT { MATCH (m:Measure {document: $from}) RETURN ${MEASURE_ROW} ORDER BY m.ordinal } AS fromRows,
  COLLECT { MATCH (m:Measure {document: $to}) RETURN ${MEASURE_ROW} ORDER BY m.ordinal } AS toRows,
  COLLECT {
    MATCH (a:Measure {document: $from})-[c:CONTINUES]-(b:Measure {document: $to})
    RETURN {from: a.key, to: b.key, kind: c.kind, similarity: c.similarity, alignment: c.alignment,
            fromIsNewer: startNode(c) = a}
  } AS links,
  COLLECT {
    MATCH (m:Measure)-[r:MENTIONS|ASSIGNED_TO]->(e:Entity) WHERE m.document IN [$from, $to]
    RETURN {measure: m.key, document: m.document, unit: type(r) = 'ASSIGNED_TO',
            entity: e {.key, .name, .nameEn, labels: labels(e)}}
  } AS touches`;

/** What the pairs are made of before they meet the rows. */
interface Link {
  from: string;
  to: string;
  kind: ComparePair['kind'];
  similarity: number;
  /** [from start, from end, to start, to end]. */
  alignment: AlignmentBlock[];
}

interface Touch {
  measure: string;
  document: string;
  unit: boolean;
  entity: EntityRef;
}

/** Entities (or units) in one plan and not the other, with how many measures of each touch them. */
function changes(touches: Touch[], from: string): { gained: EntityChange[]; lost: EntityChange[] } {
  const counts = new Map<string, EntityChange>();
  const seen = new Set<string>();
  for (const touch of touches) {
    const id = `${touch.measure}\u0000${touch.entity.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const change = counts.get(touch.entity.key) ?? { ...touch.entity, from: 0, to: 0 };
    if (touch.document === from) change.from++;
    else change.to++;
    counts.set(touch.entity.key, change);
  }
  const all = [...counts.values()].sort(
    (a, b) => b.from + b.to - (a.from + a.to) || a.key.localeCompare(b.key),
  );
  return { gained: all.filter((c) => c.from === 0), lost: all.filter((c) => c.to === 0) };
}

/** In each pair: a unit of the older measure no longer named, and one named instead. */
function handovers(pairs: Link[], units: Map<string, EntityRef[]>): CompareResponse['units']['handovers'] {
  const counts = new Map<string, { from: EntityRef; to: EntityRef; measures: number }>();
  for (const pair of pairs) {
    const before = units.get(pair.from) ?? [];
    const after = units.get(pair.to) ?? [];
    const gone = before.filter((u) => !after.some((a) => a.key === u.key));
    const came = after.filter((u) => !before.some((b) => b.key === u.key));
    for (const from of gone)
      for (const to of came) {
        const id = `${from.key}\u0000${to.key}`;
        const entry = counts.get(id) ?? { from, to, measures: 0 };
        entry.measures++;
        counts.set(id, entry);
      }
  }
  return [...counts.values()].sort((a, b) => b.measures - a.measures || a.from.key.localeCompare(b.from.key));
}

export async function compare(connection: Connection, from: string, to: string): Promise<CompareResponse> {
  const [record] = await readRecords(connection, COMPARE_CYPHER, { from, to });
  if (!record) {
    const [found] = await readRecords(connection, 'MATCH (d:Document {key: $from}) RETURN d.key', { from });
    throw notFound('document', found ? to : from);
  }
  const fromRows = (record.get('fromRows') as unknown[]).map(measureRow);
  const toRows = (record.get('toRows') as unknown[]).map(measureRow);
  const stored = record.get('stored') === true;
  const links: Link[] = stored
    ? (record.get('links') as unknown[]).map((value) => {
        const l = toProperties(value);
        const blocks = alignmentBlocks(l.alignment);
        return {
          from: String(l.from),
          to: String(l.to),
          kind: l.kind as Link['kind'],
          similarity: Number(l.similarity),
          // Stored newer-first; here `from` first.
          alignment: l.fromIsNewer ? blocks : blocks.map(([a, b, c, d]): AlignmentBlock => [c, d, a, b]),
        };
      })
    : computed(fromRows, toRows, documentRef(record.get('from')).year, documentRef(record.get('to')).year);
  const byKey = new Map([...fromRows, ...toRows].map((row) => [row.key, row]));
  const paired = new Set(links.flatMap((l) => [l.from, l.to]));
  const touches = (record.get('touches') as unknown[]).map((value) => {
    const t = toProperties(value);
    return {
      measure: String(t.measure),
      document: String(t.document),
      unit: t.unit === true,
      entity: entityRef(t.entity),
    };
  });
  const units = new Map<string, EntityRef[]>();
  for (const touch of touches.filter((t) => t.unit))
    units.set(touch.measure, [...(units.get(touch.measure) ?? []), touch.entity]);
  const sorted = links.sort(
    (a, b) =>
      (byKey.get(a.to)?.ordinal ?? 0) - (byKey.get(b.to)?.ordinal ?? 0) || a.from.localeCompare(b.from),
  );
  return {
    from: documentRef(record.get('from')),
    to: documentRef(record.get('to')),
    source: stored ? 'stored' : 'computed',
    pairs: sorted.map((l) => ({
      from: byKey.get(l.from)!,
      to: byKey.get(l.to)!,
      kind: l.kind,
      similarity: l.similarity,
      alignment: l.alignment,
    })),
    added: toRows.filter((row) => !paired.has(row.key)),
    dropped: fromRows.filter((row) => !paired.has(row.key)),
    entities: changes(
      touches.filter((t) => !t.unit),
      from,
    ),
    units: {
      ...changes(
        touches.filter((t) => t.unit),
        from,
      ),
      handovers: handovers(sorted, units),
    },
  };
}

/** Two plans outside one series: aligned now, the older as the predecessor (`from` when years tie). */
function computed(
  fromRows: MeasureRow[],
  toRows: MeasureRow[],
  fromYear: number | null,
  toYear: number | null,
): Link[] {
  const fromIsNewer = fromYear !== null && toYear !== null && fromYear > toYear;
  const [newer, older] = fromIsNewer ? [fromRows, toRows] : [toRows, fromRows];
  return alignPlans(newer, older).map((c) => ({
    from: fromIsNewer ? c.from : c.to,
    to: fromIsNewer ? c.to : c.from,
    kind: c.kind,
    similarity: c.similarity,
    alignment: fromIsNewer ? c.alignment : c.alignment.map(([a, b, c2, d]): AlignmentBlock => [c2, d, a, b]),
  }));
}
