/**
 * The synthetic corpus (testkit/corpus.ts) read by the real pipeline: every document parses as it was
 * written (title, year, date, number, script, partner region, measure count), the corpus is
 * deterministic, has the promised shares and sizes, and yields far more distinct entities than the
 * gazetteer holds. Pure: no database.
 */
import { loadGazetteer } from '../../ingest/gazetteer/gazetteer';
import { runStages } from '../../ingest/pipeline';
import { sourceFromText } from '../../ingest/source';
import { partnerRegion } from '../../ingest/stages/parse/meta';
import type { Doc } from '../../ingest/types';
import {
  corpusBytes,
  generateCorpus,
  generateDocument,
  type CorpusLayout,
  type GeneratedDocument,
} from '../../testkit/corpus';

const SAMPLE = 300;
const LAYOUTS: CorpusLayout[] = [
  'numbered',
  'paren-measures',
  'task-division',
  'markdown-parts',
  'chapters',
  'paren-arabic',
];

describe('generateCorpus', () => {
  let sample: Array<{ generated: GeneratedDocument; doc: Doc }>;
  beforeAll(() => {
    sample = [...generateCorpus({ documents: SAMPLE, seed: 11 })].map((generated) => ({
      generated,
      doc: runStages(sourceFromText(generated.name, generated.text)),
    }));
  });

  it('writes documents the parser reads as they were written', () => {
    for (const { generated: g, doc } of sample) {
      const read = {
        title: doc.meta.title,
        year: doc.meta.year,
        date: doc.meta.date,
        documentNumber: doc.meta.documentNumber,
        script: doc.script,
        partner: doc.meta.region,
        measures: doc.measures.length,
      };
      const written = {
        title: g.title,
        year: g.year,
        date: g.date,
        documentNumber: g.documentNumber,
        script: g.script,
        partner: g.partner,
        measures: g.measures,
      };
      expect({ name: g.name, ...read }).toEqual({ name: g.name, ...written });
      expect(g.measures).toBeGreaterThanOrEqual(3);
      expect(g.year).toBeGreaterThanOrEqual(2010);
      expect(g.year).toBeLessThanOrEqual(2030);
    }
  });

  it('finds entities in every document, new names as well as the gazetteer’s', () => {
    for (const { generated, doc } of sample) {
      const entities = doc.entities ?? [];
      expect({ name: generated.name, curated: entities.some((e) => e.curated) }).toEqual({
        name: generated.name,
        curated: true,
      });
      expect({ name: generated.name, found: entities.some((e) => !e.curated) }).toEqual({
        name: generated.name,
        found: true,
      });
    }
  });

  it('yields far more distinct entities than the gazetteer holds', () => {
    const gazetteer = new Set(loadGazetteer().entries.map((e) => e.key));
    const keys = new Set(sample.flatMap(({ doc }) => (doc.entities ?? []).map((e) => e.key)));
    const novel = [...keys].filter((k) => !gazetteer.has(k));
    expect(keys.size).toBeGreaterThan(1000);
    expect(novel.length).toBeGreaterThan(1000);
  });

  it('mixes both scripts and every layout', () => {
    const scripts = new Set(sample.map(({ generated }) => generated.script));
    expect([...scripts].sort()).toEqual(['simplified', 'traditional']);
    const layouts = new Set(sample.map(({ generated }) => generated.layout));
    expect([...layouts].sort()).toEqual([...LAYOUTS].sort());
  });

  it('is deterministic: the same seed gives the same corpus, another seed another one', () => {
    const text = (seed: number) => [...generateCorpus({ documents: 50, seed })].map((d) => d.name + d.text);
    expect(text(11)).toEqual(sample.slice(0, 50).map(({ generated }) => generated.name + generated.text));
    const other = text(12);
    expect(other).not.toEqual(text(11));
    expect(generateDocument(37, 11)).toEqual(sample[37]!.generated);
  });

  it('names a partner region in the titles of the series plans alone: 2–3 %, a handful in 200', () => {
    const corpus = [...generateCorpus({ documents: 2000, seed: 5 })];
    for (const d of corpus)
      expect({ title: d.title, region: partnerRegion(d.title) }).toEqual({
        title: d.title,
        region: d.partner,
      });
    const share = corpus.filter((d) => d.partner).length / corpus.length;
    expect(share).toBeGreaterThanOrEqual(0.02);
    expect(share).toBeLessThanOrEqual(0.03);
    const few = corpus.slice(0, 200).filter((d) => d.partner).length;
    expect(few).toBeGreaterThanOrEqual(3);
    expect(few).toBeLessThanOrEqual(10);
  });

  it('averages about 5 KB a document, between 1.5 and 12.5 KB, under unique ASCII names', () => {
    const corpus = [...generateCorpus({ documents: 500, seed: 3 })];
    const average = corpus.reduce((n, d) => n + d.bytes, 0) / corpus.length;
    expect(average).toBeGreaterThan(4000);
    expect(average).toBeLessThan(6000);
    for (const d of corpus) {
      expect(d.bytes).toBe(Buffer.byteLength(d.text));
      expect(d.bytes).toBeGreaterThanOrEqual(1500);
      expect(d.bytes).toBeLessThanOrEqual(12_500);
      expect(d.name).toMatch(/^gen-\d{5}-\d{4}-[a-z0-9-]+\.txt$/);
    }
    expect(new Set(corpus.map((d) => d.name)).size).toBe(corpus.length);
    expect(corpusBytes({ documents: 500, seed: 3 })).toBe(corpus.reduce((n, d) => n + d.bytes, 0));
  });
});
