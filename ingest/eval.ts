/**
 * Extraction quality against hand-made gold annotations (tests/fixtures/gold/*.json): precision and
 * recall of entity mentions (name and type) and of responsible units, per document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadGazetteer } from './gazetteer/gazetteer';
import { runStages } from './pipeline';
import { canonicalKey } from './opencc';
import { readSource } from './source';
import type { Doc, EntityLabel } from './types';
import { REPO_ROOT, GOLD_DIR } from '../store/repo';

export { GOLD_DIR };
const REPO = REPO_ROOT;

interface GoldMeasure {
  ordinal: number;
  number: string;
  entities: Array<{ name: string; type: EntityLabel }>;
  units: Array<{ name: string; lead: boolean }>;
}

export interface Gold {
  document: string;
  script: string;
  measures: GoldMeasure[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Miss {
  measure: string;
  kind: 'missed' | 'spurious';
  name: string;
  type: string;
}

export interface DocumentScore {
  document: string;
  measures: { expected: number; found: number };
  entities: Score;
  units: Score;
  unitLeadAccuracy: number;
  misses: Miss[];
}

function score(tp: number, fp: number, fn: number): Score {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export function scoreDocument(doc: Doc, gold: Gold): DocumentScore {
  const entities = new Map((doc.entities ?? []).map((e) => [e.key, e]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let utp = 0;
  let ufp = 0;
  let ufn = 0;
  let leadRight = 0;
  const misses: Miss[] = [];
  for (const goldMeasure of gold.measures) {
    const measure = doc.measures[goldMeasure.ordinal - 1];
    const label = goldMeasure.number;
    // One prediction per entity per measure, with every form it is known by.
    const predicted = new Map<
      string,
      { type: EntityLabel; forms: Set<string>; name: string; used: boolean }
    >();
    for (const mention of measure?.mentions ?? []) {
      const key = mention.entityKey ?? canonicalKey(mention.name);
      const entity = entities.get(key);
      const forms = new Set([canonicalKey(mention.name), ...(entity?.aliases ?? []).map(canonicalKey)]);
      const existing = predicted.get(key);
      if (existing) existing.forms.add(canonicalKey(mention.name));
      else predicted.set(key, { type: mention.type, forms, name: mention.name, used: false });
    }
    for (const expected of goldMeasure.entities) {
      const form = canonicalKey(expected.name);
      const hit = [...predicted.values()].find(
        (p) => !p.used && p.type === expected.type && p.forms.has(form),
      );
      if (hit) {
        hit.used = true;
        tp++;
      } else {
        fn++;
        misses.push({ measure: label, kind: 'missed', name: expected.name, type: expected.type });
      }
    }
    for (const p of predicted.values()) {
      if (!p.used) {
        fp++;
        misses.push({ measure: label, kind: 'spurious', name: p.name, type: p.type });
      }
    }
    const units = new Map((measure?.units ?? []).map((u) => [canonicalKey(u.name), u]));
    for (const expected of goldMeasure.units) {
      const unit = units.get(canonicalKey(expected.name));
      if (unit) {
        utp++;
        if (unit.lead === expected.lead) leadRight++;
        units.delete(canonicalKey(expected.name));
      } else {
        ufn++;
        misses.push({ measure: label, kind: 'missed', name: expected.name, type: 'unit' });
      }
    }
    for (const unit of units.values()) {
      ufp++;
      misses.push({ measure: label, kind: 'spurious', name: unit.name, type: 'unit' });
    }
  }
  return {
    document: gold.document,
    measures: { expected: gold.measures.length, found: doc.measures.length },
    entities: score(tp, fp, fn),
    units: score(utp, ufp, ufn),
    unitLeadAccuracy: utp === 0 ? 1 : leadRight / utp,
    misses,
  };
}

export function goldFiles(dir = GOLD_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function evaluate(goldFile: string): Promise<DocumentScore> {
  const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as Gold;
  const doc = runStages(await readSource(path.resolve(REPO, gold.document)), loadGazetteer());
  return scoreDocument(doc, gold);
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

export function formatScores(scores: DocumentScore[], verbose = false): string {
  const lines = [
    'document                                              measures  entity P  entity R  unit P  unit R  lead',
  ];
  for (const s of scores) {
    lines.push(
      `${path.basename(s.document).padEnd(52)} ${`${s.measures.found}/${s.measures.expected}`.padStart(8)}   ${pct(s.entities.precision)}     ${pct(s.entities.recall)}   ${pct(s.units.precision)}  ${pct(s.units.recall)}  ${pct(s.unitLeadAccuracy)}`,
    );
    if (verbose)
      for (const m of s.misses)
        lines.push(`    m${m.measure.padEnd(4)} ${m.kind.padEnd(9)} ${m.type.padEnd(12)} ${m.name}`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  Promise.all(goldFiles().map(evaluate))
    .then((scores) => console.log(formatScores(scores, verbose)))
    .catch((error: unknown) => {
      console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
