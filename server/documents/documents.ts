/**
 * GET /api/documents (every document with its counts) and GET /api/documents/:key (one document's
 * outline: its sections as a tree, each with its measures in order).
 */
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { notFound } from '../http/errors';
import { readRecords } from '../../store/read';
import { toProperties, type Json } from '../../store/values';
import { DOCUMENTS_PAGE, type DocumentList, type DocumentSummary } from '../../model/api';
import { measureReference } from '../../model/names';
import type { DocumentOutline, OutlineMeasure, OutlineSection } from '../../model/api';

/** A document `d`'s counts; the entities are those its measures mention or are assigned to. */
const COUNTS = `
  COUNT { MATCH (s:Section {document: d.key}) RETURN s } AS sectionCount,
  COUNT { MATCH (m:Measure {document: d.key}) RETURN m } AS measureCount,
  COUNT { MATCH (:Measure {document: d.key})-[:MENTIONS|ASSIGNED_TO]->(e:Entity) RETURN DISTINCT e } AS entityCount,
  COUNT { MATCH (:Measure {document: d.key})-[:ASSIGNED_TO]->(u:Institution) RETURN DISTINCT u } AS unitCount`;

/** Which documents a list asks for: `q` in the title or key (any case), a partner region, a year. */
const DOCUMENT_FILTER = `
  ($q IS NULL OR toLower(d.title) CONTAINS $q OR d.key CONTAINS $q)
  AND ($region IS NULL OR d.region = $region) AND ($year IS NULL OR d.year = $year)`;

/** One page of the documents that pass the filter, in year and key order, and how many pass it. */
export const DOCUMENTS_CYPHER = `
CALL () { MATCH (d:Document) WHERE ${DOCUMENT_FILTER} RETURN count(d) AS total }
OPTIONAL CALL () {
  MATCH (d:Document) WHERE ${DOCUMENT_FILTER}
  WITH d ORDER BY d.year, d.key SKIP $offset LIMIT $limit
  RETURN properties(d) AS document, ${COUNTS}
}
RETURN total, document, sectionCount, measureCount, entityCount, unitCount`;

function summary(record: Neo4jRecord): DocumentSummary {
  const document = toProperties(record.get('document'));
  return {
    key: String(document.key),
    title: String(document.title ?? ''),
    year: (document.year as number | null) ?? null,
    date: (document.date as string | null) ?? null,
    issuer: ((document.issuer as Json[] | null) ?? []).map(String),
    source: (document.source as string | null) ?? null,
    sha256: (document.sha256 as string | null) ?? null,
    script: (document.script as string | null) ?? null,
    format: (document.format as string | null) ?? null,
    encoding: (document.encoding as string | null) ?? null,
    documentNumber: (document.documentNumber as string | null) ?? null,
    region: (document.region as string | null) ?? null,
    warnings: Number(document.warnings ?? 0),
    loadedAt: (document.loadedAt as string | null) ?? null,
    edited: ((document.edited as Json[] | null) ?? []).map(String),
    counts: {
      sections: Number(record.get('sectionCount')),
      measures: Number(record.get('measureCount')),
      entities: Number(record.get('entityCount')),
      units: Number(record.get('unitCount')),
    },
  };
}

export interface DocumentQuery {
  q?: string;
  region?: string;
  year?: number;
  limit: number;
  offset: number;
}

/** A page of the corpus's documents, with the number of all that pass the filter. */
export async function documents(
  connection: Connection,
  query: DocumentQuery = { limit: DOCUMENTS_PAGE, offset: 0 },
): Promise<DocumentList> {
  const records = await readRecords(connection, DOCUMENTS_CYPHER, {
    q: query.q?.toLowerCase() ?? null,
    region: query.region ?? null,
    year: query.year ?? null,
    limit: query.limit,
    offset: query.offset,
  });
  return {
    documents: records.filter((r) => r.get('document') !== null).map(summary),
    total: Number(records[0]?.get('total') ?? 0),
    limit: query.limit,
    offset: query.offset,
  };
}

export const OUTLINE_CYPHER = `
MATCH (d:Document {key: $key})
RETURN properties(d) AS document, ${COUNTS},
  COLLECT {
    MATCH (s:Section {document: d.key})
    RETURN s {.key, .number, .reference, .title, .level, .ordinal,
              parent: COLLECT { MATCH (p:Section)-[:HAS_SECTION]->(s) RETURN p.key }[0]}
  } AS sections,
  COLLECT {
    MATCH (m:Measure {document: d.key})
    RETURN m {.key, .number, .reference, .ordinal, .text,
              section: COLLECT { MATCH (s:Section)-[:HAS_MEASURE]->(m) RETURN s.key }[0],
              entities: COUNT { (m)-[:MENTIONS|ASSIGNED_TO]->(:Entity) }}
  } AS measures,
  COLLECT { MATCH (d)-[:IMPLEMENTS]->(e) RETURN e {.key, .name, .nameEn} } AS implements,
  COLLECT { MATCH (d)-[:SIGNED_BY]->(e) RETURN e {.key, .name, .nameEn} } AS signedBy`;

const byOrdinal = (a: { ordinal: number }, b: { ordinal: number }) => a.ordinal - b.ordinal;

export async function documentOutline(connection: Connection, key: string): Promise<DocumentOutline> {
  const [record] = await readRecords(connection, OUTLINE_CYPHER, { key });
  if (!record) throw notFound('document', key);

  const sections = new Map<string, OutlineSection & { parent: string | null }>();
  for (const value of record.get('sections') as unknown[]) {
    const s = toProperties(value);
    sections.set(String(s.key), {
      key: String(s.key),
      number: String(s.number ?? ''),
      reference: String(s.reference ?? s.number ?? ''),
      title: String(s.title ?? ''),
      level: Number(s.level ?? 1),
      ordinal: Number(s.ordinal ?? 0),
      parent: (s.parent as string | null) ?? null,
      measures: [],
      sections: [],
    });
  }
  const loose: OutlineMeasure[] = [];
  for (const value of record.get('measures') as unknown[]) {
    const m = toProperties(value);
    const item = {
      key: String(m.key),
      number: String(m.number ?? ''),
      reference: measureReference(m),
      ordinal: Number(m.ordinal ?? 0),
      text: String(m.text ?? ''),
      entities: Number(m.entities ?? 0),
    };
    const section = sections.get(String(m.section));
    (section ? section.measures : loose).push(item);
  }
  const top: OutlineSection[] = [];
  for (const section of sections.values()) {
    const parent = section.parent ? sections.get(section.parent) : undefined;
    (parent ? parent.sections : top).push(section);
  }
  const clean = ({
    parent: _parent,
    ...section
  }: OutlineSection & { parent?: string | null }): OutlineSection => ({
    ...section,
    measures: section.measures.sort(byOrdinal),
    sections: section.sections.sort(byOrdinal).map(clean),
  });
  const entityRefs = (values: unknown[]) =>
    values.map((value) => {
      const e = toProperties(value);
      return {
        key: String(e.key),
        name: String(e.name ?? e.key),
        nameEn: (e.nameEn as string | null) ?? null,
      };
    });
  return {
    ...summary(record),
    implements: entityRefs(record.get('implements') as unknown[]),
    signedBy: entityRefs(record.get('signedBy') as unknown[]),
    sections: top.sort(byOrdinal).map(clean),
    measures: loose.sort(byOrdinal),
  };
}

/** Whether a document `key` is in the graph (one index seek; no counts). */
export async function documentExists(connection: Connection, key: string): Promise<boolean> {
  const records = await readRecords(
    connection,
    'MATCH (d:Document {key: $key}) RETURN count(d) > 0 AS found',
    { key },
  );
  return records[0]?.get('found') === true;
}
