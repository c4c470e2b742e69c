/**
 * The `load` stage: writes one document's graph to Neo4j in ONE transaction, so a failure leaves
 * nothing of it behind. Re-loading an unchanged document (same sha256) changes nothing; a changed
 * one (or `replace`) first removes its own sections and measures — with their relationships — and
 * leaves other documents and shared entities alone. All Cypher is parameterised; rows go in batches
 * through UNWIND … MERGE.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Connection } from '../../server/db/connection';
import { toSimplified, toTraditional } from '../script';
import { ENTITY_TYPES } from '../gazetteer/gazetteer';
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
}

const BATCH = 500;

function batches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
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
      ordinal: s.ordinal,
      document: doc.meta.key,
      span: [s.span.start, s.span.end],
    },
  }));
}

export function measureRows(doc: Doc) {
  return doc.measures.map((m) => ({
    key: m.key,
    section: m.sectionKey,
    props: {
      key: m.key,
      number: m.number,
      ordinal: m.ordinal,
      document: doc.meta.key,
      text: m.text,
      // The other script's form, so full-text search finds the measure whichever script is typed.
      textAlt: doc.script === 'simplified' ? toTraditional(m.text) : toSimplified(m.text),
      span: [m.span.start, m.span.end],
      actions: m.actions ?? [],
    },
  }));
}

export function entityRows(doc: Doc) {
  return (doc.entities ?? []).map((e) => ({
    key: e.key,
    label: e.label,
    props: { key: e.key, name: e.name, nameEn: e.nameEn, curated: e.curated },
    aliases: e.aliases,
    locatedIn: e.locatedIn,
    partOf: e.partOf,
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

async function removeDocumentContent(tx: ManagedTransaction, key: string): Promise<void> {
  await tx.run('MATCH (m:Measure {document: $key}) DETACH DELETE m', { key });
  await tx.run('MATCH (s:Section {document: $key}) DETACH DELETE s', { key });
  await tx.run('MATCH (:Document {key: $key})-[r:IMPLEMENTS|SIGNED_BY]->() DELETE r', { key });
}

/** Entities nothing refers to any more (after a replace), and then the places only they referred to. */
async function removeOrphanEntities(tx: ManagedTransaction): Promise<void> {
  for (let pass = 0; pass < 5; pass++) {
    const result = await tx.run(
      `MATCH (e:Entity) WHERE NOT (e)<-[:MENTIONS|ASSIGNED_TO|IMPLEMENTS|SIGNED_BY|LOCATED_IN|PART_OF]-()
       DETACH DELETE e`,
    );
    if (result.summary.counters.updates().nodesDeleted === 0) return;
  }
}

async function writeDocument(
  tx: ManagedTransaction,
  doc: Doc,
): Promise<{ nodes: number; relationships: number }> {
  let nodes = 0;
  let relationships = 0;
  const count = (summary: {
    counters: { updates(): { nodesCreated: number; relationshipsCreated: number } };
  }) => {
    const updates = summary.counters.updates();
    nodes += updates.nodesCreated;
    relationships += updates.relationshipsCreated;
  };

  const document = documentRow(doc);
  count((await tx.run('MERGE (d:Document {key: $key}) SET d = $props', document)).summary);

  // Top-level sections hang off the document, subsections off their section: two index lookups,
  // never a scan over every node.
  const sections = sectionRows(doc);
  for (const rows of batches(sections.filter((s) => s.parent === null))) {
    const result = await tx.run(
      `MATCH (d:Document {key: $document})
       UNWIND $rows AS row
       MERGE (s:Section {key: row.key}) SET s = row.props
       MERGE (d)-[:HAS_SECTION]->(s)`,
      { rows, document: document.key },
    );
    count(result.summary);
  }
  for (const rows of batches(sections.filter((s) => s.parent !== null))) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MATCH (parent:Section {key: row.parent})
       MERGE (s:Section {key: row.key}) SET s = row.props
       MERGE (parent)-[:HAS_SECTION]->(s)`,
      { rows },
    );
    count(result.summary);
  }

  for (const rows of batches(measureRows(doc))) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MERGE (m:Measure {key: row.key}) SET m = row.props
       WITH m, row
       MATCH (s:Section {key: row.section})
       MERGE (s)-[:HAS_MEASURE]->(m)`,
      { rows },
    );
    count(result.summary);
  }
  const entities = entityRows(doc);
  for (const label of ENTITY_TYPES) {
    // Labels cannot be parameters; `label` comes from the fixed list ENTITY_TYPES, never from input.
    for (const rows of batches(entities.filter((e) => e.label === label))) {
      const result = await tx.run(
        `UNWIND $rows AS row
         MERGE (e:Entity {key: row.key})
         SET e += row.props, e:${label},
             e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END)`,
        { rows },
      );
      count(result.summary);
    }
  }
  const places = entities.flatMap((e) => [
    ...e.locatedIn.map((target) => ({ from: e.key, to: target, type: 'LOCATED_IN' })),
    ...e.partOf.map((target) => ({ from: e.key, to: target, type: 'PART_OF' })),
  ]);
  for (const rows of batches(places)) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
       FOREACH (_ IN CASE WHEN row.type = 'LOCATED_IN' THEN [1] ELSE [] END | MERGE (a)-[:LOCATED_IN]->(b))
       FOREACH (_ IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END | MERGE (a)-[:PART_OF]->(b))`,
      { rows },
    );
    count(result.summary);
  }
  for (const rows of batches(mentionRows(doc))) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MATCH (m:Measure {key: row.measure}), (e:Entity {key: row.entity})
       MERGE (m)-[r:MENTIONS]->(e) SET r.spans = row.spans, r.surface = row.surface`,
      { rows },
    );
    count(result.summary);
  }
  for (const rows of batches(assignmentRows(doc))) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MATCH (m:Measure {key: row.measure}), (e:Entity {key: row.entity})
       MERGE (m)-[r:ASSIGNED_TO]->(e) SET r.lead = row.lead`,
      { rows },
    );
    count(result.summary);
  }
  const result = await tx.run(
    `MATCH (d:Document {key: $document})
     CALL { WITH d UNWIND $implements AS key MATCH (p:Entity {key: key}) MERGE (d)-[:IMPLEMENTS]->(p) }
     CALL { WITH d UNWIND $signedBy AS key MATCH (i:Entity {key: key}) MERGE (d)-[:SIGNED_BY]->(i) }`,
    { document: document.key, implements: doc.implements ?? [], signedBy: doc.signedBy ?? [] },
  );
  count(result.summary);
  return { nodes, relationships };
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
        const existing = await tx.run('MATCH (d:Document {key: $key}) RETURN d.sha256 AS sha256', {
          key: doc.meta.key,
        });
        const previousHash = existing.records[0]?.get('sha256') as string | undefined;
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

/** sha256 of every document already in the graph, to skip unchanged files before any work. */
export async function loadedHashes(connection: Connection): Promise<Set<string>> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.executeRead((tx) => tx.run('MATCH (d:Document) RETURN d.sha256 AS sha256'));
    return new Set(result.records.map((r) => String(r.get('sha256'))));
  } finally {
    await session.close();
  }
}
