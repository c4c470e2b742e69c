/**
 * The ingest pipeline: a source file goes through the stages in order (docs/DESIGN.md, "What flows where") and comes out
 * as a `Doc` ready to load or export.
 */
import { loadGazetteer, type Gazetteer } from './gazetteer/gazetteer';
import { extract } from './stages/extract';
import { link } from './stages/link';
import { parse, type ParseOptions } from './stages/parse';
import { script } from './stages/script';
import { ensureJieba, segment } from './stages/segment';
import type { Doc, SourceFile } from './types';

export interface StageOptions extends ParseOptions {
  /** Told as the document enters parsing and then extraction (script, words, entities, links). */
  onStage?: (stage: 'parse' | 'extract') => void;
}

export function runStages(
  source: SourceFile,
  gazetteer: Gazetteer = loadGazetteer(),
  options: StageOptions = {},
): Doc {
  options.onStage?.('parse');
  // Parsing asks jieba too (is a character doubled across a page break?): with the same dictionary
  // as segmenting, so a document parses the same whatever was ingested before it.
  ensureJieba(gazetteer);
  const parsed = parse(source, options);
  options.onStage?.('extract');
  return link(extract(segment(script(parsed), gazetteer), gazetteer), gazetteer);
}
