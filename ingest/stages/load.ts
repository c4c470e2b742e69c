/**
 * The `load` stage: writes a document's graph to Neo4j in ONE transaction, so a failure leaves
 * nothing of it behind. Re-loading an unchanged document (same sha256) changes nothing; a changed
 * one (or `replace`) first removes its own sections and measures — with their relationships — and
 * leaves other documents and shared entities alone. All Cypher is parameterised; the document's
 * rows go in one statement through UNWIND … CREATE or MERGE (see WRITE_DOCUMENTS), and many
 * documents may go in one transaction (loadBatch), still each all-or-nothing: a failed batch is
 * retried document by document (loadDocuments).
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { IngestError } from '../errors';
import type { KnownDocument } from '../identity';
import { toSimplified, toTraditional } from '../opencc';
import { ENTITY_LABELS } from '../../model/graph';
import type { Doc } from '../types';
import { pipelineVersion } from '../pipeline-version';

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
  /**
   * Documents as another graph held them, by key (an archive's dump: `npm run corpus -- import
   * --reextract`): a document this graph does not hold keeps the metadata edits recorded there, as it
   * would keep this graph's own (keptEdits).
   */
  earlier?: ReadonlyMap<string, EarlierDocument>;
}

/** A document as another graph held it: its key, file name, bytes' SHA-256 and properties. */
export interface EarlierDocument extends KnownDocument {
  props: Record<string, unknown>;
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
      pipeline: pipelineVersion(),
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

/**
 * ASSIGNED_TO rows, one per measure and unit: a unit named twice in a measure's list (as the lead and
 * again among the partners) is one assignment, the lead's.
 */
export function assignmentRows(doc: Doc) {
  return doc.measures.flatMap((m) => {
    const lead = new Map<string, boolean>();
    for (const u of m.units ?? []) lead.set(u.entityKey!, (lead.get(u.entityKey!) ?? false) || u.lead);
    return [...lead].map(([entity, isLead]) => ({ measure: m.key, entity, lead: isLead }));
  });
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
 * Entities and the places they lie in, once per batch however many of its documents touch them (a
 * hub such as 香港 is written once per transaction, not once per document), merged in the order of
 * the documents: the aliases of all, the properties of the last.
 */
export function batchEntityRows(docs: Doc[]) {
  const merged = new Map<string, ReturnType<typeof entityRows>[number]>();
  for (const doc of docs)
    for (const row of entityRows(doc)) {
      const before = merged.get(row.key);
      merged.set(
        row.key,
        before ? { ...row, aliases: [...new Set([...before.aliases, ...row.aliases])] } : row,
      );
    }
  const entities = [...merged.values()];
  const places = new Map<string, { from: string; to: string; type: string }>();
  const place = (from: string, to: string, type: string) =>
    places.set(`${type} ${from} ${to}`, { from, to, type });
  for (const e of entities) {
    for (const target of e.locatedIn) place(e.key, target, 'LOCATED_IN');
    for (const target of e.partOf) place(e.key, target, 'PART_OF');
    if (e.succeededBy) place(e.key, e.succeededBy, 'SUCCEEDED_BY');
  }
  return { entities, places: [...places.values()] };
}

/** One document's rows for WRITE_DOCUMENTS. */
export function documentRows(doc: Doc) {
  const document = documentRow(doc);
  const sections = sectionRows(doc);
  const measures = measureRows(doc);
  return {
    key: document.key,
    props: document.props,
    // Top-level sections hang off the document, subsections off their section.
    sections: sections.filter((s) => s.parent === null),
    subsections: byLevel(sections.filter((s) => s.parent !== null)),
    // A measure outside every section hangs off the document itself, as in the export.
    measures: measures.filter((m) => m.section !== doc.meta.key),
    topMeasures: measures.filter((m) => m.section === doc.meta.key),
    mentions: mentionRows(doc),
    assignments: assignmentRows(doc),
    implements: doc.implements ?? [],
    signedBy: doc.signedBy ?? [],
  };
}

/** The nodes and relationships a document's rows make of its own (entities are the batch's). */
function ownCounts(rows: ReturnType<typeof documentRows>): { nodes: number; relationships: number } {
  const sections = rows.sections.length + rows.subsections.reduce((n, level) => n + level.length, 0);
  const measures = rows.measures.length + rows.topMeasures.length;
  return {
    nodes: 1 + sections + measures,
    relationships:
      sections +
      measures +
      rows.mentions.length +
      rows.assignments.length +
      rows.implements.length +
      rows.signedBy.length,
  };
}

/**
 * A batch of documents in ONE statement: first the batch's entities and places, then each document
 * (UNWIND $documents), each part a unit subquery over its rows (UNWIND … CREATE or MERGE) run in
 * this order, so later parts find the nodes earlier ones wrote. One statement of one shape whatever
 * the batch holds: planned once, one round trip, one commit and one full-text index update for many
 * documents (per-document transactions spent most of their time in the commit). Every lookup is by a key with
 * a uniqueness constraint, i.e. an index seek. A document's own sections, measures and their
 * relationships are CREATEd, not merged: they cannot exist yet (a replaced document's were removed
 * first, and their keys begin with the document's), the rows hold each once (assignmentRows), and
 * the uniqueness constraints would refuse a second copy. Measured on generated plans: 10 % faster
 * than MERGE, which looked for each relationship before creating it.
 */
const WRITE_DOCUMENTS = `${CYPHER}
CALL {
  // An entity already in the graph is written only when this batch changes it: a hub such as 香港 is
  // in nearly every batch, and rewriting it (and its full-text entry) each time cost the load dearly.
  UNWIND $entities AS row
  MERGE (e:Entity {key: row.key})
  WITH e, row
  WHERE any(k IN keys(row.props) WHERE NOT coalesce(e[k] = row.props[k], e[k] IS NULL AND row.props[k] IS NULL))
     OR any(a IN row.aliases WHERE NOT a IN coalesce(e.aliases, []))
     OR NOT row.label IN labels(e)
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
UNWIND $documents AS doc
CALL (doc) {
  MERGE (d:Document {key: doc.key})
  SET d = doc.props, d.loadedAt = datetime.realtime()
  WITH d
  CALL (d, doc) {
    UNWIND doc.sections AS row
    CREATE (d)-[:HAS_SECTION]->(s:Section)
    SET s = row.props
  }
  CALL (doc) {
    // One level at a time, outermost first: a subsection's parent may itself be a subsection (an
    // unnumbered heading under a （一）), written by the call before.
    UNWIND doc.subsections AS level
    CALL (level) {
      UNWIND level AS row
      MATCH (parent:Section {key: row.parent})
      CREATE (parent)-[:HAS_SECTION]->(s:Section)
      SET s = row.props
    }
  }
  CALL (doc) {
    UNWIND doc.measures AS row
    MATCH (s:Section {key: row.section})
    CREATE (s)-[:HAS_MEASURE]->(m:Measure)
    SET m = row.props
  }
  CALL (d, doc) {
    UNWIND doc.topMeasures AS row
    CREATE (d)-[:HAS_MEASURE]->(m:Measure)
    SET m = row.props
  }
  CALL (doc) {
    UNWIND doc.mentions AS row
    MATCH (m:Measure {key: row.measure}), (e:Entity {key: row.entity})
    CREATE (m)-[:MENTIONS {spans: row.spans, surface: row.surface}]->(e)
  }
  CALL (doc) {
    UNWIND doc.assignments AS row
    MATCH (m:Measure {key: row.measure}), (e:Entity {key: row.entity})
    CREATE (m)-[:ASSIGNED_TO {lead: row.lead}]->(e)
  }
  CALL (d, doc) { UNWIND doc.implements AS key MATCH (p:Entity {key: key}) MERGE (d)-[:IMPLEMENTS]->(p) }
  CALL (d, doc) { UNWIND doc.signedBy AS key MATCH (i:Entity {key: key}) MERGE (d)-[:SIGNED_BY]->(i) }
}`;

async function writeDocuments(
  tx: ManagedTransaction,
  docs: Doc[],
  kept: Map<string, Record<string, unknown>> = new Map(),
): Promise<{ nodes: number; relationships: number; own: { nodes: number; relationships: number }[] }> {
  const documents = docs.map((doc) => {
    const rows = documentRows(doc);
    const edits = kept.get(rows.key);
    return edits ? { ...rows, props: { ...rows.props, ...edits } } : rows;
  });
  const result = await tx.run(WRITE_DOCUMENTS, { ...batchEntityRows(docs), documents });
  const updates = result.summary.counters.updates();
  return {
    nodes: updates.nodesCreated,
    relationships: updates.relationshipsCreated,
    own: documents.map(ownCounts),
  };
}

/** What a batch load did: each document's result in order, and the batch's own counts. */
export interface BatchResult {
  results: LoadResult[];
  nodesCreated: number;
  relationshipsCreated: number;
}

/**
 * Loads `docs` in ONE transaction: all of them or, on any failure, none (the caller retries a failed
 * batch document by document: loadDocuments). Documents already in the graph are checked as in a
 * one-document load: unchanged ones are left alone, others replaced (their own nodes removed first).
 * A document's `nodesCreated`/`relationshipsCreated` count its own nodes and relationships (written
 * by it alone; the entities it shares with others are the batch's, in the batch's counts), except in
 * a batch of one, where they are Neo4j's counts.
 */
export async function loadBatch(
  connection: Connection,
  docs: Doc[],
  options: LoadOptions = {},
): Promise<BatchResult> {
  const session = connection.driver.session({ database: connection.database });
  try {
    return await session.executeWrite(
      async (tx) => {
        const existing = await tx.run(
          `${CYPHER} UNWIND $keys AS key MATCH (d:Document {key: key})
           RETURN key, d.sha256 AS sha256, d.source AS source, d.pipeline AS pipeline,
                  properties(d) AS props`,
          { keys: docs.map((d) => d.meta.key) },
        );
        const previous = new Map(
          existing.records.map((r) => [
            String(r.get('key')),
            {
              sha256: r.get('sha256') as string | undefined,
              source: r.get('source') as string | undefined,
              pipeline: r.get('pipeline') as string | null,
              props: r.get('props') as Record<string, unknown>,
            },
          ]),
        );
        const write: Doc[] = [];
        const outcomes = docs.map((doc): LoadOutcome => {
          const before = previous.get(doc.meta.key);
          // Only the same source file may replace a document (identity.ts gives others their own key).
          if (before?.source !== undefined && before.source !== doc.source.name && !options.newSource)
            throw new IngestError(
              'DUPLICATE',
              doc.source.path,
              `the document key ${doc.meta.key} belongs to ${before.source}, another file; it was not replaced`,
            );
          const sameBytes = before !== undefined && before.sha256 === doc.source.sha256;
          if (sameBytes && before.pipeline === pipelineVersion() && !options.replace) return 'unchanged';
          write.push(doc);
          return before === undefined ? 'created' : 'replaced';
        });
        const replaced = write.filter((doc) => previous.has(doc.meta.key));
        for (const doc of replaced) await removeDocumentContent(tx, doc.meta.key);
        const written = write.length
          ? await writeDocuments(tx, write, keptEdits(write, previous, options.earlier))
          : { nodes: 0, relationships: 0, own: [] };
        if (replaced.length) await removeOrphanEntities(tx);
        const own = new Map(write.map((doc, i) => [doc, written.own[i]!]));
        const single = docs.length === 1;
        return {
          results: docs.map((doc, i) => ({
            document: doc.meta.key,
            outcome: outcomes[i]!,
            nodesCreated: single ? written.nodes : (own.get(doc)?.nodes ?? 0),
            relationshipsCreated: single ? written.relationships : (own.get(doc)?.relationships ?? 0),
          })),
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

/**
 * What a user corrected on a document (PATCH /api/documents/:key: `edited` names the properties)
 * outlives its extraction again from the same bytes (a new pipeline version, or --replace): those
 * properties keep the user's values, and the record of the edit stays. A file with other bytes is a
 * new text, whose metadata is extracted anew. `earlier`: the same for a document this graph does not
 * hold but another did (an archive's dump).
 */
function keptEdits(
  docs: Doc[],
  previous: Map<string, { sha256?: string | undefined; props: Record<string, unknown> }>,
  earlier: ReadonlyMap<string, EarlierDocument> = new Map(),
): Map<string, Record<string, unknown>> {
  const kept = new Map<string, Record<string, unknown>>();
  for (const doc of docs) {
    const before = previous.get(doc.meta.key) ?? earlier.get(doc.meta.key);
    const edited = before?.props.edited;
    if (!before || before.sha256 !== doc.source.sha256 || !Array.isArray(edited) || edited.length === 0)
      continue;
    const keep = [...edited.map(String), 'edited', 'editedAt'];
    kept.set(doc.meta.key, Object.fromEntries(keep.map((k) => [k, before.props[k] ?? null])));
  }
  return kept;
}

/** One document in its own transaction (a batch of one); throws what failed. */
export async function loadDocument(
  connection: Connection,
  doc: Doc,
  options: LoadOptions = {},
): Promise<LoadResult> {
  return (await loadBatch(connection, [doc], options)).results[0]!;
}

/** A document's load: its result, or why it failed (then nothing of it is in the graph). */
export type DocumentLoad =
  { doc: Doc; result: LoadResult; error: null } | { doc: Doc; result: null; error: Error };

/**
 * Loads `docs` as one batch; when the batch fails, each document again in a transaction of its own,
 * so one bad document costs the batch a retry and is the only one reported.
 */
export async function loadDocuments(
  connection: Connection,
  docs: Doc[],
  options: LoadOptions = {},
): Promise<{ loads: DocumentLoad[]; relationshipsCreated: number }> {
  try {
    const batch = await loadBatch(connection, docs, options);
    return {
      loads: batch.results.map((result, i) => ({ doc: docs[i]!, result, error: null })),
      relationshipsCreated: batch.relationshipsCreated,
    };
  } catch (error) {
    if (docs.length === 1)
      return { loads: [{ doc: docs[0]!, result: null, error: asError(error) }], relationshipsCreated: 0 };
  }
  const loads: DocumentLoad[] = [];
  let relationshipsCreated = 0;
  for (const doc of docs) {
    try {
      const batch = await loadBatch(connection, [doc], options);
      loads.push({ doc, result: batch.results[0]!, error: null });
      relationshipsCreated += batch.relationshipsCreated;
    } catch (error) {
      loads.push({ doc, result: null, error: asError(error) });
    }
  }
  return { loads, relationshipsCreated };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Every document already in the graph: its key, source file name and hash (identity.ts). */
export async function loadedDocuments(connection: Connection): Promise<KnownDocument[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.executeRead((tx) =>
      tx.run(
        'MATCH (d:Document) RETURN d.key AS key, d.source AS source, d.sha256 AS sha256, d.pipeline AS pipeline',
      ),
    );
    return result.records.map((r) => ({
      key: String(r.get('key')),
      source: String(r.get('source')),
      sha256: String(r.get('sha256')),
      pipeline: (r.get('pipeline') as string | null) ?? null,
    }));
  } finally {
    await session.close();
  }
}
