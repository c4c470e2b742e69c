/**
 * Lineage quality against hand annotations (tests/fixtures/lineage/*.lineage.json): for each
 * newer plan and each earlier plan of its series, the true `CONTINUES` pairs (by reference) with
 * their kinds, and the exact `new` and `dropped` lists. `scoreComparison` scores any predicted
 * pairs; `npm run eval` predicts them with the matcher alone (every pair aligned, no database), and
 * tests/lineage/lineage.int.test.ts with the graph's own lineage (full-text candidates included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LineageKind } from '../../model/api';
import { REPO_ROOT } from '../../store/repo';
import { loadGazetteer, type Gazetteer } from '../gazetteer/gazetteer';
import { runStages } from '../pipeline';
import { readSource } from '../source';
import type { Doc } from '../types';
import { alignPlans } from './match';

export const LINEAGE_GOLD_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'lineage');

export interface GoldPair {
  /** Reference of the newer measure. */
  measure: string;
  /** Reference of the older measure it continues. */
  continues: string;
  kind: LineageKind;
}

export interface GoldComparison {
  predecessor: string;
  pairs: GoldPair[];
  new: string[];
  dropped: string[];
}

export interface LineageGold {
  document: string;
  heldOut?: boolean;
  comparisons: GoldComparison[];
}

export interface ComparisonScore {
  document: string;
  predecessor: string;
  heldOut: boolean;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Of the pairs found that are true, how many have the true kind. */
  kinds: { right: number; of: number; value: number };
  /** `new` and `dropped` exactly as annotated. */
  addedExact: boolean;
  droppedExact: boolean;
  /** Held-out comparisons list none. */
  misses: string[];
}

export function lineageGold(): LineageGold[] {
  return readdirSync(LINEAGE_GOLD_DIR)
    .filter((f) => f.endsWith('.lineage.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(LINEAGE_GOLD_DIR, f), 'utf8')) as LineageGold);
}

const ratio = (right: number, of: number) => (of === 0 ? 1 : right / of);

/**
 * Scores predicted pairs (references, with kinds) of one comparison; `newer` and `older` list every
 * measure's reference, from which the predicted `new` and `dropped` follow.
 */
export function scoreComparison(
  gold: GoldComparison,
  predicted: GoldPair[],
  references: { newer: string[]; older: string[] },
  document: string,
  heldOut: boolean,
): ComparisonScore {
  const id = (p: GoldPair) => `${p.measure} → ${p.continues}`;
  const truth = new Map(gold.pairs.map((p) => [id(p), p]));
  const found = new Map(predicted.map((p) => [id(p), p]));
  const tp = [...found.keys()].filter((k) => truth.has(k));
  const fp = [...found.keys()].filter((k) => !truth.has(k));
  const fn = [...truth.keys()].filter((k) => !found.has(k));
  const kindsRight = tp.filter((k) => truth.get(k)!.kind === found.get(k)!.kind);
  const added = references.newer.filter((r) => !predicted.some((p) => p.measure === r));
  const dropped = references.older.filter((r) => !predicted.some((p) => p.continues === r));
  const same = (a: string[], b: string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');
  return {
    document,
    predecessor: gold.predecessor,
    heldOut,
    tp: tp.length,
    fp: fp.length,
    fn: fn.length,
    precision: ratio(tp.length, tp.length + fp.length),
    recall: ratio(tp.length, tp.length + fn.length),
    kinds: { right: kindsRight.length, of: tp.length, value: ratio(kindsRight.length, tp.length) },
    addedExact: same(added, gold.new),
    droppedExact: same(dropped, gold.dropped),
    misses: heldOut
      ? []
      : [
          ...fp.map((k) => `spurious ${k} (${found.get(k)!.kind})`),
          ...fn.map((k) => `missed ${k} (${truth.get(k)!.kind})`),
          ...(kindsRight.length === tp.length
            ? []
            : tp
                .filter((k) => truth.get(k)!.kind !== found.get(k)!.kind)
                .map((k) => `kind ${k}: ${found.get(k)!.kind}, truly ${truth.get(k)!.kind}`)),
        ],
  };
}

/** Every annotated comparison scored with the matcher alone (no database, every pair aligned). */
export async function evaluateLineage(gazetteer: Gazetteer = loadGazetteer()): Promise<ComparisonScore[]> {
  const docs = new Map<string, Doc>();
  const parsed = async (file: string) => {
    let doc = docs.get(file);
    if (!doc) {
      const source = await readSource(path.join(REPO_ROOT, file));
      doc = runStages(source, gazetteer, { documentKey: path.basename(file).replace(/\.[^.]+$/, '') });
      docs.set(file, doc);
    }
    return doc;
  };
  const scores: ComparisonScore[] = [];
  for (const gold of lineageGold())
    for (const comparison of gold.comparisons) {
      const newer = await parsed(gold.document);
      const older = await parsed(comparison.predecessor);
      const reference = new Map([...newer.measures, ...older.measures].map((m) => [m.key, m.reference]));
      const predicted = alignPlans(newer.measures, older.measures).map((c) => ({
        measure: reference.get(c.from)!,
        continues: reference.get(c.to)!,
        kind: c.kind,
      }));
      scores.push(
        scoreComparison(
          comparison,
          predicted,
          { newer: newer.measures.map((m) => m.reference), older: older.measures.map((m) => m.reference) },
          gold.document,
          gold.heldOut === true,
        ),
      );
    }
  return scores;
}

/** The lineage figures as `npm run eval` prints them: one line per comparison, misses with --verbose. */
export function formatLineage(scores: ComparisonScore[], verbose = false): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const name = (file: string) => path.basename(file).replace(/\.[^.]+$/, '');
  const lines = ['lineage (CONTINUES pairs; the matcher alone, every pair aligned):'];
  for (const s of scores) {
    lines.push(
      `  ${name(s.document)} → ${name(s.predecessor)}${s.heldOut ? ' (held out)' : ''}: pairs P ${pct(s.precision)} R ${pct(s.recall)} (${s.tp} right, ${s.fp} spurious, ${s.fn} missed), kinds ${pct(s.kinds.value)}, new ${s.addedExact ? 'exact' : 'not exact'}, dropped ${s.droppedExact ? 'exact' : 'not exact'}`,
    );
    if (verbose) for (const miss of s.misses) lines.push(`    ${miss}`);
  }
  return lines.join('\n');
}
