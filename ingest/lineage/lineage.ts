/**
 * Measure lineage in the graph: `(newer:Measure)-[:CONTINUES {kind, similarity, alignment}]->(older)`
 * between every two plans of a series (the same partner region, `Document.region`, and different
 * years), and `(a)-[:SIMILAR_TO {similarity, alignment}]->(b)` between measures of one plan that say
 * nearly the same thing.
 *
 * `linkDocument` recomputes everything one document takes part in, in one transaction of its own
 * right after the document's (`relink`), so no lineage is ever half written; a document whose
 * lineage transaction did not commit is relinked at the next start (`relinkStale`).
 * As the Legislative Influence Detector does, candidates come from the full-text index (top
 * `CANDIDATES` per measure, over the `cjk` bigrams of its Simplified text) and from the entities a
 * measure shares with others; `match.ts` aligns them and decides.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { awaitSearchable } from '../../store/schema';
import { flatAlignment } from '../../model/spans';
import { matchForm } from '../opencc';
import { prepare } from './align';
import { continuations, similarWithin, type Continuation, type LineageMeasure } from './match';

/** Full-text hits per measure. */
export const CANDIDATES = 50;
/** An entity mentioned by more measures than this (香港) says nothing about which ones continue which. */
const HUB_MENTIONS = 300;
/** Entity-shared candidates per measure. */
const ENTITY_CANDIDATES = 20;
/** Characters of a measure that go into its full-text query (Lucene allows 1,024 clauses). */
const QUERY_CHARACTERS = 200;
/** Raised when the way lineage is computed changes; documents linked by another version are relinked. */
export const LINEAGE_VERSION = 1;

const CYPHER = 'CYPHER replan=skip';

/** The Lucene query for a measure: its Han runs (Simplified), which the cjk analyzer cuts into bigrams. */
export function candidateQuery(form: string): string | null {
  const runs = form.match(/\p{Script=Han}+/gu) ?? [];
  let query = '';
  for (const run of runs) {
    if (query.length >= QUERY_CHARACTERS) break;
    if (run.length < 2) continue;
    query += (query ? ' ' : '') + run.slice(0, QUERY_CHARACTERS - query.length);
  }
  return query.length >= 2 ? query : null;
}

interface Row {
  key: string;
  document: string;
  text: string;
}

const prepared = (row: Row): LineageMeasure => ({ key: row.key, prepared: prepare(matchForm(row.text)) });

export interface LinkCounts {
  continues: number;
  similar: number;
}

/**
 * Recomputes the lineage of document `key` (both directions) and its within-plan overlaps, then the
 * status of every measure of its series (and of `formerRegion`'s, when an edit moved it out of one).
 */
export async function linkDocument(
  tx: ManagedTransaction,
  key: string,
  formerRegion: string | null = null,
  { refresh = true }: { refresh?: boolean } = {},
): Promise<LinkCounts> {
  // Everything is read before anything is written: a full-text query inside a transaction that has
  // changed measures sees the index through the transaction's own changes, and missed committed
  // measures that way (measured: a re-ingest found fewer continuations than the first load).
  const head = await tx.run(
    `${CYPHER}
     MATCH (d:Document {key: $key})
     OPTIONAL MATCH (m:Measure {document: $key})
     WITH d, m ORDER BY m.ordinal
     RETURN d.region AS region, d.year AS year,
            collect(m {.key, .document, .text}) AS measures`,
    { key },
  );
  const record = head.records[0];
  if (!record) return { continues: 0, similar: 0 };
  const region = record.get('region') as string | null;
  const year = toNumber(record.get('year'));
  const own = (record.get('measures') as Row[]).map(prepared);
  const similar = similarWithin(own);
  let links: Continuation[] = [];
  if (region !== null && year !== null && own.length) {
    const series = await tx.run(
      `${CYPHER}
       MATCH (o:Document {region: $region})
       WHERE o.key <> $key AND o.year IS NOT NULL AND o.year <> $year
       RETURN o.key AS key, o.year AS year`,
      { key, region, year },
    );
    const years = new Map(series.records.map((r) => [String(r.get('key')), toNumber(r.get('year'))!]));
    if (years.size) links = await seriesLinks(tx, key, year, own, years);
  }

  await replaceSimilar(tx, [key], similar);
  if (links.length)
    await tx.run(
      `${CYPHER}
       UNWIND $rows AS row
       MATCH (a:Measure {key: row.from}), (b:Measure {key: row.to})
       CREATE (a)-[:CONTINUES {kind: row.kind, similarity: row.similarity, alignment: row.alignment}]->(b)`,
      { rows: links.map((l) => ({ ...l, alignment: flatAlignment(l.alignment) })) },
    );
  await tx.run(
    `${CYPHER}
     MATCH (d:Document {key: $key}) SET d.lineage = $version
     WITH d MATCH (m:Measure {document: $key}) SET m.lineage = null, m.dropped = false, m.year = d.year`,
    { key, version: LINEAGE_VERSION },
  );
  if (refresh)
    for (const series of new Set([region, formerRegion]))
      if (series !== null && series !== undefined) await refreshSeries(tx, series);
  return { continues: links.length, similar: similar.length };
}

/**
 * Removes the lineage the documents `keys` take part in (both directions) and writes their
 * within-plan overlaps: the one place both a single relink and a batch of plans outside series do it.
 */
async function replaceSimilar(
  tx: ManagedTransaction,
  keys: string[],
  similar: ReturnType<typeof similarWithin>,
): Promise<void> {
  await tx.run(
    `${CYPHER}
     UNWIND $keys AS key
     MATCH (m:Measure {document: key})-[r:CONTINUES|SIMILAR_TO]-()
     DELETE r`,
    { keys },
  );
  if (similar.length)
    await tx.run(
      `${CYPHER}
       UNWIND $rows AS row
       MATCH (a:Measure {key: row.from}), (b:Measure {key: row.to})
       CREATE (a)-[:SIMILAR_TO {similarity: row.similarity, alignment: row.alignment}]->(b)`,
      { rows: similar.map((s) => ({ ...s, alignment: flatAlignment(s.alignment) })) },
    );
}

/** `linkDocument` in a transaction of its own: all of the document's lineage, or none of it. */
export async function relink(
  connection: Connection,
  key: string,
  formerRegion: string | null = null,
  options: { refresh?: boolean } = {},
): Promise<LinkCounts> {
  const session = connection.driver.session({ database: connection.database });
  try {
    return await session.executeWrite((tx) => linkDocument(tx, key, formerRegion, options), {
      timeout: 120_000,
    });
  } finally {
    await session.close();
  }
}

/**
 * Relinks many plans of series (a bulk load's), one transaction each, refreshing each series' status
 * once, with its last plan, instead of once per plan (the refresh reads the whole series). A plan not
 * yet relinked when the process stops still has no lineage and is relinked at the next start, which
 * refreshes its series then. `onDone` hears of each key, with the error that stopped it, if any.
 */
export async function relinkMany(
  connection: Connection,
  keys: { key: string; region: string | null }[],
  onDone: (key: string, error: Error | null) => void = () => undefined,
): Promise<void> {
  const lastOfRegion = new Map(keys.map(({ key, region }) => [region, key]));
  for (const { key, region } of keys) {
    try {
      await relink(connection, key, null, { refresh: region === null || lastOfRegion.get(region) === key });
      onDone(key, null);
    } catch (error) {
      onDone(key, error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/**
 * The lineage of plans outside every series (no partner region, or no year): only the measures of
 * one plan that say nearly the same thing (SIMILAR_TO), for many documents in ONE transaction, from
 * the texts in hand. What `linkDocument` would write for each, without a transaction per document
 * (a bulk load of thousands of city plans would otherwise spend most of its time committing those).
 * Only for documents just loaded, whose measures carry the status of a plan outside every series.
 */
export async function linkOutsideSeries(
  connection: Connection,
  docs: { key: string; measures: { key: string; text: string; ordinal: number }[] }[],
): Promise<LinkCounts> {
  const similar = docs.flatMap((doc) =>
    similarWithin(
      [...doc.measures]
        .sort((a, b) => a.ordinal - b.ordinal)
        .map((m) => prepared({ key: m.key, document: doc.key, text: m.text })),
    ),
  );
  const keys = docs.map((doc) => doc.key);
  const session = connection.driver.session({ database: connection.database });
  try {
    await session.executeWrite(
      async (tx) => {
        await replaceSimilar(tx, keys, similar);
        // The measures were just written with the status a plan outside every series has
        // (stages/load.ts: its year, no lineage, not dropped): only the document is marked.
        await tx.run(
          `${CYPHER}
           UNWIND $keys AS key
           MATCH (d:Document {key: key}) SET d.lineage = $version`,
          { keys, version: LINEAGE_VERSION },
        );
      },
      { timeout: 120_000 },
    );
  } finally {
    await session.close();
  }
  return { continues: 0, similar: similar.length };
}

/**
 * Links every document whose lineage is missing or was computed by another version (a load that
 * stopped between the document's transaction and its lineage's, or an older release's data); one
 * transaction each. Returns the keys relinked.
 */
export async function relinkStale(
  connection: Connection,
  onDone?: (key: string, error: Error | null) => void,
): Promise<string[]> {
  // A load that stopped may have left the measures' full-text index behind the graph.
  await awaitSearchable(connection);
  const session = connection.driver.session({ database: connection.database });
  let stale: { key: string; region: string | null }[];
  try {
    stale = await session.executeRead((tx) => staleLineage(tx));
  } finally {
    await session.close();
  }
  await relinkMany(connection, stale, onDone);
  return stale.map((d) => d.key);
}

/**
 * Each measure's place in its series, kept on the measure for the table and its filters:
 * `lineage` is the kind by which it continues the latest earlier plan it continues, `new` when it
 * continues nothing though earlier plans exist, null in a series' first plan; `dropped` when the
 * series' next plan continues nothing of it. Run for the whole series after any change to it.
 */
export async function refreshSeries(tx: ManagedTransaction, region: string): Promise<void> {
  await tx.run(
    `${CYPHER}
     MATCH (d:Document {region: $region}) WHERE d.year IS NOT NULL
     WITH d,
          EXISTS { MATCH (p:Document {region: $region}) WHERE p.year < d.year } AS earlier,
          COLLECT { MATCH (x:Document {region: $region}) WHERE x.year > d.year RETURN x.year ORDER BY x.year LIMIT 1 }[0] AS nextYear
     MATCH (m:Measure {document: d.key})
     WITH m, earlier, nextYear,
          COLLECT {
            MATCH (m)-[c:CONTINUES]->(o:Measure) MATCH (od:Document {key: o.document})
            RETURN c.kind ORDER BY od.year DESC,
              CASE c.kind WHEN 'merged' THEN 0 WHEN 'split' THEN 1 WHEN 'revised' THEN 2 ELSE 3 END
          }[0] AS kind
     WITH m,
          CASE WHEN kind IS NOT NULL THEN kind WHEN earlier THEN 'new' END AS lineage,
          nextYear IS NOT NULL AND NOT EXISTS {
            MATCH (m)<-[:CONTINUES]-(n:Measure) MATCH (nd:Document {key: n.document}) WHERE nd.year = nextYear
          } AS dropped
     // Only what changed is written: a new plan changes the status of a few measures of its series.
     WHERE coalesce(m.lineage, '') <> coalesce(lineage, '') OR coalesce(m.dropped, false) <> dropped
     SET m.lineage = lineage, m.dropped = dropped`,
    { region },
  );
}

/** Continuations between the document and each other plan of its series. */
async function seriesLinks(
  tx: ManagedTransaction,
  key: string,
  year: number,
  own: LineageMeasure[],
  years: Map<string, number>,
): Promise<Continuation[]> {
  const others = [...years.keys()];
  const queries = own.flatMap((m) => {
    const query = candidateQuery(m.prepared.plain);
    return query ? [{ key: m.key, query }] : [];
  });
  const found = await tx.run(
    `${CYPHER}
     CALL {
       UNWIND $queries AS q
       CALL db.index.fulltext.queryNodes('measure_text', q.query, {limit: $limit}) YIELD node
       WITH q, node WHERE node.document IN $others
       RETURN q.key AS measure, node AS candidate
       UNION
       UNWIND $measures AS key
       MATCH (m:Measure {key: key})-[:MENTIONS]->(e:Entity)
       WHERE COUNT { (e)<-[:MENTIONS]-() } <= $hub
       MATCH (e)<-[:MENTIONS]-(o:Measure)
       WHERE o.document IN $others
       WITH key, o, count(e) AS shared ORDER BY shared DESC, o.key
       WITH key, collect(o)[..$perMeasure] AS os
       UNWIND os AS o
       RETURN key AS measure, o AS candidate
     }
     RETURN measure, candidate {.key, .document, .text} AS candidate`,
    {
      queries,
      measures: own.map((m) => m.key),
      others,
      limit: CANDIDATES,
      hub: HUB_MENTIONS,
      perMeasure: ENTITY_CANDIDATES,
    },
  );
  interface Group {
    measures: Map<string, LineageMeasure>;
    pairs: [string, string][];
  }
  const byDocument = new Map<string, Group>();
  for (const r of found.records) {
    const candidate = r.get('candidate') as Row;
    const group: Group = byDocument.get(candidate.document) ?? { measures: new Map(), pairs: [] };
    if (!group.measures.has(candidate.key)) group.measures.set(candidate.key, prepared(candidate));
    group.pairs.push([String(r.get('measure')), candidate.key]);
    byDocument.set(candidate.document, group);
  }
  const links: Continuation[] = [];
  for (const [document, group] of [...byDocument].sort(([a], [b]) => a.localeCompare(b))) {
    const theirs = [...group.measures.values()];
    if (years.get(document)! < year) links.push(...continuations(own, theirs, group.pairs));
    else
      links.push(
        ...continuations(
          theirs,
          own,
          group.pairs.map(([mine, other]) => [other, mine]),
        ),
      );
  }
  return links;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Documents whose lineage another version computed (or none did): relinked one transaction each. */
export async function staleLineage(
  tx: ManagedTransaction,
): Promise<{ key: string; region: string | null }[]> {
  const result = await tx.run(
    `MATCH (d:Document) WHERE d.lineage IS NULL OR d.lineage <> $version
     RETURN d.key AS key, d.region AS region ORDER BY d.year, d.key`,
    { version: LINEAGE_VERSION },
  );
  return result.records.map((r) => ({
    key: String(r.get('key')),
    region: (r.get('region') as string | null) ?? null,
  }));
}
