/**
 * `npm run corpus -- import FILE --reextract` as a user runs it, against the test Neo4j (NEO4J_URI, so
 * the originals are `:Source` nodes): the documents of an archive an older pipeline made are extracted
 * again from the archive's originals — what the older extraction got wrong is what this pipeline
 * makes of the original, their keys and the user's metadata edits are the dump's —; an archive
 * lacking a document's original is refused naming it, leaving the database as it was; and a document
 * that cannot be extracted empties the database again, naming it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fingerprintOf } from '../../ingest/archive/fingerprint';
import type { Line, NodeLine } from '../../ingest/archive/format';
import { updateDocument } from '../../ingest/corpus';
import { ingestBatch } from '../../ingest/ingest';
import { keepOriginals } from '../../ingest/originals/keep';
import { openOriginals } from '../../ingest/originals/open';
import { sha256Of } from '../../ingest/originals/originals';
import { pipelineVersion } from '../../ingest/pipeline-version';
import type { Connection } from '../../store/connection';
import { count, repoRoot, resetDatabase, testConnection, testNeo4jEnv } from '../../testkit/db';
import { stable } from '../../testkit/fingerprint';
import { run } from '../../testkit/process';

const SEED_KEY = '2020-guangdong-hong-kong-cooperation-work-plan';
const OLDER_KEY = '2016-guangdong-hong-kong-key-work-older';
const FILES = [
  path.join(repoRoot, `seeds/${SEED_KEY}.txt`),
  path.join(repoRoot, `tests/fixtures/documents/${OLDER_KEY}.txt`),
];
const EDIT = { title: '由使用者改正的標題', issuer: ['使用者改正的發文機關'] };

async function corpus(args: string[]) {
  const child = run(['ingest/archive/cli.ts', ...args], testNeo4jEnv());
  const { code } = await child.exited;
  return { code, output: child.output() };
}

async function rows(connection: Connection, cypher: string, params: Record<string, unknown> = {}) {
  const session = connection.driver.session({ database: connection.database });
  try {
    return (await session.run(cypher, params)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

/**
 * The policy graph as the pipeline and the user made it, sorted: every node's labels and properties
 * and every relationship's type, ends (by key) and properties. Only `loadedAt`, the time of each
 * load, is left out.
 */
async function graph(connection: Connection): Promise<string[]> {
  const nodes = await rows(
    connection,
    'MATCH (n) WHERE NOT n:Migration AND NOT n:Source RETURN labels(n) AS labels, properties(n) AS props',
  );
  for (const node of nodes) delete (node.props as Record<string, unknown>).loadedAt;
  const rels = await rows(
    connection,
    `MATCH (a)-[r]->(b) WHERE NOT a:Source AND NOT a:Migration
     RETURN type(r) AS type, a.key AS a, b.key AS b, properties(r) AS props`,
  );
  return [...nodes, ...rels].map((r) => stable(r)).sort();
}

describe('npm run corpus -- import --reextract', () => {
  let connection: Connection;
  let dir: string;
  /** The graph this pipeline makes of the files, with the user's edit. */
  let expected: string[];
  let archive: string;

  beforeAll(async () => {
    connection = await testConnection();
    dir = mkdtempSync(path.join(tmpdir(), 'corpus-reextract-'));
    archive = path.join(dir, 'older.jsonl.gz');
    await resetDatabase(connection);
    const outcomes = await ingestBatch(connection, FILES, { workers: 0 });
    await keepOriginals(connection, openOriginals(connection, { keep: 'graph', dir: '' }), FILES, outcomes);
    await updateDocument(connection, SEED_KEY, EDIT);
    expected = await graph(connection);
    // What an older pipeline extracted: a measure's text cut short, a mention it did not find.
    await rows(
      connection,
      `MATCH (d:Document) SET d.pipeline = 'older'
       WITH count(d) AS n
       MATCH (m:Measure {document: $key}) WITH m ORDER BY m.key LIMIT 1 SET m.text = '舊的抽取'
       WITH m MATCH (:Measure {document: $key})-[r:MENTIONS]->() WITH r LIMIT 1 DELETE r`,
      { key: SEED_KEY },
    );
    const exported = await corpus(['export', archive]);
    expect(exported.code).toBe(0);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await connection.close();
  });

  it('extracts every document again from the archive, keeping keys and the metadata edits, nothing else of the dump', async () => {
    const older = await graph(connection);
    expect(older).not.toEqual(expected);

    await resetDatabase(connection);
    const imported = await corpus(['import', archive, '--reextract']);
    expect(imported.code).toBe(0);
    const version = pipelineVersion();
    expect(imported.output).toContain(`[2/2] ${SEED_KEY}: extracted again`);
    expect(imported.output).toContain(
      `its 2 documents extracted again by pipeline ${version}: 2 originals; `,
    );

    expect(await graph(connection)).toEqual(expected);
    const [seed] = await rows(
      connection,
      'MATCH (d:Document {key: $key}) RETURN d.title AS title, d.issuer AS issuer, d.edited AS edited, d.pipeline AS pipeline',
      { key: SEED_KEY },
    );
    expect(seed).toEqual({ ...EDIT, edited: ['title', 'issuer'], pipeline: version });
    expect(await count(connection, 'MATCH (s:Source) RETURN count(s)')).toBe(FILES.length);
    expect(
      await count(connection, 'MATCH (d:Document) WHERE d.pipeline <> $version RETURN count(d)', { version }),
    ).toBe(0);
  });

  it("an archive without a document's original is refused naming it, the database untouched even with --replace", async () => {
    const partial = path.join(dir, 'partial.jsonl.gz');
    await rows(connection, 'MATCH (d:Document {key: $key}) MATCH (s:Source {sha256: d.sha256}) DELETE s', {
      key: OLDER_KEY,
    });
    expect((await corpus(['export', partial])).code).toBe(0);
    const before = await fingerprintOf(connection);

    const refused = await corpus(['import', partial, '--reextract', '--replace']);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(
      `${partial} lacks the original of 1 document(s), so they cannot be extracted again: ${OLDER_KEY} (${OLDER_KEY}.txt).`,
    );
    expect(refused.output).toContain('The database was not changed.');
    expect(await fingerprintOf(connection)).toEqual(before);
  });

  it('a document that cannot be extracted again empties the database again, naming it', async () => {
    // The older plan's original made blank (and its SHA-256 with it, in the source line and the Document).
    const blank = Buffer.from('   \n');
    const lines = gunzipSync(readFileSync(archive))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Line);
    const older = lines.find((l): l is NodeLine => l.kind === 'node' && l.props.key === OLDER_KEY)!;
    for (const line of lines)
      if (line.kind === 'source' && line.meta.sha256 === older.props.sha256) {
        line.meta = { ...line.meta, sha256: sha256Of(blank), bytes: blank.length };
        line.bytes = blank.toString('base64');
      }
    older.props.sha256 = sha256Of(blank);
    const broken = path.join(dir, 'broken.jsonl.gz');
    writeFileSync(broken, gzipSync(lines.map((l) => JSON.stringify(l)).join('\n')));

    const failed = await corpus(['import', broken, '--reextract', '--replace']);
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(
      new RegExp(`1 of 2 document\\(s\\) could not be extracted again \\(${OLDER_KEY}: [^)]+\\)`),
    );
    expect(failed.output).toContain('The database was emptied again');
    expect(await count(connection, 'MATCH (n) WHERE NOT n:Migration RETURN count(n)')).toBe(0);
  });
});
