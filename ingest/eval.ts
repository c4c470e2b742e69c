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
import { evaluateLineage, formatLineage } from './lineage/eval';

export { GOLD_DIR };
const REPO = REPO_ROOT;

interface GoldMeasure {
  ordinal: number;
  number: string;
  /** The measure's unique reference (`三（一）16`); newer gold files give it. */
  reference?: string;
  entities: Array<{ name: string; type: EntityLabel; resolves?: string }>;
  units: Array<{ name: string; lead: boolean }>;
  leaders?: string[];
}

export interface Gold {
  document: string;
  script: string;
  /** A document kept out of tuning: its scores are reported, its misses never shown. */
  heldOut?: boolean;
  measures: GoldMeasure[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/** A share of cases right: `right` of `of`. */
export interface Ratio {
  right: number;
  of: number;
  value: number;
}

export interface Miss {
  measure: string;
  kind: 'missed' | 'spurious' | 'wrong';
  name: string;
  type: string;
}

/** Figures per class of the extraction's work. */
export interface DocumentScore {
  document: string;
  heldOut: boolean;
  /** Structure: measures found, references read like the gold's, leaders named. */
  measures: { expected: number; found: number };
  references: Ratio;
  leaders: Ratio;
  /** Entities: the name and the type right. */
  entities: Score;
  /** Types: among the entities found by name (whatever the type), the type right. */
  types: Ratio;
  /** Resolution: among the names the context decides (`resolves`), linked to the right entity. */
  resolution: Ratio;
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

function ratio(right: number, of: number): Ratio {
  return { right, of, value: of === 0 ? 1 : right / of };
}

interface Predicted {
  key: string;
  type: EntityLabel;
  forms: Set<string>;
  name: string;
  used: boolean;
}

export function scoreDocument(doc: Doc, gold: Gold): DocumentScore {
  const entities = new Map((doc.entities ?? []).map((e) => [e.key, e]));
  const counts = { tp: 0, fp: 0, fn: 0, utp: 0, ufp: 0, ufn: 0, lead: 0 };
  const types = { right: 0, of: 0 };
  const resolution = { right: 0, of: 0 };
  const references = { right: 0, of: 0 };
  const leaders = { right: 0, of: 0 };
  const misses: Miss[] = [];
  for (const goldMeasure of gold.measures) {
    const measure = doc.measures[goldMeasure.ordinal - 1];
    const label = goldMeasure.reference ?? goldMeasure.number;
    if (goldMeasure.reference !== undefined) {
      references.of++;
      if (measure?.reference === goldMeasure.reference) references.right++;
      else
        misses.push({
          measure: label,
          kind: 'wrong',
          name: measure?.reference ?? '(none)',
          type: 'reference',
        });
    }
    const goldLeaders = goldMeasure.leaders ?? [];
    const foundLeaders = measure?.leaders ?? [];
    leaders.of += goldLeaders.length;
    leaders.right += goldLeaders.filter((l) => foundLeaders.includes(l)).length;
    // One prediction per entity per measure, with every form it is known by.
    const predicted = new Map<string, Predicted>();
    for (const mention of measure?.mentions ?? []) {
      const key = mention.entityKey ?? canonicalKey(mention.name);
      const entity = entities.get(key);
      const forms = new Set([canonicalKey(mention.name), ...(entity?.aliases ?? []).map(canonicalKey)]);
      const existing = predicted.get(key);
      if (existing) existing.forms.add(canonicalKey(mention.name));
      else predicted.set(key, { key, type: mention.type, forms, name: mention.name, used: false });
    }
    for (const expected of goldMeasure.entities) {
      const form = canonicalKey(expected.name);
      const named = [...predicted.values()].filter((p) => !p.used && p.forms.has(form));
      if (named.length > 0) {
        types.of++;
        if (named.some((p) => p.type === expected.type)) types.right++;
      }
      const hit = named.find((p) => p.type === expected.type);
      if (expected.resolves !== undefined) {
        resolution.of++;
        if (hit?.key === canonicalKey(expected.resolves)) resolution.right++;
        else
          misses.push({
            measure: label,
            kind: 'wrong',
            name: `${expected.name} → ${hit?.key ?? '(not found)'}`,
            type: 'resolution',
          });
      }
      if (hit) {
        hit.used = true;
        counts.tp++;
      } else {
        counts.fn++;
        misses.push({ measure: label, kind: 'missed', name: expected.name, type: expected.type });
      }
    }
    for (const p of predicted.values()) {
      if (!p.used) {
        counts.fp++;
        misses.push({ measure: label, kind: 'spurious', name: p.name, type: p.type });
      }
    }
    const units = new Map((measure?.units ?? []).map((u) => [canonicalKey(u.name), u]));
    for (const expected of goldMeasure.units) {
      const unit = units.get(canonicalKey(expected.name));
      if (unit) {
        counts.utp++;
        if (unit.lead === expected.lead) counts.lead++;
        units.delete(canonicalKey(expected.name));
      } else {
        counts.ufn++;
        misses.push({ measure: label, kind: 'missed', name: expected.name, type: 'unit' });
      }
    }
    for (const unit of units.values()) {
      counts.ufp++;
      misses.push({ measure: label, kind: 'spurious', name: unit.name, type: 'unit' });
    }
  }
  return {
    document: gold.document,
    heldOut: gold.heldOut === true,
    measures: { expected: gold.measures.length, found: doc.measures.length },
    references: ratio(references.right, references.of),
    leaders: ratio(leaders.right, leaders.of),
    entities: score(counts.tp, counts.fp, counts.fn),
    types: ratio(types.right, types.of),
    resolution: ratio(resolution.right, resolution.of),
    units: score(counts.utp, counts.ufp, counts.ufn),
    unitLeadAccuracy: counts.utp === 0 ? 1 : counts.lead / counts.utp,
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
const HEADER =
  'document                                                          measures  refs   entity P  entity R  types  resolved  unit P  unit R  lead';

function row(name: string, s: Omit<DocumentScore, 'document' | 'heldOut' | 'misses'>): string {
  return `${name.padEnd(64)} ${`${s.measures.found}/${s.measures.expected}`.padStart(8)}  ${pct(s.references.value)}   ${pct(s.entities.precision)}     ${pct(s.entities.recall)}  ${pct(s.types.value)}    ${pct(s.resolution.value)}   ${pct(s.units.precision)}  ${pct(s.units.recall)}  ${pct(s.unitLeadAccuracy)}`;
}

/** The figures of several documents counted together (pooled, not averaged). */
export function pool(
  scores: readonly DocumentScore[],
): Omit<DocumentScore, 'document' | 'heldOut' | 'misses'> {
  const sum = (f: (s: DocumentScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const addRatio = (f: (s: DocumentScore) => Ratio) =>
    ratio(
      sum((s) => f(s).right),
      sum((s) => f(s).of),
    );
  const addScore = (f: (s: DocumentScore) => Score) =>
    score(
      sum((s) => f(s).tp),
      sum((s) => f(s).fp),
      sum((s) => f(s).fn),
    );
  const units = addScore((s) => s.units);
  return {
    measures: { expected: sum((s) => s.measures.expected), found: sum((s) => s.measures.found) },
    references: addRatio((s) => s.references),
    leaders: addRatio((s) => s.leaders),
    entities: addScore((s) => s.entities),
    types: addRatio((s) => s.types),
    resolution: addRatio((s) => s.resolution),
    units,
    unitLeadAccuracy: units.tp === 0 ? 1 : sum((s) => s.unitLeadAccuracy * s.units.tp) / units.tp,
  };
}

/**
 * The per-document table, a pooled row for the documents extraction is tuned on and one for those
 * held out; with `verbose`, every miss of the tuned documents (never of the held-out ones: reading
 * them would be tuning on them).
 */
export function formatScores(scores: DocumentScore[], verbose = false): string {
  const lines = [HEADER];
  for (const s of scores) {
    lines.push(row(`${s.heldOut ? '* ' : ''}${path.basename(s.document)}`, s));
    if (verbose && !s.heldOut)
      for (const m of s.misses)
        lines.push(`    ${m.measure.padEnd(10)} ${m.kind.padEnd(9)} ${m.type.padEnd(14)} ${m.name}`);
  }
  const tuned = scores.filter((s) => !s.heldOut);
  const heldOut = scores.filter((s) => s.heldOut);
  lines.push('', row('all tuned documents, pooled', pool(tuned)));
  if (heldOut.length > 0) lines.push(row('* held-out documents, pooled (never tuned on)', pool(heldOut)));
  const classes = pool(tuned);
  lines.push(
    '',
    `by class (tuned): structure ${classes.measures.found}/${classes.measures.expected} measures, references ${pct(classes.references.value)}, leaders ${pct(classes.leaders.value)}; units P ${pct(classes.units.precision)} R ${pct(classes.units.recall)} lead ${pct(classes.unitLeadAccuracy)}; entities P ${pct(classes.entities.precision)} R ${pct(classes.entities.recall)}; types ${pct(classes.types.value)}; resolution ${pct(classes.resolution.value)}`,
  );
  return lines.join('\n');
}

if (require.main === module) {
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  Promise.all(goldFiles().map(evaluate))
    .then((scores) => console.log(formatScores(scores, verbose)))
    .then(() => evaluateLineage())
    .then((scores) => console.log(`\n${formatLineage(scores, verbose)}`))
    .catch((error: unknown) => {
      console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
