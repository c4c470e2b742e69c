/**
 * The `load` stage: writes one document's graph to Neo4j in ONE transaction, so a failure leaves
 * nothing of it behind. Re-loading an unchanged document (same sha256) changes nothing; a changed
 * one (or `replace`) first removes its own sections and measures — with their relationships — and
 * leaves other documents and shared entities alone. All Cypher is parameterised; rows go in batches
 * through UNWIND … MERGE.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Connection } from '../../server/db/connection';
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
      span: [m.span.start, m.span.end],
    },
  }));
}

async function removeDocumentContent(tx: ManagedTransaction, key: string): Promise<void> {
  await tx.run('MATCH (m:Measure {document: $key}) DETACH DELETE m', { key });
  await tx.run('MATCH (s:Section {document: $key}) DETACH DELETE s', { key });
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

  for (const rows of batches(sectionRows(doc))) {
    const result = await tx.run(
      `UNWIND $rows AS row
       MERGE (s:Section {key: row.key}) SET s = row.props
       WITH s, row
       MATCH (owner) WHERE (row.parent IS NULL AND owner:Document AND owner.key = $document)
                        OR (row.parent IS NOT NULL AND owner:Section AND owner.key = row.parent)
       MERGE (owner)-[:HAS_SECTION]->(s)`,
      { rows, document: document.key },
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
