import { loadGazetteer } from '../../../ingest/gazetteer/gazetteer';
import { SurfaceMatcher } from '../../../ingest/extract/matcher';
import { matchForm } from '../../../ingest/opencc';

const gazetteer = loadGazetteer();
const matcher = new SurfaceMatcher(gazetteer);

/** Matches in the original text: what they cover there, and the key of the entry they found. */
function matches(original: string) {
  const form = matchForm(original);
  return matcher.matchAll(form).map((m) => ({
    start: m.start,
    end: m.end,
    original: original.slice(m.start, m.end),
    key: m.entry?.key,
    type: m.type,
  }));
}

describe('SurfaceMatcher with the project gazetteer', () => {
  it('finds a name in Traditional text through its match form, at offsets into the original', () => {
    expect(matches('研究完善港珠澳大橋跨境車輛通行政策')).toEqual([
      { start: 4, end: 9, original: '港珠澳大橋', key: '港珠澳大桥', type: 'Infrastructure' },
    ]);
  });

  it('reports every match at a position, longest first, leaving the choice to the caller', () => {
    const found = matches('推進香港國際機場與東莞港的深度合作');
    expect(found.map((m) => m.original)).toEqual(['香港國際機場', '香港', '東莞港', '東莞']);
    expect(found.map((m) => [m.start, m.end])).toEqual([
      [2, 8],
      [2, 4],
      [9, 12],
      [9, 11],
    ]);
    expect(found.map((m) => m.type)).toEqual(['Port', 'City', 'Port', 'City']);
  });

  it('finds a short form (大灣區) inside the full name as well as the full name, both the same entry', () => {
    const found = matches('粵港澳大灣區');
    expect(found.map((m) => [m.start, m.end, m.key])).toEqual([
      [0, 6, '粤港澳大湾区'],
      [3, 6, '粤港澳大湾区'],
    ]);
  });

  it('matches a name with full-width parentheses as one surface, and its parts', () => {
    const found = matches('推進香港科技大學（廣州）籌建工作');
    expect(found[0]).toEqual({
      start: 2,
      end: 12,
      original: '香港科技大學（廣州）',
      key: '香港科技大学(广州)',
      type: 'Institution',
    });
    expect(found.map((m) => m.original)).toEqual(['香港科技大學（廣州）', '香港科技大學', '香港', '廣州']);
  });

  it('matches Latin names whatever their case or width', () => {
    for (const text of ['依托 CEPA 政策框架', '依托ＣＥＰＡ政策框架', '依托 cepa 政策框架']) {
      const found = matches(text);
      expect(found).toHaveLength(1);
      expect(found[0]!.original.toLowerCase().normalize('NFKC')).toBe('cepa');
      expect(found[0]!.type).toBe('Policy');
    }
  });

  it('every match covers a surface form of the entry it reports', () => {
    const text =
      '支持香港金融機構參與廣州綠色金融改革試驗區建設，推動粵港澳大灣區與前海深港現代服務業合作區聯動。';
    const found = matcher.matchAll(matchForm(text));
    expect(found.length).toBeGreaterThan(3);
    for (const m of found) expect(gazetteer.lookup(text.slice(m.start, m.end))).toBe(m.entry);
  });

  it('finds nothing in text without names', () => {
    expect(matcher.matchAll(matchForm('進一步便利資金跨境撥付。'))).toEqual([]);
  });
});
