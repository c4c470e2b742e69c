/**
 * `npm run ingest` into the real Neo4j, as a child process: re-ingesting changes nothing, the same
 * entity is one node across scripts, and a run killed part-way leaves no half document behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENTITY_LABELS as ENTITY_TYPES } from '../../model/graph';
import { toSimplified } from '../../ingest/opencc';
import type { Connection } from '../../store/connection';
import { count, graphSize, repoRoot, resetDatabase, testConnection, testNeo4jEnv } from '../../testkit/db';
import { TSX } from '../../testkit/process';

const SEEDS = path.join(repoRoot, 'seeds');
const SEED = path.join(SEEDS, '2020-guangdong-hong-kong-cooperation-work-plan.txt');
const SEED_KEY = '2020-guangdong-hong-kong-cooperation-work-plan';
const BRIDGE = '港珠澳大桥';

/** The child's environment: the test Neo4j in the variables the CLI reads, nothing of a developer's own. */
function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...testNeo4jEnv() };
}

interface Ingest {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stderr matches; rejects if the process ends first. */
  stderrMatches: (pattern: RegExp) => Promise<void>;
  /** Resolves when the process has exited and its output is closed. */
  finished: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the CLI in a process group of its own: tsx runs the script in a second node process, and
 * a SIGKILL must reach that one too (a signal to the group does; tsx cannot relay a SIGKILL).
 */
function startIngest(args: string[], env: NodeJS.ProcessEnv = {}): Ingest {
  const child = spawn(TSX, ['ingest/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...childEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let ended = false;
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    waiters.forEach((w) => w());
  });
  const finished = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    // 'close' comes after every holder of the pipes (tsx and its node child) is gone.
    child.once('close', (code, signal) => {
      ended = true;
      waiters.forEach((w) => w());
      resolve({ code, signal });
    });
  });
  const stderrMatches = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(stderr)) {
          waiters.delete(check);
          resolve();
        } else if (ended) {
          waiters.delete(check);
          reject(new Error(`ingest ended before ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, stderrMatches, finished };
}

/** Runs the CLI to the end; fails with its output if it does not exit 0. */
async function ingest(args: string[]): Promise<string> {
  const run = startIngest(args);
  const { code } = await run.finished;
  if (code !== 0)
    throw new Error(`ingest exited ${code}\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
  return run.stdout();
}

async function entityCounts(connection: Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const label of ENTITY_TYPES)
    counts[label] = await count(connection, `MATCH (e:Entity:${label}) RETURN count(e)`);
  return counts;
}

/** Number of measures of each document, by document key. */
async function measuresPerDocument(connection: Connection): Promise<Map<string, number>> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.run(
      `MATCH (d:Document)
       OPTIONAL MATCH (d)-[:HAS_SECTION*1..2]->(:Section)-[:HAS_MEASURE]->(m:Measure)
       RETURN d.key AS key, count(DISTINCT m) AS measures`,
    );
    return new Map(result.records.map((r) => [r.get('key') as string, Number(r.get('measures'))]));
  } finally {
    await session.close();
  }
}

describe('ingest CLI into Neo4j', () => {
  let connection: Connection;
  let dir: string;
  /** The graph after one clean ingest of seeds/. */
  let single: {
    stdout: string;
    size: { nodes: number; relationships: number };
    entities: Record<string, number>;
  };

  beforeAll(async () => {
    connection = await testConnection();
    dir = await mkdtemp(path.join(tmpdir(), 'ingest-cli-int-'));
    await resetDatabase(connection);
    const stdout = await ingest([SEEDS]);
    single = { stdout, size: await graphSize(connection), entities: await entityCounts(connection) };
  });
  afterAll(async () => {
    await connection.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingesting seeds/ twice leaves the graph as it was, and the second run reports it unchanged', async () => {
    expect(single.stdout).toContain('Neo4j: 1 created, 0 replaced, 0 unchanged');
    expect(await measuresPerDocument(connection)).toEqual(new Map([[SEED_KEY, 57]]));
    expect(single.entities.Port).toBeGreaterThan(0);

    const again = await ingest([SEEDS]);
    expect(again).toContain('Neo4j: 0 created, 0 replaced, 1 unchanged');
    expect(await graphSize(connection)).toEqual(single.size);
    expect(await entityCounts(connection)).toEqual(single.entities);
  });

  it('the Simplified conversion of the seed, as a second document, shares its entity nodes', async () => {
    await resetDatabase(connection);
    const simplified = path.join(dir, `${SEED_KEY}-simplified.txt`);
    await writeFile(simplified, toSimplified(await readFile(SEED, 'utf8')), 'utf8');
    const stdout = await ingest([SEED, simplified]);
    expect(stdout).toContain('Neo4j: 2 created, 0 replaced, 0 unchanged');

    const simplifiedKey = `${SEED_KEY}-simplified`;
    expect(await measuresPerDocument(connection)).toEqual(
      new Map([
        [SEED_KEY, 57],
        [simplifiedKey, 57],
      ]),
    );
    expect(
      await count(connection, "MATCH (d:Document {key: $key, script: 'simplified'}) RETURN count(d)", {
        key: simplifiedKey,
      }),
    ).toBe(1);
    // Not one entity more than the seed alone gives.
    expect(await entityCounts(connection)).toEqual(single.entities);
    // One bridge, known by both written forms, mentioned by measures 2, 16 and 51 of each document.
    expect(
      await count(
        connection,
        "MATCH (e:Entity) WHERE '港珠澳大橋' IN e.aliases OR '港珠澳大桥' IN e.aliases RETURN count(e)",
      ),
    ).toBe(1);
    const session = connection.driver.session({ database: connection.database });
    try {
      const result = await session.run(
        `MATCH (m:Measure)-[:MENTIONS]->(e:Infrastructure:Entity {key: $bridge})
         WHERE '港珠澳大橋' IN e.aliases AND '港珠澳大桥' IN e.aliases
         RETURN m.document AS document, m.number AS number ORDER BY document, m.ordinal`,
        { bridge: BRIDGE },
      );
      expect(result.records.map((r) => `${r.get('document')}#${r.get('number')}`)).toEqual([
        `${SEED_KEY}#2`,
        `${SEED_KEY}#16`,
        `${SEED_KEY}#51`,
        `${simplifiedKey}#2`,
        `${simplifiedKey}#16`,
        `${simplifiedKey}#51`,
      ]);
    } finally {
      await session.close();
    }
    // Every measure mentions the same entities in both documents.
    const onlyInOne = `MATCH (a:Measure {document: $a})-[:MENTIONS]->(e:Entity)
      WHERE NOT EXISTS { MATCH (:Measure {document: $b, number: a.number})-[:MENTIONS]->(e) }
      RETURN count(*)`;
    expect(await count(connection, onlyInOne, { a: SEED_KEY, b: simplifiedKey })).toBe(0);
    expect(await count(connection, onlyInOne, { a: simplifiedKey, b: SEED_KEY })).toBe(0);
  });

  it('a run killed mid-ingest leaves no half document, and a re-run completes the folder', async () => {
    await resetDatabase(connection);
    const folder = await mkdtemp(path.join(dir, 'copies-'));
    const seedText = await readFile(SEED);
    const names = Array.from({ length: 30 }, (_, i) => `plan-${String(i + 1).padStart(2, '0')}.txt`);
    for (const name of names) await writeFile(path.join(folder, name), seedText);

    // Batches of three documents, each loaded in one transaction: the kill lands between batches or
    // inside one, and either way no document is half there.
    const killed = startIngest([folder], { INGEST_BATCH_DOCUMENTS: '3' });
    // The CLI prints a line per file once it is loaded (stderr is a pipe, not a TTY).
    await killed.stderrMatches(/plan-01\.txt: text, 57 measures/);
    process.kill(-killed.child.pid!, 'SIGKILL');
    expect((await killed.finished).signal).toBe('SIGKILL');

    const loaded = await measuresPerDocument(connection);
    expect(loaded.size).toBeGreaterThanOrEqual(1);
    expect(loaded.size).toBeLessThan(30); // killed part-way, not after the end
    for (const measures of loaded.values()) expect(measures).toBe(57);
    // Nothing of the interrupted document: no measure or section without its document.
    expect(
      await count(
        connection,
        'MATCH (m:Measure) WHERE NOT EXISTS { MATCH (:Document {key: m.document}) } RETURN count(m)',
      ),
    ).toBe(0);
    expect(
      await count(
        connection,
        'MATCH (s:Section) WHERE NOT EXISTS { MATCH (:Document {key: s.document}) } RETURN count(s)',
      ),
    ).toBe(0);
    expect(await count(connection, 'MATCH (m:Measure) RETURN count(m)')).toBe(57 * loaded.size);

    const stdout = await ingest([folder]);
    expect(stdout).toContain(`Neo4j: ${30 - loaded.size} created, 0 replaced, ${loaded.size} unchanged`);
    const complete = await measuresPerDocument(connection);
    expect([...complete.keys()].sort()).toEqual(names.map((n) => n.replace(/\.txt$/, '')));
    for (const measures of complete.values()) expect(measures).toBe(57);
    expect(await entityCounts(connection)).toEqual(single.entities);
  }, 300_000);
});

describe('ingest CLI: no input loses a document', () => {
  let connection: Connection;
  let dir: string;
  const plan = (measure: string) => `測試方案\n\n一、總體安排\n\n1. ${measure}\n`;

  beforeAll(async () => {
    connection = await testConnection();
    dir = await mkdtemp(path.join(tmpdir(), 'ingest-identity-'));
  });
  beforeEach(() => resetDatabase(connection));
  afterAll(async () => {
    await connection.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function documents(): Promise<Record<string, string>> {
    const session = connection.driver.session({ database: connection.database });
    try {
      const result = await session.run(
        'MATCH (d:Document) RETURN d.key AS key, d.source AS source ORDER BY key',
      );
      return Object.fromEntries(result.records.map((r) => [r.get('key'), r.get('source')]));
    } finally {
      await session.close();
    }
  }

  it('keeps 粵澳合作-2021.txt and 青年計劃-2021.txt as two documents', async () => {
    const folder = await mkdtemp(path.join(dir, 'cjk-'));
    await writeFile(path.join(folder, '粵澳合作-2021.txt'), plan('推進港珠澳大橋建設。'));
    await writeFile(path.join(folder, '青年計劃-2021.txt'), plan('支持香港青年創業。'));
    const stdout = await ingest([folder]);
    expect(stdout).toContain('Neo4j: 2 created, 0 replaced, 0 unchanged');
    expect(await documents()).toEqual({
      '粵澳合作-2021': '粵澳合作-2021.txt',
      '青年計劃-2021': '青年計劃-2021.txt',
    });
  });

  it('gives plan-a.md its own key when Plan A.txt holds plan-a, says so, and replaces each only with itself', async () => {
    const folder = await mkdtemp(path.join(dir, 'collide-'));
    await writeFile(path.join(folder, 'Plan A.txt'), plan('推進港珠澳大橋建設。'));
    await writeFile(path.join(folder, 'plan-a.md'), plan('支持香港青年創業。'));
    const run = startIngest([folder]);
    expect((await run.finished).code).toBe(0);
    expect(run.stdout()).toContain('Neo4j: 2 created, 0 replaced, 0 unchanged');
    const taken =
      /plan-a\.md: the key plan-a belongs to Plan A\.txt, so this file is loaded as (plan-a-[0-9a-f]{8})/.exec(
        run.stderr(),
      );
    expect(taken).not.toBeNull();
    expect(await documents()).toEqual({ 'plan-a': 'Plan A.txt', [taken![1]!]: 'plan-a.md' });

    await writeFile(path.join(folder, 'plan-a.md'), plan('支持澳門青年創業。'));
    expect(await ingest([folder])).toContain('Neo4j: 0 created, 1 replaced, 1 unchanged');
    expect(await documents()).toEqual({ 'plan-a': 'Plan A.txt', [taken![1]!]: 'plan-a.md' });
    expect(
      await count(
        connection,
        'MATCH (m:Measure {document: $key}) WHERE m.text CONTAINS "澳門" RETURN count(m)',
        {
          key: taken![1],
        },
      ),
    ).toBe(1);
  });

  it('refuses a second, different file of the same name in one run with a non-zero exit, and keeps the first', async () => {
    await mkdir(path.join(dir, 'y2021'), { recursive: true });
    await mkdir(path.join(dir, 'y2022'), { recursive: true });
    const first = path.join(dir, 'y2021', 'plan.txt');
    const second = path.join(dir, 'y2022', 'plan.txt');
    await writeFile(first, plan('推進港珠澳大橋建設。'));
    await writeFile(second, plan('支持香港青年創業。'));
    const run = startIngest([first, second]);
    expect((await run.finished).code).toBe(1);
    expect(run.stderr()).toContain(
      `Error: ${second}: has the same file name as ${first}, given earlier in this run, but other content`,
    );
    expect(await documents()).toEqual({ plan: 'plan.txt' });
    expect(await count(connection, 'MATCH (m:Measure) WHERE m.text CONTAINS "港珠澳" RETURN count(m)')).toBe(
      1,
    );
  });

  it('refuses devices and FIFOs by name without hanging, and loads the other files', async () => {
    const folder = await mkdtemp(path.join(dir, 'odd-'));
    await writeFile(path.join(folder, 'good.txt'), plan('推進港珠澳大橋建設。'));
    await symlink('/dev/zero', path.join(folder, 'zero.txt'));
    execFileSync('mkfifo', [path.join(folder, 'pipe.txt')]);
    const run = startIngest([folder]);
    expect((await run.finished).code).toBe(1);
    expect(run.stderr()).toContain(
      `Error: ${path.join(folder, 'zero.txt')}: is a character device, not a regular file`,
    );
    expect(run.stderr()).toContain(
      `Error: ${path.join(folder, 'pipe.txt')}: is a FIFO (named pipe), not a regular file`,
    );
    expect(await documents()).toEqual({ good: 'good.txt' });
  });

  it('loads all 5,000 measures of a 5,000-measure plan', async () => {
    const lines = ['大型工作計劃', '', '一、總體安排', ''];
    for (let i = 1; i <= 5000; i++) lines.push(`${i}. 推進第${i}批粵港合作項目。`);
    const file = path.join(dir, 'big-plan.txt');
    await writeFile(file, `${lines.join('\n')}\n`);
    expect(await ingest([file])).toContain('Neo4j: 1 created');
    expect(await count(connection, "MATCH (m:Measure {document: 'big-plan'}) RETURN count(m)")).toBe(5000);
    expect(
      await count(connection, "MATCH (m:Measure {document: 'big-plan', number: '5000'}) RETURN count(m)"),
    ).toBe(1);
  });
});
