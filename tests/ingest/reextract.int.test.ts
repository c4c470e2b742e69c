/**
 * Re-extraction when the pipeline changes (ingest/pipeline-version.ts, ingest/reextract.ts) against
 * the real Neo4j: the version follows the extraction's code and data; documents of another version
 * are extracted again from their originals, pick up a gazetteer change and keep the user's metadata
 * edits; a document whose original was not kept is left as it was and named; a run killed half-way
 * leaves every document either old or new, never mixed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { updateDocument } from '../../ingest/corpus';
import { GAZETTEER_FILE, parseGazetteer } from '../../ingest/gazetteer/gazetteer';
import { ingestBatch, ingestFiles } from '../../ingest/ingest';
import { computePipelineVersion, PIPELINE_INPUTS, pipelineVersion } from '../../ingest/pipeline-version';
import { reextract, staleDocuments } from '../../ingest/reextract';
import type { Connection } from '../../store/connection';
import { keepOriginals } from '../../ingest/originals/keep';
import { openOriginals } from '../../ingest/originals/open';
import { count, repoRoot, resetDatabase, testConnection, testNeo4jEnv } from '../../testkit/db';
import { run } from '../../testkit/process';
import { stable } from '../../testkit/fingerprint';

const SEED = path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const FILES = [
  SEED,
  ...[
    '2016-guangdong-hong-kong-key-work-older.txt',
    '2019-shenzhen-hong-kong-qianhai-action-plan.md',
    '2021-guangdong-task-division-plan-simplified.txt',
    '2022-guangdong-hong-kong-macao-youth-plan.txt',
  ].map((name) => path.join(repoRoot, 'tests/fixtures/documents', name)),
];
const SEED_KEY = '2020-guangdong-hong-kong-cooperation-work-plan';
/** A phrase of the seed that the repository's gazetteer does not know, added as a row in the tests. */
const NEW_ENTITY = '跨境醫療保險';
const NEW_ROW = [
  'Program',
  NEW_ENTITY,
  '跨境医疗保险',
  'Cross-boundary medical insurance',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
];

function gazetteerWithRow(): string {
  return `${readFileSync(GAZETTEER_FILE, 'utf8').replace(/\n+$/, '')}\n${NEW_ROW.join('\t')}\n`;
}

const bySha = new Map(
  FILES.map((file) => {
    const bytes = readFileSync(file);
    return [createHash('sha256').update(bytes).digest('hex'), new Uint8Array(bytes)] as const;
  }),
);
const originals = async (sha256: string) => bySha.get(sha256) ?? null;

/** A document's own content: its sections and measures and their relationships, by key. */
async function documentContent(connection: Connection, key: string): Promise<string[]> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.run(
      `MATCH (n) WHERE (n:Section OR n:Measure) AND n.document = $key
       OPTIONAL MATCH (n)-[r:HAS_SECTION|HAS_MEASURE|MENTIONS|ASSIGNED_TO]->(b)
       RETURN labels(n) AS labels, properties(n) AS properties, type(r) AS type, b.key AS target,
              properties(r) AS rel`,
      { key },
    );
    return result.records.map((r) => stable(r.toObject())).sort();
  } finally {
    await session.close();
  }
}

async function pipelines(connection: Connection): Promise<Record<string, string | null>> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.run('MATCH (d:Document) RETURN d.key AS key, d.pipeline AS pipeline');
    return Object.fromEntries(result.records.map((r) => [r.get('key'), r.get('pipeline')]));
  } finally {
    await session.close();
  }
}

async function markOlder(connection: Connection): Promise<void> {
  const session = connection.driver.session({ database: connection.database });
  try {
    await session.run("MATCH (d:Document) SET d.pipeline = 'older'");
  } finally {
    await session.close();
  }
}

describe('the pipeline version', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'pipeline-version-'));
    for (const input of PIPELINE_INPUTS)
      cpSync(path.join(repoRoot, input), path.join(root, input), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('changes with a gazetteer row or the extraction code, not with line endings or other files', () => {
    const before = computePipelineVersion(root);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    const gazetteer = path.join(root, 'ingest/data/gazetteer.tsv');
    const text = readFileSync(gazetteer, 'utf8');
    writeFileSync(gazetteer, text.replace(/\n/g, '\r\n'));
    expect(computePipelineVersion(root)).toBe(before);
    writeFileSync(path.join(root, 'ingest/notes.md'), 'not part of the pipeline');
    expect(computePipelineVersion(root)).toBe(before);
    writeFileSync(gazetteer, gazetteerWithRow());
    const withRow = computePipelineVersion(root);
    expect(withRow).not.toBe(before);
    writeFileSync(gazetteer, text);
    expect(computePipelineVersion(root)).toBe(before);
    const stage = path.join(root, 'ingest/stages/segment.ts');
    writeFileSync(stage, `${readFileSync(stage, 'utf8')}\n// a change\n`);
    expect(computePipelineVersion(root)).not.toBe(before);
  });
});

describe('re-extraction', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await testConnection();
  });
  beforeEach(async () => {
    await resetDatabase(connection);
    await ingestFiles(connection, FILES, { workers: 0 });
  });
  afterAll(() => connection.close());

  it('records the version on every document; a document of this version is not extracted again', async () => {
    expect(Object.values(await pipelines(connection))).toEqual(FILES.map(() => pipelineVersion()));
    expect(await staleDocuments(connection)).toEqual([]);
    const summary = await reextract(connection, { originals, workers: 0 });
    expect(summary).toMatchObject({ total: 0, replaced: 0 });
  });

  it('extracts documents of another version again: the gazetteer change reaches them, metadata edits stay', async () => {
    expect(
      await count(connection, 'MATCH (e:Entity {name: $name}) RETURN count(e)', { name: NEW_ENTITY }),
    ).toBe(0);
    await markOlder(connection);
    await updateDocument(connection, SEED_KEY, { title: '由使用者改正的標題', year: 2019 });
    const progress: string[] = [];
    const summary = await reextract(connection, {
      originals,
      workers: 0,
      gazetteer: parseGazetteer(gazetteerWithRow()),
      onDocument: (p) => progress.push(`${p.done}/${p.total} ${p.key} ${p.outcome}`),
    });
    expect(summary).toMatchObject({ total: FILES.length, replaced: FILES.length, missing: [], failed: [] });
    expect(progress).toHaveLength(FILES.length);
    expect(progress.at(-1)).toMatch(new RegExp(`^${FILES.length}/${FILES.length} .* replaced$`));
    // The new row is found in the seed's measures now.
    expect(
      await count(
        connection,
        'MATCH (m:Measure {document: $key})-[:MENTIONS]->(e:Entity {name: $name}) RETURN count(m)',
        { key: SEED_KEY, name: NEW_ENTITY },
      ),
    ).toBeGreaterThan(0);
    expect(Object.values(await pipelines(connection))).toEqual(FILES.map(() => pipelineVersion()));
    // The user's corrections outlived it, with the record of the edit.
    const session = connection.driver.session({ database: connection.database });
    try {
      const d = (
        await session.run('MATCH (d:Document {key: $key}) RETURN d', { key: SEED_KEY })
      ).records[0]!.get('d').properties;
      expect(d.title).toBe('由使用者改正的標題');
      expect(Number(d.year)).toBe(2019);
      expect([...d.edited].sort()).toEqual(['title', 'year']);
      expect(d.editedAt).toBeDefined();
    } finally {
      await session.close();
    }
    expect(await staleDocuments(connection)).toEqual([]);
  });

  it('leaves a document whose original was not kept, or is damaged, as it was, and names it', async () => {
    const before = await documentContent(connection, SEED_KEY);
    await markOlder(connection);
    const seedSha = createHash('sha256').update(readFileSync(SEED)).digest('hex');
    const damaged = [...bySha.keys()].find((sha) => sha !== seedSha)!;
    const summary = await reextract(connection, {
      originals: async (sha) => {
        if (sha === damaged) throw new Error('the original is damaged');
        return sha === seedSha ? null : originals(sha);
      },
      workers: 0,
    });
    expect(summary.missing).toEqual([SEED_KEY]);
    expect(summary.failed).toEqual([{ key: expect.any(String), reason: 'the original is damaged' }]);
    expect(summary.replaced).toBe(FILES.length - 2);
    expect(await documentContent(connection, SEED_KEY)).toEqual(before);
    expect((await staleDocuments(connection)).map((d) => d.key).sort()).toEqual(
      [SEED_KEY, summary.failed[0]!.key].sort(),
    );
  });

  it('npm run reextract: lists them with --dry-run, then extracts them from the kept originals, naming a missing one', async () => {
    // The originals of all but the seed kept, in the graph (the default with NEO4J_URI).
    const kept = FILES.filter((file) => file !== SEED);
    const outcomes = await ingestBatch(connection, kept, { workers: 0 });
    await keepOriginals(
      connection,
      openOriginals(connection, { keep: 'graph', dir: '' }),
      kept,
      outcomes,
      {},
    );
    await markOlder(connection);
    const env = testNeo4jEnv();
    const dry = run(['ingest/reextract-cli.ts', '--dry-run'], env);
    expect((await dry.exited).code).toBe(0);
    expect(dry.output()).toContain(`${FILES.length} document(s) were extracted by another pipeline version`);
    expect(dry.output()).toContain(`${SEED_KEY}\tolder\t`);
    expect(Object.values(await pipelines(connection))).toEqual(FILES.map(() => 'older'));
    const real = run(['ingest/reextract-cli.ts'], env);
    // One document without its original: the others are done, it is named, and the exit says so.
    expect((await real.exited).code).toBe(1);
    expect(real.output()).toMatch(new RegExp(`${SEED_KEY}: not extracted again: its original was not kept`));
    expect(real.output()).toContain(
      `Extracted again: ${FILES.length - 1} of ${FILES.length}; original missing: 1; failed: 0.`,
    );
    expect((await staleDocuments(connection)).map((d) => d.key)).toEqual([SEED_KEY]);
  });

  it('killed half-way, leaves every document either old or new, never mixed; the next run finishes', async () => {
    const keys = Object.keys(await pipelines(connection)).sort();
    const old = new Map<string, string[]>();
    for (const key of keys) old.set(key, await documentContent(connection, key));
    await markOlder(connection);
    const dir = mkdtempSync(path.join(tmpdir(), 'reextract-kill-'));
    const gazetteer = path.join(dir, 'gazetteer.tsv');
    writeFileSync(gazetteer, gazetteerWithRow());
    // A separate process re-extracts one document per transaction and is killed (SIGKILL: no cleanup)
    // as soon as it reports its first document committed, while it works on the next.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'tests/ingest/reextract-child.ts'), gazetteer, ...FILES],
      { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    for await (const line of readline.createInterface({ input: child.stdout! })) {
      if (line.startsWith('replaced ')) {
        child.kill('SIGKILL');
        break;
      }
    }
    await exited;
    rmSync(dir, { recursive: true, force: true });
    // Every document is whole: its old content with the old version, or the new version's.
    const versions = await pipelines(connection);
    const replaced = keys.filter((k) => versions[k] !== 'older');
    expect(replaced.length).toBeGreaterThanOrEqual(1);
    expect(replaced.length).toBeLessThan(keys.length);
    for (const key of keys.filter((k) => versions[k] === 'older'))
      expect(await documentContent(connection, key)).toEqual(old.get(key));
    for (const key of replaced) expect(versions[key]).toBe(pipelineVersion());
    // The seed is first in key order only if it sorts first; whichever it is, it is whole.
    const mentionsNew = await count(
      connection,
      'MATCH (m:Measure {document: $key})-[:MENTIONS]->(e:Entity {name: $name}) RETURN count(m)',
      { key: SEED_KEY, name: NEW_ENTITY },
    );
    if (replaced.includes(SEED_KEY)) expect(mentionsNew).toBeGreaterThan(0);
    else expect(mentionsNew).toBe(0);
    // The next run takes the rest.
    const summary = await reextract(connection, { originals, workers: 0 });
    expect(summary.replaced).toBe(keys.length - replaced.length);
    expect(await staleDocuments(connection)).toEqual([]);
  });
});
