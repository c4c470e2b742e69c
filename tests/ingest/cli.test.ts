/**
 * `npm run ingest -- --no-db …` as a user runs it: a child process, its exit code, what it prints on
 * stdout (the summary) and stderr (progress and errors), and the export file it writes.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { encodeHtml, encodeText, toDocx, toPdf } from '../../testkit/formats';
import { TSX } from '../../testkit/process';

const ROOT = path.resolve(__dirname, '../..');
const SEED = path.join(ROOT, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (it exits on its own), collecting both streams. */
function ingest(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['ingest/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function count(graph: Graph, predicate: (attributes: Record<string, unknown>) => boolean): number {
  return graph.filterNodes((_, a) => predicate(a)).length;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-cli-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ingest CLI without a database', () => {
  it('reads a folder of PDF, Word, GB18030 web page and Big5 text, saying how it read each', async () => {
    const folder = path.join(dir, 'formats');
    await mkdir(folder);
    const seed = await readFile(SEED, 'utf8');
    const macao = await readFile(
      path.join(ROOT, 'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt'),
      'utf8',
    );
    await writeFile(path.join(folder, 'a-seed.pdf'), await toPdf(seed));
    await writeFile(path.join(folder, 'b-seed.docx'), await toDocx(seed));
    await writeFile(path.join(folder, 'c-macao.html'), encodeHtml(macao, 'gb18030'));
    await writeFile(path.join(folder, 'd-seed-big5.txt'), encodeText(seed, 'big5'));
    await writeFile(path.join(folder, 'notes.xlsx'), 'not a document'); // not expanded from a folder
    const out = path.join(dir, 'formats.json');

    const result = await ingest(['--no-db', '--out', out, folder]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/a-seed\.pdf: PDF, 57 measures/);
    expect(result.stderr).toMatch(/a-seed\.pdf: \d+ look-alike character\(s\) .* replaced/);
    expect(result.stderr).toMatch(/b-seed\.docx: Word, 57 measures/);
    expect(result.stderr).toMatch(/c-macao\.html: web page, GB18030, 31 measures/);
    expect(result.stderr).toMatch(/d-seed-big5\.txt: text, Big5, 57 measures/);
    expect(result.stdout).toMatch(/^Documents: 4 {3}Measures: 202$/m);
    const graph = Graph.from(JSON.parse(await readFile(out, 'utf8')));
    expect(count(graph, (a) => a.label === 'Document')).toBe(4);
  });

  it('--no-db --out writes the graphology export and prints a summary that matches it', async () => {
    const out = path.join(dir, 'graph.json');
    const result = await ingest(['--no-db', '--out', out, SEED]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Wrote ${out}`);
    expect(result.stdout).toMatch(/^Documents: 1 {3}Measures: 57$/m);

    const graph = Graph.from(JSON.parse(await readFile(out, 'utf8')));
    expect(count(graph, (a) => a.label === 'Document')).toBe(1);
    expect(count(graph, (a) => a.label === 'Measure')).toBe(57);
    const entities = count(graph, (a) => Array.isArray(a.aliases));
    const printed = /^Entities: (\d+) \(/m.exec(result.stdout);
    expect(Number(printed?.[1])).toBe(entities);
    const mentions = graph.filterEdges((_, a) => a.type === 'MENTIONS').length;
    expect(result.stdout).toContain(`MENTIONS ${mentions},`);
    // The seed's page-break repairs are reported as warnings, each naming the file and line.
    expect(result.stdout).toMatch(/^Warnings: [1-9]/m);
    expect(result.stdout).toMatch(
      /2020-guangdong-hong-kong-cooperation-work-plan\.txt:\d+: measure 16 continues/,
    );
  });

  it('names each bad file on stderr and exits non-zero, while the good file in the same call goes through', async () => {
    const notUtf8 = path.join(dir, 'big5.txt');
    const empty = path.join(dir, 'empty.txt');
    const blank = path.join(dir, 'blank.md');
    const noMeasures = path.join(dir, 'no-measures.txt');
    // 港珠澳大橋 in Big5: valid bytes in that encoding, invalid UTF-8.
    await writeFile(notUtf8, Buffer.from([0xb4, 0xe4, 0xaf, 0x5d, 0xbf, 0x44, 0xa4, 0x6a, 0xbe, 0xf4, 0x0a]));
    await writeFile(empty, '');
    await writeFile(blank, ' \n\u3000\n\n');
    await writeFile(noMeasures, '# 一份說明\n\n這只是一段說明文字，沒有任何編號的措施。\n\n另一段文字。\n');
    const out = path.join(dir, 'mixed.json');

    const result = await ingest(['--no-db', '--out', out, notUtf8, empty, SEED, blank, noMeasures]);
    expect(result.code).not.toBe(0);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('Error: '));
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain(notUtf8);
    expect(errors[0]).toMatch(/UTF-8/);
    expect(errors[1]).toContain(empty);
    expect(errors[2]).toContain(blank);
    expect(errors[3]).toContain(noMeasures);
    // The seed went through: summarised and exported, the bad files left out.
    expect(result.stdout).toMatch(/^Documents: 1 {3}Measures: 57$/m);
    const graph = Graph.from(JSON.parse(await readFile(out, 'utf8')));
    expect(graph.filterNodes((_, a) => a.label === 'Document')).toEqual([
      '2020-guangdong-hong-kong-cooperation-work-plan',
    ]);
  });

  it('a path that does not exist: named on stderr, non-zero exit', async () => {
    const missing = path.join(dir, 'no-such-plan.txt');
    const result = await ingest(['--no-db', missing]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).toMatch(/no such file/);
  });

  it('a missing path among good ones: the good file still goes through, the missing one is named, exit 1', async () => {
    const missing = path.join(dir, 'also-missing.txt');
    const out = path.join(dir, 'partial.json');
    const result = await ingest(['--no-db', '--out', out, SEED, missing]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Documents: 1 {3}Measures: 57$/m);
    expect(result.stderr).toMatch(
      new RegExp(`^Error: .*${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
    );
    expect(Graph.from(JSON.parse(await readFile(out, 'utf8'))).order).toBeGreaterThan(57);
  });
});
