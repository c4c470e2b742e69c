/**
 * A measure as the lists across plans show it (`MeasureRow`, model/api.ts): the table
 * (GET /api/measures), the comparison, the lineage and the entity timeline read it the same way.
 */
import type { DocumentRef, LineageStatus, MeasureRow } from '../../model/api';
import { LINEAGE_KINDS } from '../../model/api';
import { measureReference, sectionLabel } from '../../model/names';
import { toProperties, type Json } from '../../store/values';

/**
 * The row of the measure `m` in scope, as one map. Its subqueries name their variables `row…`, so that
 * no enclosing query's variable is shadowed (Cypher refuses that).
 */
export const MEASURE_ROW = `m {
  .key, .reference, .number, .ordinal, .text, .textAlt, .actions, .lineage, .dropped,
  document: COLLECT { MATCH (rowDocument:Document {key: m.document}) RETURN rowDocument {.key, .title, .year, .region, .script} }[0],
  sections: COLLECT {
    MATCH rowPath = (:Document)-[:HAS_SECTION]->+(:Section)-[:HAS_MEASURE]->(m)
    UNWIND nodes(rowPath)[1..-1] AS rowSection RETURN rowSection {.number, .level, .title}
  },
  entities: COLLECT { MATCH (m)-[:MENTIONS]->(rowEntity:Entity) RETURN DISTINCT rowEntity.name ORDER BY rowEntity.name },
  units: COLLECT {
    MATCH (m)-[rowUnit:ASSIGNED_TO]->(rowEntity:Entity) RETURN rowEntity.name ORDER BY rowUnit.lead DESC, rowEntity.name
  }
}`;

export function documentRef(value: unknown, key = ''): DocumentRef {
  const d = toProperties(value ?? {});
  return {
    key: String(d.key ?? key),
    title: String(d.title ?? ''),
    year: typeof d.year === 'number' ? d.year : null,
    region: typeof d.region === 'string' ? d.region : null,
    script: typeof d.script === 'string' ? d.script : null,
  };
}

function lineageStatus(value: Json | undefined): LineageStatus {
  if (value === 'new') return 'new';
  return (LINEAGE_KINDS as readonly unknown[]).includes(value) ? (value as LineageStatus) : null;
}

const strings = (value: Json | undefined) => (Array.isArray(value) ? value.map(String) : []);

export function measureRow(value: unknown): MeasureRow {
  const m = toProperties(value);
  const sections = Array.isArray(m.sections) ? m.sections : [];
  return {
    key: String(m.key),
    reference: measureReference(m),
    number: String(m.number ?? ''),
    ordinal: Number(m.ordinal ?? 0),
    document: documentRef(m.document, String(m.key).split('/')[0]),
    sections: sections.map((s) => sectionLabel(toProperties(s))),
    text: String(m.text ?? ''),
    textAlt: typeof m.textAlt === 'string' ? m.textAlt : null,
    entities: strings(m.entities),
    units: strings(m.units),
    actions: strings(m.actions),
    lineage: lineageStatus(m.lineage),
    dropped: m.dropped === true,
  };
}
