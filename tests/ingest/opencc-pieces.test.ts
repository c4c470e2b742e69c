/**
 * The fast script conversion (ingest/opencc-pieces.ts, used by ingest/opencc.ts) must give exactly
 * what opencc-js gives: checked against the library on real text, on every gazetteer name, and on
 * strings built from the dictionaries' own phrases to make phrases meet at every possible cut.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { PieceConverter, type OpenCCConfig } from '../../ingest/opencc-pieces';
import { detectScript, matchForm, toSimplified, toTraditional } from '../../ingest/opencc';

const ROOT = path.resolve(__dirname, '../..');
const configs = (OpenCC.Locale as { configs: Record<string, OpenCCConfig> }).configs;
const DIRECTIONS = [
  { name: 'hk → cn', from: 'hk', to: 'cn', config: 'hk2s' },
  { name: 'cn → hk', from: 'cn', to: 'hk', config: 's2hk' },
] as const;

function realTexts(): string[] {
  const files = [
    path.join(ROOT, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt'),
    ...readdirSync(path.join(ROOT, 'tests/fixtures/documents')).map((f) =>
      path.join(ROOT, 'tests/fixtures/documents', f),
    ),
    path.join(ROOT, 'ingest/data/gazetteer.tsv'),
  ];
  return files.flatMap((f) => readFileSync(f, 'utf8').split(/[\n\t|]/u));
}

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every source and replacement of every dictionary a configuration runs. */
function dictionaryWords(config: OpenCCConfig): string[] {
  const dicts = [config.segmentation, ...config.conversionChain].flat(2).filter((d) => typeof d === 'string');
  return (dicts as string[]).flatMap((d) => d.split('|').flatMap((line) => line.split(' ')));
}

/** Strings where phrases overlap and abut: runs of a few phrases' own characters and the phrases. */
function phraseSoup(words: string[], rnd: () => number, count: number): string[] {
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const phrases = Array.from({ length: 5 }, () => words[Math.floor(rnd() * words.length)]!);
    const chars = [...phrases.join('')];
    let s = '';
    const parts = 1 + Math.floor(rnd() * 12);
    for (let k = 0; k < parts; k++)
      s +=
        rnd() < 0.4 ? phrases[Math.floor(rnd() * phrases.length)] : chars[Math.floor(rnd() * chars.length)];
    out.push(s);
  }
  return out;
}

describe.each(DIRECTIONS)('PieceConverter $name', ({ from, to, config }) => {
  const library = OpenCC.Converter({ from, to });
  const fast = new PieceConverter(library, configs[config]);

  it('converts real text exactly as opencc-js does', () => {
    for (const text of realTexts()) expect(fast.convert(text)).toBe(library(text));
  });

  it('converts strings of the dictionaries’ own phrases exactly as opencc-js does', () => {
    const rnd = random(config.length);
    const soup = phraseSoup(dictionaryWords(configs[config]!), rnd, 20_000);
    const wrong = soup.filter((s) => fast.convert(s) !== library(s));
    expect(wrong).toEqual([]);
  });

  it('leaves to opencc-js what it does not analyse: astral, compatibility and description characters', () => {
    for (const text of ['𠮷港珠澳大橋', '港\uF900珠', '⿰氵工港', '', '港', 'abc', '\uD83D']) {
      expect(fast.convert(text)).toBe(library(text));
    }
  });

  it('without a configuration, hands every text to opencc-js', () => {
    const plain = new PieceConverter(library, undefined);
    expect(plain.convert('粵港澳大灣區發展規劃綱要')).toBe(library('粵港澳大灣區發展規劃綱要'));
  });
});

describe('the script functions keep their character-by-character fallback', () => {
  const hk2cn = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const cn2hk = OpenCC.Converter({ from: 'cn', to: 'hk' });
  /** What ingest/opencc.ts did before it had PieceConverter: the library, whole or per character. */
  const lengthPreserving = (convert: (s: string) => string, text: string): string => {
    const whole = convert(text);
    if (whole.length === text.length) return whole;
    let out = '';
    for (const ch of text) {
      const c = convert(ch);
      out += c.length === ch.length ? c : ch;
    }
    return out;
  };

  it('toSimplified, toTraditional, matchForm and detectScript agree with the library on real text', () => {
    for (const text of realTexts()) {
      expect(toSimplified(text)).toBe(lengthPreserving(hk2cn, text));
      expect(toTraditional(text)).toBe(lengthPreserving(cn2hk, text));
      let folded = '';
      for (const ch of text) {
        const n = ch.normalize('NFKC');
        folded += n.length === ch.length ? n : ch;
      }
      expect(matchForm(text)).toBe(lengthPreserving(hk2cn, folded).toLowerCase());
    }
    expect(detectScript(toSimplified(realTexts().join('')))).toBe('simplified');
  });
});
