/**
 * The `segment` stage: nodejieba over each measure's Simplified text, with a user dictionary made
 * from the gazetteer so known names stay whole. Tokens keep their offsets (equal in the original
 * and the Simplified text, which have the same length) and POS tags for the extractors.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodejieba from 'nodejieba';
import type { EntityLabel } from '../../model/graph';
import { loadGazetteer, type Gazetteer } from '../gazetteer/gazetteer';
import type { Doc, Token } from '../types';
import { patterns } from '../extract/patterns';

const POS_OF_TYPE: Record<EntityLabel, string> = {
  City: 'ns',
  Port: 'nz',
  Infrastructure: 'nz',
  Institution: 'nt',
  Policy: 'nz',
  Zone: 'nz',
  Program: 'nz',
  Event: 'nz',
};

/**
 * cppjieba user-dictionary lines (`word freq tag`) for every CJK surface form in the gazetteer, and
 * the region abbreviations names are built from (廣深港, 珠中江), so jieba does not cut them apart.
 */
export function userDictionary(gazetteer: Gazetteer): string {
  const lines = new Set<string>();
  for (const abbreviation of patterns.regionAbbreviations) lines.add(`${abbreviation} 1000 j`);
  for (const [surface, entries] of gazetteer.surfaces()) {
    if (/^[\p{Script=Han}0-9（）()·]{2,}$/u.test(surface))
      lines.add(`${surface} 1000 ${POS_OF_TYPE[entries[0]!.type]}`);
  }
  return [...lines].sort().join('\n') + '\n';
}

/** Writes `content` to a content-addressed file in the temp folder (once; atomically, so a concurrent reader never sees half of it). */
function tempFile(stem: string, content: string): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `${stem}-${hash}.utf8`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, content, 'utf8');
    renameSync(partial, file);
  }
  return file;
}

/**
 * Stand-ins for jieba's IDF table (6 MB) and stop-word list: only keyword extraction (`extract`,
 * `textRankExtract`) reads them, and nothing here uses it; tagging and cutting never do. One line
 * each, since cppjieba insists on a non-empty file.
 */
const IDF_STAND_IN = '的 1.0\n';
const STOP_WORDS_STAND_IN = '的\n';

let loadedFor: Gazetteer | null = null;
let loadedDictionary: string | null = null;

/**
 * Loads jieba once per process with the gazetteer's dictionary (written to a content-addressed temp
 * file). A gazetteer with the same dictionary as the one loaded does not load jieba again.
 */
export function ensureJieba(gazetteer: Gazetteer = loadGazetteer()): void {
  if (loadedFor === gazetteer) return;
  const dictionary = userDictionary(gazetteer);
  if (dictionary !== loadedDictionary) {
    nodejieba.load({
      userDict: tempFile('policy-graph-jieba-user', dictionary),
      idfDict: tempFile('policy-graph-jieba-idf', IDF_STAND_IN),
      stopWordDict: tempFile('policy-graph-jieba-stop', STOP_WORDS_STAND_IN),
    });
    loadedDictionary = dictionary;
  }
  loadedFor = gazetteer;
}

export function tokenize(textHans: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  // jieba's own result objects ({ word, tag }) become the tokens, with their offsets added: a measure
  // has dozens of words, a corpus millions, and each would otherwise be a second object.
  const tagged: Array<{ word: string; tag: string; start?: number; end?: number }> = nodejieba.tag(textHans);
  for (let i = 0; i < tagged.length; i++) {
    const token = tagged[i]!;
    // jieba returns the input cut into pieces; find each piece from where the last one ended.
    const start = textHans.indexOf(token.word, offset);
    if (start < 0) continue;
    token.start = start;
    token.end = offset = start + token.word.length;
    tokens.push(token as Token);
  }
  return tokens;
}

export function segment(doc: Doc, gazetteer?: Gazetteer): Doc {
  ensureJieba(gazetteer);
  for (const measure of doc.measures) {
    measure.tokens = tokenize(measure.textHans ?? measure.text);
  }
  return doc;
}
