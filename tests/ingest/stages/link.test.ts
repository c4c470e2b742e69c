import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadGazetteer } from '../../../ingest/gazetteer/gazetteer';
import { runStages } from '../../../ingest/pipeline';
import { toSimplified } from '../../../ingest/opencc';
import { readSource, sourceFromText } from '../../../ingest/source';
import type { Doc, EntityRecord } from '../../../ingest/types';

const SEED = path.resolve(__dirname, '../../../seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const gazetteer = loadGazetteer();

/** The gazetteer's key for a name, failing loudly when the gazetteer does not know it. */
function gazetteerKey(name: string): string {
  const entry = gazetteer.lookup(name);
  if (!entry) throw new Error(`${name} is not in the gazetteer`);
  return entry.key;
}

function entity(doc: Doc, key: string): EntityRecord {
  const record = doc.entities!.find((e) => e.key === key);
  if (!record) throw new Error(`no entity ${key} in ${doc.source.name}`);
  return record;
}

describe('link: the seed and its Simplified conversion', () => {
  let traditional: Doc;
  let simplified: Doc;

  beforeAll(async () => {
    traditional = runStages(await readSource(SEED), gazetteer);
    simplified = runStages(sourceFromText('x.txt', toSimplified(readFileSync(SEED, 'utf8'))), gazetteer);
  });

  it('gives the bridge the same key in both scripts, with both written forms among its aliases', () => {
    const bridge = gazetteerKey('港珠澳大橋');
    for (const doc of [traditional, simplified]) {
      const mentions = doc.measures.flatMap((m) => m.mentions!).filter((x) => x.entityKey === bridge);
      expect(mentions.length).toBeGreaterThan(0);
      const record = entity(doc, bridge);
      expect(record.label).toBe('Infrastructure');
      expect(record.aliases).toEqual(expect.arrayContaining(['港珠澳大橋', '港珠澳大桥']));
    }
    expect(traditional.script).toBe('traditional');
    expect(simplified.script).toBe('simplified');
  });

  it('links every measure to the same entities in either script', () => {
    expect(simplified.measures).toHaveLength(traditional.measures.length);
    traditional.measures.forEach((_, i) => {
      const keys = (doc: Doc) => doc.measures[i]!.mentions!.map((x) => [x.entityKey, x.start, x.end]);
      expect(keys(simplified)).toEqual(keys(traditional));
    });
    const labels = (doc: Doc) => new Map(doc.entities!.map((e) => [e.key, e.label]));
    expect(labels(simplified)).toEqual(labels(traditional));
  });

  it('resolves 深圳前海深港現代化服務業合作區 to the gazetteer’s Qianhai zone, keeping the form seen', () => {
    const qianhai = gazetteerKey('前海深港現代服務業合作區');
    const measure = traditional.measures.find((m) => m.text.includes('深圳前海深港現代化服務業合作區'))!;
    const mention = measure.mentions!.find((x) => x.surface === '深圳前海深港現代化服務業合作區');
    expect(mention).toMatchObject({ entityKey: qianhai, type: 'Zone' });
    const record = entity(traditional, qianhai);
    expect(record).toMatchObject({ label: 'Zone', curated: true, name: '前海深港現代服務業合作區' });
    expect(record.aliases).toContain('深圳前海深港現代化服務業合作區');
  });

  it('reads the policy it implements from the title, and the two governments that signed it', () => {
    for (const doc of [traditional, simplified]) {
      expect(doc.implements).toEqual([gazetteerKey('粵港合作框架協議')]);
      expect(doc.signedBy).toEqual([gazetteerKey('廣東省人民政府'), gazetteerKey('香港特別行政區政府')]);
      expect(entity(doc, doc.implements![0]!).label).toBe('Policy');
      for (const key of doc.signedBy!) expect(entity(doc, key).label).toBe('Institution');
    }
  });

  it('every key a mention, a place or the title refers to is an entity of the document', () => {
    const keys = new Set(traditional.entities!.map((e) => e.key));
    expect(keys.size).toBe(traditional.entities!.length);
    for (const m of traditional.measures) {
      for (const x of m.mentions!) {
        expect(keys.has(x.entityKey!)).toBe(true);
        // A mention is of the type its entity has.
        expect(x.type).toBe(entity(traditional, x.entityKey!).label);
      }
    }
    for (const e of traditional.entities!)
      for (const place of [...e.locatedIn, ...e.partOf]) expect(keys.has(place)).toBe(true);
    for (const key of [...traditional.implements!, ...traditional.signedBy!])
      expect(keys.has(key)).toBe(true);
  });
});

describe('link: responsible units', () => {
  const text = [
    '# 實施《粵港合作框架協議》2021 年重點工作',
    '',
    '## 一、跨界基礎設施',
    '',
    '1. 推進皇崗口岸改造。（省口岸辦、公安廳牽頭，深圳市政府參與）',
    '2. 支持香港科技大學（廣州）建設。（省教育廳牽頭；廣州市科技局、香港教育局參與）',
    '',
  ].join('\n');
  let doc: Doc;

  beforeAll(() => {
    doc = runStages(sourceFromText('units.txt', text), gazetteer);
  });

  it('gives every unit an Institution key', () => {
    const units = doc.measures.flatMap((m) => m.units!);
    expect(units.map((u) => u.name)).toEqual([
      '省口岸辦',
      '省公安廳',
      '深圳市政府',
      '省教育廳',
      '廣州市科技局',
      '香港教育局',
    ]);
    for (const unit of units) expect(entity(doc, unit.entityKey!).label).toBe('Institution');
  });

  it('resolves units the gazetteer knows to its entries, and keys the others by their own name', () => {
    const [m1, m2] = doc.measures;
    expect(m1!.units!.map((u) => u.entityKey)).toEqual([
      '省口岸办',
      gazetteerKey('廣東省公安廳'),
      gazetteerKey('深圳市人民政府'),
    ]);
    expect(entity(doc, '省口岸办').curated).toBe(false);
    expect(entity(doc, gazetteerKey('深圳市人民政府')).aliases).toContain('深圳市政府');
    // An unknown unit that opens with a city lies in that city.
    const bureau = entity(doc, m2!.units![1]!.entityKey!);
    expect(bureau).toMatchObject({ key: '广州市科技局', curated: false, locatedIn: [gazetteerKey('廣州')] });
  });
});
