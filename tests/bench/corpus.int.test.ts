/**
 * `npm run bench:corpus` at a CI-friendly size (BENCH_DOCS=200): it runs end to end on its own fresh
 * embedded Neo4j, loads every generated document, and its last line is the JSON summary with the
 * fields README and issue 16 name. Nothing here judges speed: the figures are only checked to be
 * there and consistent with each other.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../testkit/db';

const TSX = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

function runBench(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['bench/corpus.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench:corpus', () => {
  it('ingests 200 generated documents end to end and ends with its JSON summary', async () => {
    const { code, stdout, stderr } = await runBench({ BENCH_DOCS: '200', INGEST_WORKERS: '2' });
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n');
    const summary = JSON.parse(lines.at(-1)!);
    expect(summary).toMatchObject({ documents: 200, loaded: 200, failed: 0, workers: 2 });
    for (const field of [
      'megabytes',
      'seconds',
      'ratioToBareTagging',
      'warmRelationshipsPerSecond',
      'coldRelationshipsPerSecond',
      'pipelinePerCore',
      'documentsPerSecond',
      'loadSeconds',
      'lineageSeconds',
    ])
      expect(summary[field]).toBeGreaterThan(0);
    // The ratio is of the unrounded times; the printed seconds are rounded to hundredths.
    const ratio = summary.seconds / summary.bareTaggingSeconds;
    expect(Math.abs(summary.ratioToBareTagging - ratio) / ratio).toBeLessThan(0.1);
    expect(summary.graph.measures).toBeGreaterThan(200 * 3);
    expect(summary.graph.entities).toBeGreaterThan(1000);
    expect(summary.peakMemoryMB.node).toBeGreaterThan(0);
    expect(summary.peakMemoryMB.neo4j).toBeGreaterThan(0);
    expect(summary.storeMB).toBeGreaterThan(0);
    for (const route of [
      'search',
      'entity',
      'measure',
      'named query (measures-touching)',
      'overview (/api/graph)',
    ])
      expect(summary.p95[route]).toEqual({
        uncached: expect.any(Number),
        cached: expect.any(Number),
        target: expect.any(Number),
      });
    // The human-readable report says which targets it met.
    expect(stdout).toMatch(/End to end \/ bare tagging:\s+[\d.]+× \(target ≤ 4×: (met|NOT met)\)/);
  }, 600_000);
});
