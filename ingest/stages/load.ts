/**
 * The `load` stage: writes one document's graph to Neo4j in ONE transaction, so a failure leaves
 * nothing of it behind. Re-loading an unchanged document (same sha256) changes nothing; a changed
 * one (or `replace`) first removes its own sections and measures — with their relationships — and
 * leaves other documents and shared entities alone. All Cypher is parameterised; the document's
 * rows go in one statement through UNWIND … MERGE (see WRITE_DOCUMENT).
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { IngestError } from '../errors';
import type { KnownDocument } from '../identity';
import { toSimplified, toTraditional } from '../opencc';
import { ENTITY_LABELS } from '../../model/graph';
import type { Doc } from '../types';

export type LoadOutcome = 'created' | 'replaced' | 'unchanged';

export interface LoadResult {
  document: string;
  outcome: LoadOutcome;
  nodesCreated: number;
  relationshipsCreated: number;
}

export interface LoadOptions {
  /** Replace the document even when its hash is unchanged. */
  replace?: boolean;
  /** Transaction timeout in milliseconds. */
  timeoutMs?: number;
  /** A new version from a file of another name may replace the document (an explicit replace). */
  newSource?: boolean;
}

export function documentRow(doc: Doc) {
  return {
    key: doc.meta.key,
    props: {
      key: doc.meta.key,
      title: doc.meta.title,
      year: doc.meta.year,
      date: doc.meta.date,
      issuer: doc.meta.issuer,
      source: doc.source.name,
      sha256: doc.source.sha256,
      script: doc.script ?? null,
      format: doc.source.format,
      encoding: doc.source.encoding ?? null,
      documentNumber: doc.meta.documentNumber,
      region: doc.meta.region,
      warnings: doc.warnings.length,
    },
  };
}

export function groupMentions(
  measure: Doc['measures'][number],
): Map<string, NonNullable<typeof measure.mentions>> {
  const groups = new Map<string, NonNullable<typeof measure.mentions>>();
  for (const mention of measure.mentions ?? []) {
    const list = groups.get(mention.entityKey!) ?? [];
    list.push(mention);
    groups.set(mention.entityKey!, list);
  }
  return groups;
}

export function sectionRows(doc: Doc) {
  return doc.sections.map((s) => ({
    key: s.key,
    parent: s.parentKey,
    props: {
      key: s.key,
      number: s.number,
      title: s.title,
      level: s.level,
      reference: s.reference,
      ordinal: s.ordinal,
      document: doc.meta.key,
      span: [s.span.start, s.span.end],
    },
  }));
}

/** Rows grouped by section level, outermost first. */
function byLevel<T extends { props: { level: number } }>(rows: T[]): T[][] {
  const levels = new Map<number, T[]>();
  for (const row of rows) levels.set(row.props.level, [...(levels.get(row.props.level) ?? []), row]);
  return [...levels.keys()].sort((a, b) => a - b).map((level) => levels.get(level)!);
}

export function measureRows(doc: Doc) {
  return doc.measures.map((m) => ({
    key: m.key,
    section: m.sectionKey,
    props: {
      key: m.key,
      number: m.number,
      reference: m.reference,
      ordinal: m.ordinal,
      document: doc.meta.key,
      // The plan's year, so a measure names itself among plans (`2020·三（一）16`); an edit of the
      // document's year updates it (ingest/lineage/lineage.ts).
      year: doc.meta.year,
      text: m.text,
      // The other script's form, so full-text search finds the measure whichever script is typed.
      textAlt: doc.script === 'simplified' ? toTraditional(m.text) : toSimplified(m.text),
      span: [m.span.start, m.span.end],
      actions: m.actions ?? [],
      leaders: m.leaders,
    },
  }));
}

export function entityRows(doc: Doc) {
  return (doc.entities ?? []).map((e) => ({
    key: e.key,
    label: e.label,
    props: {
      key: e.key,
      name: e.name,
      nameEn: e.nameEn,
      curated: e.curated,
      ...(e.validFrom !== null ? { validFrom: e.validFrom } : {}),
      ...(e.validTo !== null ? { validTo: e.validTo } : {}),
    },
    aliases: e.aliases,
    locatedIn: e.locatedIn,
    partOf: e.partOf,
    succeededBy: e.succeededBy,
  }));
}

/** MENTIONS rows: `spans` is a flat list [start0, end0, start1, end1, …] of offsets in the measure text. */
export function mentionRows(doc: Doc) {
  return doc.measures.flatMap((m) =>
    [...groupMentions(m)].map(([entity, mentions]) => ({
      measure: m.key,
      entity,
      spans: mentions.flatMap((x) => [x.start, x.end]),
      surface: [...new Set(mentions.map((x) => x.surface))],
    })),
  );
}

export function assignmentRows(doc: Doc) {
  return doc.measures.flatMap((m) =>
    (m.units ?? []).map((u) => ({ measure: m.key, entity: u.entityKey!, lead: u.lead })),
  );
}

/**
 * Prefix of every load statement. Their plans are index seeks on unique keys whatever the data, so a
 * cached plan never goes stale; without this, Neo4j replans a statement whenever the graph has grown
 * enough since it was planned (on a fresh database, every few documents), and planning costs more
 * than running these statements.
 */
const CYPHER = 'CYPHER replan=skip';

/**
 * Removes the document's own sections and measures (with their relationships) and its IMPLEMENTS
 * and SIGNED_BY, keeping the Document node: one statement, so one round trip and one plan.
 */
export async function removeDocumentContent(tx: ManagedTransaction, key: string): Promise<void> {
  await tx.run(
    `${CYPHER}
     CALL { MATCH (m:Measure {document: $key}) DETACH DELETE m }
     CALL { MATCH (s:Section {document: $key}) DETACH DELETE s }
     CALL { MATCH (:Document {key: $key})-[r:IMPLEMENTS|SIGNED_BY]->() DELETE r }`,
    { key },
  );
}

/** Entities nothing refers to any more (after a replace), and then the places only they referred to. */
export async function removeOrphanEntities(tx: ManagedTransaction): Promise<void> {
  for (let pass = 0; pass < 5; pass++) {
    const result = await tx.run(
      `${CYPHER}
       MATCH (e:Entity) WHERE NOT (e)<-[:MENTIONS|ASSIGNED_TO|IMPLEMENTS|SIGNED_BY|LOCATED_IN|PART_OF|SUCCEEDED_BY]-()
       DETACH DELETE e`,
    );
    if (result.summary.counters.updates().nodesDeleted === 0) return;
  }
}

/**
 * Sets an entity's type label. Labels cannot be parameters (and dynamic labels need Neo4j 5.26+),
 * so each label of the fixed list ENTITY_LABELS — never input — gets a conditional SET.
 */
const SET_ENTITY_LABEL = ENTITY_LABELS.map(
  (label) => `FOREACH (_ IN CASE WHEN row.label = '${label}' THEN [1] ELSE [] END | SET e:${label})`,
).join('\n    ');

/**
 * The whole document in ONE statement: each part is a unit subquery over its rows (UNWIND … MERGE),
 * run in this order, so later parts find the nodes earlier ones wrote. One statement instead of one
 * per part and entity label saves a round trip, a plan lookup and the per-statement overhead of the
 * server for each (on a fresh Neo4j most of a document's load time went to those).
 * Every lookup is by a key with a uniqueness constraint, i.e. an index seek.
 */
const WRITE_DOCUMENT = `${CYPHER}
MERGE (d:Document {key: $document})
SET d = $props, d.loadedAt = datetime.realtime()
WITH d
CALL {
  WITH d
  UNWIND $sections AS row
  MERGE (s:Section {key: row.key}) SET s = row.props
  MERGE (d)-[:HAS_SECTION]->(s)
}
CALL {
  // One level at a time, outermost first: a subsection's parent may itself be a subsection (an
  // unnumbered heading under a （一）), written by the call before.
  UNWIND $subsections AS level
  CALL (level) {
    UNWIND level AS row
    MATCH (parent:Section {key: row.parent})
    MERGE (s:Section {key: row.key}) SET s = row.props
    MERGE (parent)-[:HAS_SECTION]->(s)
  }
}
CALL {
  UNWIND $measures AS row
  MERGE (m:Measure {key: row.key}) SET m = row.props
  WITH m, row
  MATCH (s:Section {key: row.section})
  MERGE (s)-[:HAS_MEASURE]->(m)
}
CALL {
  WITH d
  UNWIND $topMeasures AS row
  MERGE (m:Measure {key: row.key}) SET m = row.props
  MERGE (d)-[:HAS_MEASURE]->(m)
}
CALL {
  UNWIND $entities AS row
  MERGE (e:Entity {key: row.key})
  SET e += row.props,
      e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END)
  ${SET_ENTITY_LABEL}
}
CALL {
  UNWIND $places AS row
  MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
  FOREACH (_ IN CASE WHEN row.type = 'LOCATED_IN' THEN [1] ELSE [] END | MERGE (a)-[:LOCATED_IN]->(b))
  FOREACH (_ IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END | MERGE (a)-[:PART_OF]->(b))
  FOREACH (_ IN CASE WHEN row.type = 'SUCCEEDED_BY' THEN [1] ELSE [] END | MERGE (a)-[:SUCCEEDED_BY]->(b))
}
CALL {
  UNWIND $mentions AS row
  MATCH (m:Measure {key: row.measure}), (e:Entity {key: row.entity})
  MERGE (m)-[r:MENTIONS]->(e) SET r.spans = row.spans, r.surface = row.surface
}
CALL {
  UNWIND $assignments AS row
  MATCH (m:Measure {key: row.measure}), (e:Entity {key: row.entity})
  MERGE (m)-[r:ASSIGNED_TO]->(e) SET r.lead = row.lead
}
CALL { WITH d UNWIND $implements AS key MATCH (p:Entity {key: key}) MERGE (d)-[:IMPLEMENTS]->(p) }
CALL { WITH d UNWIND $signedBy AS key MATCH (i:Entity {key: key}) MERGE (d)-[:SIGNED_BY]->(i) }`;

async function writeDocument(
  tx: ManagedTransaction,
  doc: Doc,
): Promise<{ nodes: number; relationships: number }> {
  const document = documentRow(doc);
  const sections = sectionRows(doc);
  const entities = entityRows(doc);
  const measures = measureRows(doc);
  const result = await tx.run(WRITE_DOCUMENT, {
    document: document.key,
    props: document.props,
    // Top-level sections hang off the document, subsections off their section.
    sections: sections.filter((s) => s.parent === null),
    subsections: byLevel(sections.filter((s) => s.parent !== null)),
    // A measure outside every section hangs off the document itself, as in the export.
    measures: measures.filter((m) => m.section !== doc.meta.key),
    topMeasures: measures.filter((m) => m.section === doc.meta.key),
    entities,
    places: entities.flatMap((e) => [
      ...e.locatedIn.map((target) => ({ from: e.key, to: target, type: 'LOCATED_IN' })),
      ...e.partOf.map((target) => ({ from: e.key, to: target, type: 'PART_OF' })),
      ...(e.succeededBy ? [{ from: e.key, to: e.succeededBy, type: 'SUCCEEDED_BY' }] : []),
    ]),
    mentions: mentionRows(doc),
    assignments: assignmentRows(doc),
    implements: doc.implements ?? [],
    signedBy: doc.signedBy ?? [],
  });
  const updates = result.summary.counters.updates();
  return { nodes: updates.nodesCreated, relationships: updates.relationshipsCreated };
}

export async function loadDocument(
  connection: Connection,
  doc: Doc,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const session = connection.driver.session({ database: connection.database });
  try {
    return await session.executeWrite(
      async (tx) => {
        const existing = await tx.run(
          `${CYPHER} MATCH (d:Document {key: $key}) RETURN d.sha256 AS sha256, d.source AS source`,
          { key: doc.meta.key },
        );
        const previousHash = existing.records[0]?.get('sha256') as string | undefined;
        const previousSource = existing.records[0]?.get('source') as string | undefined;
        // Only the same source file may replace a document (identity.ts gives others their own key).
        if (previousSource !== undefined && previousSource !== doc.source.name && !options.newSource)
          throw new IngestError(
            'DUPLICATE',
            doc.source.path,
            `the document key ${doc.meta.key} belongs to ${previousSource}, another file; it was not replaced`,
          );
        if (previousHash === doc.source.sha256 && !options.replace) {
          return {
            document: doc.meta.key,
            outcome: 'unchanged' as const,
            nodesCreated: 0,
            relationshipsCreated: 0,
          };
        }
        if (previousHash !== undefined) await removeDocumentContent(tx, doc.meta.key);
        const written = await writeDocument(tx, doc);
        if (previousHash !== undefined) await removeOrphanEntities(tx);
        return {
          document: doc.meta.key,
          outcome: previousHash === undefined ? ('created' as const) : ('replaced' as const),
          nodesCreated: written.nodes,
          relationshipsCreated: written.relationships,
        };
      },
      { timeout: options.timeoutMs ?? 120_000 },
    );
  } finally {
    await session.close();
  }
}

/** Every document already in the graph: its key, source file name and hash (identity.ts). */
export async function loadedDocuments(connection: Connection): Promise<KnownDocument[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.executeRead((tx) =>
      tx.run('MATCH (d:Document) RETURN d.key AS key, d.source AS source, d.sha256 AS sha256'),
    );
    return result.records.map((r) => ({
      key: String(r.get('key')),
      source: String(r.get('source')),
      sha256: String(r.get('sha256')),
    }));
  } finally {
    await session.close();
  }
}
