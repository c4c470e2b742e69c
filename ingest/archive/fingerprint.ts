/**
 * The corpus fingerprint: what must be equal after an export and an import into another Neo4j. Every
 * node but the migration records (`:Migration`, the schema's own bookkeeping, made again by the
 * import's migrations) and the kept originals (`:Source`, when SOURCES_STORE=graph: the archive
 * carries the originals apart, and the importing side keeps them where its configuration says) counts with its labels and properties; every relationship with its type, its
 * properties and its ends, each end named by its labels and key (`key`, or `sha256` for a kept
 * original, or all its properties for a node with neither). Element ids do not count: they differ
 * between databases. Order-free (a sum of SHA-256 hashes mod 2^256), so it is computed streaming,
 * without holding or sorting the graph. The CLI prints it after export and import; the tests compare it.
 */
import { createHash } from 'node:crypto';
import { stable } from '../../model/json';
import type { ManagedTransaction, Session, Transaction } from 'neo4j-driver';
import type { Connection } from '../../store/connection';
import { encodeProps, encodeValue, type Encoded } from './values';

export interface CorpusFingerprint {
  nodes: number;
  relationships: number;
  /** SHA-256 (hex) of the counts and both sums. */
  hash: string;
}

type Runner = Pick<Session | Transaction | ManagedTransaction, 'run'>;

const MOD = 1n << 256n;

function digest(text: string): bigint {
  return BigInt(`0x${createHash('sha256').update(text).digest('hex')}`);
}

/** Outside the corpus graph: the migrations' records and the kept originals (the archive carries those as sources). */
const OUTSIDE = (n: string) => `NOT ${n}:Migration AND NOT ${n}:Source`;

export const NODES = `MATCH (n) WHERE ${OUTSIDE('n')} RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props`;
/** Each end's labels and key (al, ak, ap; bl, bk, bp) for the fingerprint; a and b: the ends' element ids. */
export const RELATIONSHIPS = `MATCH (a)-[r]->(b) WHERE ${OUTSIDE('a')} AND ${OUTSIDE('b')}
RETURN type(r) AS type, properties(r) AS props, elementId(a) AS a, elementId(b) AS b,
  labels(a) AS al, coalesce(a.key, a.sha256) AS ak, CASE WHEN coalesce(a.key, a.sha256) IS NULL THEN properties(a) END AS ap,
  labels(b) AS bl, coalesce(b.key, b.sha256) AS bk, CASE WHEN coalesce(b.key, b.sha256) IS NULL THEN properties(b) END AS bp`;

interface Row {
  get(key: string): unknown;
}

/** The running sums: add every node and relationship (rows of NODES and RELATIONSHIPS), in any order. */
export class FingerprintSum {
  private nodes = 0;
  private relationships = 0;
  private nodeSum = 0n;
  private relSum = 0n;

  node(labels: string[], props: Record<string, Encoded>): void {
    this.nodeSum = (this.nodeSum + digest(stable({ labels: labels.slice().sort(), props }))) % MOD;
    this.nodes += 1;
  }

  relationship(row: Row, props: Record<string, Encoded>): void {
    const end = (l: string, k: string, p: string) => ({
      labels: (row.get(l) as string[]).slice().sort(),
      key: encodeValue(row.get(k), 'end key'),
      props: row.get(p) ? encodeProps(row.get(p) as Record<string, unknown>, 'end') : null,
    });
    const text = stable({ type: row.get('type'), props, a: end('al', 'ak', 'ap'), b: end('bl', 'bk', 'bp') });
    this.relSum = (this.relSum + digest(text)) % MOD;
    this.relationships += 1;
  }

  result(): CorpusFingerprint {
    const hash = createHash('sha256')
      .update(
        `${this.nodes}\0${this.relationships}\0${this.nodeSum.toString(16)}\0${this.relSum.toString(16)}`,
      )
      .digest('hex');
    return { nodes: this.nodes, relationships: this.relationships, hash };
  }
}

/**
 * The fingerprint of what `runner` sees. Give it the lossless driver's session or transaction
 * (`connection.exactDriver()`), so an integer and a float of the same value differ.
 */
export async function corpusFingerprint(runner: Runner): Promise<CorpusFingerprint> {
  const sum = new FingerprintSum();
  for await (const r of runner.run(NODES))
    sum.node(r.get('labels') as string[], encodeProps(r.get('props') as Record<string, unknown>, 'node'));
  for await (const r of runner.run(RELATIONSHIPS))
    sum.relationship(r, encodeProps(r.get('props') as Record<string, unknown>, 'relationship'));
  return sum.result();
}

/** The fingerprint of the database `connection` names (read with the lossless driver). */
export async function fingerprintOf(connection: Connection): Promise<CorpusFingerprint> {
  const session = connection
    .exactDriver()
    .session({ database: connection.database, defaultAccessMode: 'READ' });
  try {
    return await session.executeRead((tx) => corpusFingerprint(tx));
  } finally {
    await session.close();
  }
}

export function sameFingerprint(a: CorpusFingerprint, b: CorpusFingerprint): boolean {
  return a.hash === b.hash && a.nodes === b.nodes && a.relationships === b.relationships;
}

export function describeFingerprint(f: CorpusFingerprint): string {
  return `${f.nodes} nodes, ${f.relationships} relationships, fingerprint ${f.hash}`;
}
