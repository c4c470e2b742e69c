/**
 * GET /api/measures/:key: one measure with its document, its section path, the entities it
 * mentions (with the spans that highlight them in `text`) and the units responsible for it.
 */
import type { Connection } from '../../store/connection';
import { notFound } from '../http/errors';
import { mainLabel } from '../../model/graph';
import { readRecords } from '../../store/read';
import { toProperties, type Json } from '../../store/values';
import { spanPairs } from '../../model/spans';
import { measureReference } from '../../model/names';
import type { EntityRef, MeasureDetail, SectionRef } from '../../model/api';

export const MEASURE_CYPHER = `
MATCH (m:Measure {key: $key})
OPTIONAL MATCH (d:Document {key: m.document})
OPTIONAL MATCH path = (d)-[:HAS_SECTION]->+(:Section)-[:HAS_MEASURE]->(m)
RETURN properties(m) AS measure,
  d {.key, .title, .year, .date, .script} AS document,
  // A measure directly under its document has no path through sections.
  coalesce([s IN nodes(path)[1..-1] | s {.key, .number, .reference, .title, .level}], []) AS sections,
  COLLECT {
    MATCH (m)-[r:MENTIONS]->(e:Entity)
    RETURN {key: e.key, labels: labels(e), name: e.name, nameEn: e.nameEn, spans: r.spans, surface: r.surface}
  } AS mentions,
  COLLECT {
    MATCH (m)-[r:ASSIGNED_TO]->(e:Entity) WITH e, r ORDER BY r.lead DESC, e.key
    RETURN {key: e.key, labels: labels(e), name: e.name, nameEn: e.nameEn, lead: r.lead}
  } AS units,
  COLLECT { MATCH (p:Measure {document: m.document}) WHERE p.ordinal = m.ordinal - 1 RETURN p.key }[0] AS previous,
  COLLECT { MATCH (p:Measure {document: m.document}) WHERE p.ordinal = m.ordinal + 1 RETURN p.key }[0] AS next`;

/** An entity as the routes name it, from a map with its key, labels, name and English name. */
export function entityRef(value: unknown): EntityRef {
  const e = toProperties(value);
  return {
    key: String(e.key),
    label: mainLabel(Array.isArray(e.labels) ? e.labels.map(String) : []),
    name: String(e.name ?? e.key),
    nameEn: typeof e.nameEn === 'string' ? e.nameEn : null,
  };
}

export async function measure(connection: Connection, key: string): Promise<MeasureDetail> {
  const [record] = await readRecords(connection, MEASURE_CYPHER, { key });
  if (!record) throw notFound('measure', key);
  const m = toProperties(record.get('measure'));
  const sections = (record.get('sections') as unknown[]).map((value): SectionRef => {
    const s = toProperties(value);
    return {
      key: String(s.key),
      number: String(s.number ?? ''),
      reference: String(s.reference ?? s.number ?? ''),
      title: String(s.title ?? ''),
      level: Number(s.level ?? 1),
    };
  });
  const mentions = (record.get('mentions') as unknown[])
    .map((value) => {
      const p = toProperties(value);
      return {
        ...entityRef(p),
        spans: spanPairs(p.spans),
        surface: ((p.surface as Json[] | null) ?? []).map(String),
      };
    })
    .sort(
      (a, b) => (a.spans[0]?.[0] ?? Infinity) - (b.spans[0]?.[0] ?? Infinity) || (a.key < b.key ? -1 : 1),
    );
  const document = toProperties(record.get('document'));
  return {
    key: String(m.key),
    number: String(m.number),
    reference: measureReference(m),
    leaders: ((m.leaders as Json[] | null) ?? []).map(String),
    ordinal: Number(m.ordinal),
    text: String(m.text ?? ''),
    textAlt: (m.textAlt as string | null) ?? null,
    span: (m.span as number[] | null) ?? [],
    actions: ((m.actions as Json[] | null) ?? []).map(String),
    document: {
      key: String(document.key ?? m.document),
      title: String(document.title ?? ''),
      year: (document.year as number | null) ?? null,
      date: (document.date as string | null) ?? null,
      script: (document.script as string | null) ?? null,
    },
    section: sections.at(-1) ?? null,
    sections,
    mentions,
    units: (record.get('units') as unknown[]).map((value) => {
      const p = toProperties(value);
      return { ...entityRef(p), lead: Boolean(p.lead) };
    }),
    previous: (record.get('previous') as string | null) ?? null,
    next: (record.get('next') as string | null) ?? null,
  };
}
