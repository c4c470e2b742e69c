import path from 'node:path';
import { loadGazetteer } from '../../../ingest/gazetteer/gazetteer';
import { runStages } from '../../../ingest/pipeline';
import { matchForm } from '../../../ingest/opencc';
import { readSource } from '../../../ingest/source';
import { extractMentions } from '../../../ingest/stages/extract';
import { ensureJieba, tokenize } from '../../../ingest/stages/segment';
import type { Measure, Mention } from '../../../ingest/types';

const ROOT = path.resolve(__dirname, '../../..');
const gazetteer = loadGazetteer();

/** A one-sentence measure with what the script and segment stages give it: text, textHans, tokens. */
function measureOf(text: string): Measure {
  const textHans = matchForm(text);
  return {
    key: 'test/m1',
    number: '1',
    reference: '1',
    ordinal: 1,
    sectionKey: 'test/s1',
    text,
    span: { start: 0, end: text.length },
    segments: [{ start: 0, end: text.length }],
    unitsText: null,
    unitsSpan: null,
    leaders: [],
    textHans,
    tokens: tokenize(textHans),
  };
}

const mentionsIn = (text: string): Mention[] => extractMentions(measureOf(text), gazetteer);
const summary = (text: string) => mentionsIn(text).map((m) => ({ name: m.name, type: m.type }));

beforeAll(() => ensureJieba(gazetteer));

describe('extract: mentions in small sentences', () => {
  it('a port named after the bridge mentions the port and the bridge', () => {
    const text = '完善港珠澳大橋口岸通關安排。';
    const mentions = mentionsIn(text);
    expect(mentions.map((m) => [m.surface, m.type])).toEqual([
      ['港珠澳大橋口岸', 'Port'],
      ['港珠澳大橋', 'Infrastructure'],
    ]);
    expect(mentions[0]!.start).toBe(mentions[1]!.start);
    expect(mentions[1]!.entityKey).toBe(gazetteer.lookup('港珠澳大橋')!.key);
  });

  it('finds the port and the bridge in the seed’s measure 16 sentence, where jieba cuts 對經 as one token before the bridge', () => {
    expect(summary('對經港珠澳大橋口岸進入廣東行駛的香港機動車輛，推動實施「等效先認」政策。')).toEqual([
      { name: '港珠澳大橋口岸', type: 'Port' },
      { name: '港珠澳大橋', type: 'Infrastructure' },
      { name: '廣東', type: 'City' },
      { name: '香港', type: 'City' },
      { name: '等效先認', type: 'Policy' },
    ]);
  });

  it('a gazetteer port whose name starts with the bridge mentions both as well', () => {
    expect(summary('支持港珠澳大橋香港口岸發展。')).toEqual([
      { name: '港珠澳大橋香港口岸', type: 'Port' },
      { name: '港珠澳大橋', type: 'Infrastructure' },
    ]);
  });

  it('a place inside a longer name is not a mention of its own (香港 in 香港國際機場)', () => {
    expect(summary('推進香港國際機場與東莞港的深度合作，聯合打造國際空港中心。')).toEqual([
      { name: '香港國際機場', type: 'Port' },
      { name: '東莞港', type: 'Port' },
    ]);
  });

  it('a place used alone is a City mention', () => {
    expect(summary('支持香港金融機構參與廣州綠色金融改革試驗區建設。')).toEqual([
      { name: '香港', type: 'City' },
      { name: '廣州綠色金融改革試驗區', type: 'Zone' },
    ]);
  });

  it('a 《》 title is a Policy named without its marks; the surface keeps them', () => {
    const mentions = mentionsIn('落實《粵港科技創新交流合作安排》，繼續實施粵港聯合資助計劃。');
    const policy = mentions.find((m) => m.type === 'Policy');
    expect(policy).toMatchObject({
      surface: '《粵港科技創新交流合作安排》',
      name: '粵港科技創新交流合作安排',
      source: 'quote',
    });
  });

  it('a nested title drops the inner marks too', () => {
    expect(summary('貫徹落實《關於〈粵港澳大灣區發展規劃綱要〉的實施意見》。')).toEqual([
      { name: '關於粵港澳大灣區發展規劃綱要的實施意見', type: 'Policy' },
    ]);
  });

  it('「等效先認」政策 is the Policy 等效先認: the descriptor after the quote is not part of the name', () => {
    const mentions = mentionsIn('推動實施「等效先認」政策。');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ surface: '「等效先認」', name: '等效先認', type: 'Policy' });
  });

  it('a quoted programme keeps its own type, and the city before it is a separate mention', () => {
    expect(summary('實施香港「青年內地交流資助計劃」。')).toEqual([
      { name: '香港', type: 'City' },
      { name: '青年內地交流資助計劃', type: 'Program' },
    ]);
  });

  it('a quote inside a longer name makes one name: 廣東「走出去」產業聯盟 is one Institution', () => {
    const mentions = mentionsIn('支持廣東「走出去」產業聯盟發展。');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({
      surface: '廣東「走出去」產業聯盟',
      name: '廣東走出去產業聯盟',
      type: 'Institution',
    });
  });

  it('generic phrases with a head noun produce nothing', () => {
    expect(mentionsIn('聯合打造國際空港中心。')).toEqual([]);
    expect(mentionsIn('加強經貿合作區建設。')).toEqual([]);
  });

  it('reports offsets and surfaces in the original Traditional text, not in the Simplified match form', () => {
    const text = '研究完善港珠澳大橋跨境車輛通行政策，推進廣深港澳科技創新走廊建設。';
    const mentions = mentionsIn(text);
    expect(mentions.map((m) => m.surface)).toEqual(['港珠澳大橋', '廣深港澳科技創新走廊']);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.surface);
  });
});

describe('extract: offsets over whole documents', () => {
  const documents = [
    'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt',
    'tests/fixtures/documents/2019-guangdong-hong-kong-work-plan-units.md',
    'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt',
    'tests/fixtures/documents/2022-guangdong-hong-kong-macao-youth-plan.txt',
  ];

  it.each(documents)('every mention in %s slices back to its surface in the measure text', async (file) => {
    const doc = runStages(await readSource(path.join(ROOT, file)), gazetteer);
    const mentions = doc.measures.flatMap((m) => m.mentions!.map((x) => ({ m, x })));
    expect(mentions.length).toBeGreaterThan(doc.measures.length);
    for (const { m, x } of mentions) {
      expect(m.text.slice(x.start, x.end)).toBe(x.surface);
      expect(x.name).toBe(x.name.trim());
      expect(x.name).not.toMatch(/[《》「」“”『』〈〉]/u);
    }
    // Mentions are in order and never overlap, except a port that also mentions the crossing it is named after.
    for (const m of doc.measures) {
      const list = m.mentions!;
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        expect(b.start).toBeGreaterThanOrEqual(a.start);
        if (b.start < a.end) expect([a.type, b.type]).toEqual(['Port', 'Infrastructure']);
      }
    }
  });

  it('the seed’s surfaces are Traditional, as printed', async () => {
    const doc = runStages(
      await readSource(path.join(ROOT, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt')),
      gazetteer,
    );
    const surfaces = new Set(doc.measures.flatMap((m) => m.mentions!.map((x) => x.surface)));
    expect(surfaces).toContain('港珠澳大橋');
    expect(surfaces).not.toContain('港珠澳大桥');
    expect(surfaces).toContain('《粵港科技創新交流合作安排》');
  });
});
