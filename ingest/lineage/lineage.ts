/**
 * Measure lineage in the graph: `(newer:Measure)-[:CONTINUES {kind, similarity, alignment}]->(older)`
 * between every two plans of a series (the same partner region, `Document.region`, and different
 * years), and `(a)-[:SIMILAR_TO {similarity, alignment}]->(b)` between measures of one plan that say
 * nearly the same thing.
 *
 * `linkDocument` recomputes everything one document takes part in, in one transaction of its own
 * right after the document's (`relink`), so no lineage is ever half written; a document whose
 * lineage transaction did not commit is relinked at the next start (`relinkStale`).
 * As the Legislative Influence Detector does, candidates come from a full-text ranking (the top
 * `CANDIDATES` per measure, by the `cjk` bigrams of its Simplified text) and from the entities a
 * measure shares with others, both among the measures of its own series, read once into memory
 * (`candidates.ts`: `SeriesIndex`); `match.ts` aligns them and decides.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { awaitSearchable } from '../../store/schema';
import { flatAlignment } from '../../model/spans';
import { matchForm } from '../opencc';
import { prepare } from './align';
import { SeriesIndex, type SeriesMeasure } from './candidates';
import { continuations, similarWithin, type Continuation, type LineageMeasure } from './match';

export { CANDIDATES, candidateQuery } from './candidates';

/**
 * The series read so far in one run of relinks, by partner region: each is read once and serves every
 * plan of the series the run relinks (the run writes lineage only, never a measure's text or entities).
 */
export type SeriesIndexes = Map<string, SeriesIndex>;

/** Raised when the way lineage is computed changes; documents linked by another version are relinked. */
export const LINEAGE_VERSION = 2;
/**
 * The first version whose lineage of a plan outside every series is still current: version 2 changed
 * only where a series' plans find their candidates (their own series, not the whole corpus), so the
 * thousands of plans outside every series that a version-1 graph holds are not relinked for it.
 */
const OUTSIDE_SERIES_SINCE = 1;

const CYPHER = 'CYPHER replan=skip';

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

export interface LinkOptions {
  /** Refresh the status of the series' measures (false: a later relink of the series will). */
  refresh?: boolean;
  /** The series already read in this run of relinks; the document's series is added when missing. */
  series?: SeriesIndexes;
}

/**
 * Recomputes the lineage of document `key` (both directions) and its within-plan overlaps, then the
 * status of every measure of its series (and of `formerRegion`'s, when an edit moved it out of one).
 */
export async function linkDocument(
  tx: ManagedTransaction,
  key: string,
  formerRegion: string | null = null,
  { refresh = true, series: indexes }: LinkOptions = {},
): Promise<LinkCounts> {
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
    // Read before anything is written, like everything this transaction reads.
    const index = indexes?.get(region) ?? (await readSeries(tx, region));
    indexes?.set(region, index);
    links = seriesLinks(index, key, year, own);
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
  options: LinkOptions = {},
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
 * once, with its last plan, instead of once per plan (the refresh reads the whole series), and reading
 * each series once, with its first plan, for the candidates of all of them. A plan not yet relinked
 * when the process stops still has no lineage and is relinked at the next start, which refreshes its
 * series then. `onDone` hears of each key, with the error that stopped it, if any.
 */
export async function relinkMany(
  connection: Connection,
  keys: { key: string; region: string | null }[],
  onDone: (key: string, error: Error | null) => void = () => undefined,
): Promise<void> {
  const lastOfRegion = new Map(keys.map(({ key, region }) => [region, key]));
  const series: SeriesIndexes = new Map();
  for (const { key, region } of keys) {
    try {
      await relink(connection, key, null, {
        refresh: region === null || lastOfRegion.get(region) === key,
        series,
      });
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
  // A load that stopped may have left the measures' full-text index behind the graph: searches after
  // a load (this ends every ingest) see it whole. Lineage itself does not read it.
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
     // The series' years read once, not once per plan (a scan of every document each time).
     WITH collect(d) AS plans, collect(d.year) AS years
     UNWIND plans AS d
     WITH d,
          any(y IN years WHERE y < d.year) AS earlier,
          reduce(next = null, y IN years |
            CASE WHEN y > d.year AND (next IS NULL OR y < next) THEN y ELSE next END) AS nextYear
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

/**
 * The measures of the series `region` (its plans with a year) and the entities each mentions: the
 * candidates' index of every plan of the series.
 */
export async function readSeries(tx: ManagedTransaction, region: string): Promise<SeriesIndex> {
  const result = await tx.run(
    `${CYPHER}
     MATCH (d:Document {region: $region}) WHERE d.year IS NOT NULL
     MATCH (m:Measure {document: d.key})
     RETURN m.key AS key, d.key AS document, d.year AS year, m.text AS text,
            COLLECT { MATCH (m)-[:MENTIONS]->(e:Entity) RETURN DISTINCT e.key } AS entities`,
    { region },
  );
  return new SeriesIndex(
    result.records.map((r): SeriesMeasure => ({
      key: String(r.get('key')),
      document: String(r.get('document')),
      year: toNumber(r.get('year'))!,
      text: String(r.get('text') ?? ''),
      entities: (r.get('entities') as unknown[]).map(String),
    })),
  );
}

/** Continuations between the document and each other plan of its series, from the series' candidates. */
function seriesLinks(index: SeriesIndex, key: string, year: number, own: LineageMeasure[]): Continuation[] {
  interface Group {
    measures: Map<string, LineageMeasure>;
    pairs: [string, string][];
  }
  const byDocument = new Map<string, Group>();
  for (const { measure, candidate, document } of index.candidates(key, year, own)) {
    const group: Group = byDocument.get(document) ?? { measures: new Map(), pairs: [] };
    group.measures.set(candidate.key, candidate);
    group.pairs.push([measure, candidate.key]);
    byDocument.set(document, group);
  }
  const links: Continuation[] = [];
  for (const [document, group] of [...byDocument].sort(([a], [b]) => a.localeCompare(b))) {
    const theirs = [...group.measures.values()];
    if (index.years.get(document)! < year)
      links.push(...continuations(own, theirs, group.pairs, index.alignments));
    else
      links.push(
        ...continuations(
          theirs,
          own,
          group.pairs.map(([mine, other]) => [other, mine]),
          index.alignments,
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

/**
 * Documents whose lineage another version computed (or none did): relinked one transaction each. A
 * plan outside every series linked by a version since OUTSIDE_SERIES_SINCE is current.
 */
export async function staleLineage(
  tx: ManagedTransaction,
): Promise<{ key: string; region: string | null }[]> {
  const result = await tx.run(
    `MATCH (d:Document)
     WHERE d.lineage IS NULL OR d.lineage > $version
        OR d.lineage < CASE WHEN d.region IS NULL OR d.year IS NULL THEN $outside ELSE $version END
     RETURN d.key AS key, d.region AS region ORDER BY d.year, d.key`,
    { version: LINEAGE_VERSION, outside: OUTSIDE_SERIES_SINCE },
  );
  return result.records.map((r) => ({
    key: String(r.get('key')),
    region: (r.get('region') as string | null) ?? null,
  }));
}
