/**
 * Moving a corpus between Neo4j servers with `npm run corpus`, as a user does it (issue 18's
 * acceptance), each step through the CLI:
 *
 * - embedded → another Neo4j → embedded: the export of an embedded Neo4j (its originals in the folder
 *   beside its data) is imported into a second Neo4j through NEO4J_URI (the originals become
 *   `:Source` nodes there), exported from it again, and imported back into the embedded one: every
 *   step prints the same fingerprint, and every archive carries the same originals, byte for byte.
 * - "Deleting `.data/neo4j` and running `npm run corpus -- import` on an export restores the same
 *   graph": the embedded Neo4j's data folder (`<tmp>/.data/neo4j`) is deleted and the CLI, starting
 *   the embedded Neo4j itself, imports into the empty one it makes; an export of it afterwards has the
 *   fingerprint the corpus had at the start.
 *
 * The second Neo4j is the embedded launcher on a port and data folder of its own, as
 * tests/setup/global-setup.ts starts the test Neo4j.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeFingerprint, fingerprintOf } from '../../ingest/archive/fingerprint';
import { readArchive, type SourceLine } from '../../ingest/archive/format';
import { updateDocument } from '../../ingest/corpus';
import { ingestBatch } from '../../ingest/ingest';
import { FolderOriginals } from '../../ingest/originals/folder';
import { keepOriginals } from '../../ingest/originals/keep';
import { sha256Of } from '../../ingest/originals/originals';
import { loadConfig } from '../../store/config';
import { connect, type Connection } from '../../store/connection';
import { startEmbedded, type EmbeddedNeo4j } from '../../store/embedded/process';
import { count, repoRoot } from '../../testkit/db';
import { freePorts } from '../../testkit/ports';
import { run } from '../../testkit/process';

const SEED_KEY = '2020-guangdong-hong-kong-cooperation-work-plan';
const FILES = [
  path.join(repoRoot, `seeds/${SEED_KEY}.txt`),
  // An earlier plan of the seed's series (lineage between them) and a plan in Big5.
  path.join(repoRoot, 'tests/fixtures/documents/2016-guangdong-hong-kong-key-work-older.txt'),
  path.join(repoRoot, 'tests/fixtures/documents/2022-guangdong-hong-kong-macao-youth-plan.txt'),
];

/** `npm run corpus -- …args` with only the given Neo4j settings (none of the test run's or the user's). */
async function corpus(args: string[], env: Record<string, string>) {
  const child = run(['ingest/archive/cli.ts', ...args], {
    NEO4J_URI: '',
    NEO4J_USER: '',
    NEO4J_PASSWORD: '',
    NEO4J_DATABASE: '',
    SOURCES_STORE: '',
    SOURCES_DIR: '',
    NEO4J_DATA_DIR: '',
    ...env,
  });
  const { code } = await child.exited;
  const output = child.output();
  if (code !== 0) throw new Error(`npm run corpus -- ${args.join(' ')} exited ${code}:\n${output}`);
  return output;
}

/** The archive's originals: metadata and bytes, in its order. */
async function originalsOf(file: string): Promise<SourceLine[]> {
  const lines: SourceLine[] = [];
  for await (const line of readArchive(file)) if (line.kind === 'source') lines.push(line);
  return lines;
}

function connectTo(neo4j: EmbeddedNeo4j): Promise<Connection> {
  return connect({
    repoRoot,
    neo4j: { uri: neo4j.uri, user: neo4j.auth.user, password: neo4j.auth.password, database: null },
    embedded: loadConfig({}).embedded,
  });
}

describe('moving a corpus between Neo4j servers with npm run corpus', () => {
  let root: string;
  /** The embedded Neo4j's data folder and, beside it, its originals (the defaults' layout). */
  let data: string;
  let sources: string;
  let other: EmbeddedNeo4j | null = null;
  let started: string;
  /** `… N nodes, M relationships, fingerprint H` of the corpus as it was ingested. */
  let expected: string;
  const archive = (name: string) => path.join(root, `${name}.jsonl.gz`);

  /** The CLI with the embedded Neo4j (no NEO4J_URI) in `data`, on a port of its own. */
  const embedded = async () => {
    const [bolt] = await freePorts(1);
    return { NEO4J_DATA_DIR: data, NEO4J_BOLT_PORT: String(bolt), NEO4J_HEAP: '1g', NEO4J_PAGECACHE: '256m' };
  };
  /** The CLI with the other Neo4j (NEO4J_URI: its originals in the graph). */
  const remote = () => ({
    NEO4J_URI: other!.uri,
    NEO4J_USER: other!.auth.user,
    NEO4J_PASSWORD: other!.auth.password,
  });

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'corpus-move-'));
    data = path.join(root, '.data', 'neo4j');
    sources = path.join(root, '.data', 'sources');
    const [a, b] = await freePorts(2);
    const options = { repoRoot, heap: '1g', pageCache: '256m' };
    // Both JVMs start at once: the embedded one to ingest the corpus into, and the other Neo4j.
    const [first, second] = await Promise.all([
      startEmbedded({ ...options, port: a, dataDir: data }),
      startEmbedded({ ...options, port: b, dataDir: path.join(root, 'other') }),
    ]);
    other = second;
    try {
      const connection = await connectTo(first);
      try {
        const outcomes = await ingestBatch(connection, FILES, { workers: 0 });
        await keepOriginals(connection, new FolderOriginals(sources), FILES, outcomes);
        await updateDocument(connection, SEED_KEY, { title: '由使用者改正的標題', year: 2019 });
        expect(await count(connection, 'MATCH ()-[r:CONTINUES]->() RETURN count(r)')).toBeGreaterThan(0);
        expected = describeFingerprint(await fingerprintOf(connection));
      } finally {
        await connection.close();
      }
    } finally {
      await first.stop();
    }
    started = new Date().toISOString();
  });
  afterAll(async () => {
    await other?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('embedded → another Neo4j → embedded: the same fingerprint at every step, the same originals in every archive', async () => {
    expect(readdirSync(sources)).toHaveLength(2 * FILES.length);

    expect(await corpus(['export', archive('embedded')], await embedded())).toContain(
      `${FILES.length} originals; ${expected}`,
    );

    expect(await corpus(['import', archive('embedded')], remote())).toContain(
      `${FILES.length} originals; ${expected}`,
    );
    const connection = await connectTo(other!);
    try {
      expect(describeFingerprint(await fingerprintOf(connection))).toBe(expected);
      expect(await count(connection, 'MATCH (s:Source) RETURN count(s)')).toBe(FILES.length);
    } finally {
      await connection.close();
    }
    expect(await corpus(['export', archive('other')], remote())).toContain(
      `${FILES.length} originals; ${expected}`,
    );
    await other!.stop();
    other = null;

    const originals = await originalsOf(archive('embedded'));
    expect(await originalsOf(archive('other'))).toEqual(originals);
    expect(originals.map((o) => o.meta.sha256).sort()).toEqual(
      FILES.map((file) => sha256Of(readFileSync(file))).sort(),
    );
  });

  it('deleting .data/neo4j and running npm run corpus -- import on an export restores the same graph', async () => {
    rmSync(data, { recursive: true });
    expect(existsSync(data)).toBe(false);

    // The export from the other Neo4j: its originals came from the :Source nodes there.
    const imported = await corpus(['import', archive('other')], await embedded());
    expect(imported).toContain(`${FILES.length} originals; ${expected}`);
    expect(existsSync(path.join(data, 'data'))).toBe(true);

    const again = await corpus(['export', archive('again')], await embedded());
    expect(again).toContain(`${FILES.length} originals; ${expected}`);
    expect(await originalsOf(archive('again'))).toEqual(await originalsOf(archive('embedded')));
    // The originals beside the data folder are the ones first kept, untouched by the import.
    for (const o of await originalsOf(archive('again')))
      expect(
        JSON.parse(readFileSync(path.join(sources, `${o.meta.sha256}.json`), 'utf8')).ingestedAt < started,
      ).toBe(true);
  });
});
