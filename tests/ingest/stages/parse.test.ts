import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IngestError } from '../../../ingest/errors';
import { readSource, sourceFromText } from '../../../ingest/source';
import { parse } from '../../../ingest/stages/parse';
import { isDoubledArtefact } from '../../../ingest/stages/parse/doubled';
import { documentKeyFromName } from '../../../ingest/identity';
import { parseChineseNumeral, parseDate, parseYear } from '../../../ingest/stages/parse/numerals';
import { findTrailingUnits } from '../../../ingest/stages/parse/units-parenthesis';
import type { Doc, SourceFile } from '../../../ingest/types';

const ROOT = path.resolve(__dirname, '../../..');
const SEED = path.join(ROOT, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const fixture = (name: string): string => path.join(ROOT, 'tests/fixtures/parse', name);
const FIXTURES = ['2021-guangdong-macao-simplified.md', 'numbering-variants.txt', 'page-breaks.txt'];

function slice(src: SourceFile, span: { start: number; end: number }): string {
  return src.text.slice(span.start, span.end);
}

/** Invariants every parsed document must satisfy. */
function expectConsistent(doc: Doc): void {
  const { source } = doc;
  expect(slice(source, doc.meta.titleSpan)).toContain(doc.meta.title.slice(0, 4));
  doc.measures.forEach((m, i) => {
    expect(m.ordinal).toBe(i + 1);
    expect(m.segments.map((s) => slice(source, s)).join('')).toBe(m.text);
    for (const s of m.segments) {
      expect(s.start).toBeGreaterThanOrEqual(m.span.start);
      expect(s.end).toBeLessThanOrEqual(m.span.end);
    }
    expect(m.text).not.toMatch(/[\r\n]/u);
    expect(m.text).toBe(m.text.trim());
    if (m.unitsSpan) {
      expect(m.unitsSpan.end).toBeLessThanOrEqual(m.span.end);
      expect(m.text).not.toContain(m.unitsText);
    }
    expect(doc.sections.some((s) => s.key === m.sectionKey) || m.sectionKey === doc.meta.key).toBe(true);
  });
  expect(new Set(doc.measures.map((m) => m.key)).size).toBe(doc.measures.length);
  expect(new Set(doc.sections.map((s) => s.key)).size).toBe(doc.sections.length);
  doc.sections.forEach((s, i) => expect(s.ordinal).toBe(i + 1));
  for (const sig of doc.meta.signatories) expect(slice(source, sig.span)).toContain(sig.body);
}

describe('parse: the 2020 Guangdong–Hong Kong seed', () => {
  let doc: Doc;
  const KEY = '2020-guangdong-hong-kong-cooperation-work-plan';
  const measure = (n: number) => {
    const m = doc.measures.find((x) => x.number === String(n));
    if (!m) throw new Error(`no measure ${n}`);
    return m;
  };
  beforeAll(async () => {
    doc = parse(await readSource(SEED));
  });

  it('is internally consistent', () => expectConsistent(doc));

  it('reads title, key, year, date, issuers and signatories', () => {
    expect(doc.meta.key).toBe(KEY);
    expect(doc.meta.title).toBe('實施《粵港合作框架協議》2020 年重點工作');
    expect(slice(doc.source, doc.meta.titleSpan)).toBe(doc.meta.title);
    expect(doc.meta.year).toBe(2020);
    expect(doc.meta.date).toBe('2020-10-30');
    expect(doc.meta.issuer).toEqual(['廣東省人民政府', '香港特別行政區政府']);
    expect(doc.meta.signatories.map(({ body, role }) => ({ body, role }))).toEqual([
      { body: '廣東省人民政府', role: '省長' },
      { body: '香港特別行政區政府', role: '行政長官' },
    ]);
  });

  it('finds exactly 57 measures numbered 1..57 in order, keyed by number', () => {
    expect(doc.measures).toHaveLength(57);
    expect(doc.measures.map((m) => m.number)).toEqual(Array.from({ length: 57 }, (_, i) => String(i + 1)));
    expect(doc.measures.map((m) => m.key)).toEqual(Array.from({ length: 57 }, (_, i) => `${KEY}/m${i + 1}`));
  });

  it('finds the eight sections whatever their # level', () => {
    const top = doc.sections.filter((s) => s.level === 1);
    expect(top.map((s) => [s.key, s.number, s.title])).toEqual([
      [`${KEY}/s1`, '一', '跨界基礎設施建設及通關便利化'],
      [`${KEY}/s2`, '二', '共建國際科技創新中心'],
      [`${KEY}/s3`, '三', '促進現代服務業合作'],
      [`${KEY}/s4`, '四', '推進教育、人才和青年交流合作'],
      [`${KEY}/s5`, '五', '打造國際化營商環境'],
      [`${KEY}/s6`, '六', '共建優質生活圈'],
      [`${KEY}/s7`, '七', '攜手參與「一帶一路」建設'],
      [`${KEY}/s8`, '八', '推進重點合作平台建設'],
    ]);
    expect(top.every((s) => s.parentKey === null)).toBe(true);
  });

  it('puts the three subsections under section 三 (## （二） included)', () => {
    const sub = doc.sections.filter((s) => s.level === 2);
    expect(sub.map((s) => [s.key, s.number, s.title, s.parentKey])).toEqual([
      [`${KEY}/s3.1`, '一', '金融業合作', `${KEY}/s3`],
      [`${KEY}/s3.2`, '二', '專業服務', `${KEY}/s3`],
      [`${KEY}/s3.3`, '三', '文化和旅遊合作', `${KEY}/s3`],
    ]);
    expect(doc.sections).toHaveLength(11);
  });

  it('assigns measures to their innermost section', () => {
    expect(measure(5).sectionKey).toBe(`${KEY}/s1`);
    expect(measure(11).sectionKey).toBe(`${KEY}/s3`);
    expect(measure(12).sectionKey).toBe(`${KEY}/s3.1`);
    expect(measure(19).sectionKey).toBe(`${KEY}/s3.1`);
    expect(measure(20).sectionKey).toBe(`${KEY}/s3.2`);
    expect(measure(25).sectionKey).toBe(`${KEY}/s3.2`);
    expect(measure(29).sectionKey).toBe(`${KEY}/s3.3`);
    expect(measure(30).sectionKey).toBe(`${KEY}/s4`);
    expect(measure(57).sectionKey).toBe(`${KEY}/s8`);
  });

  it('joins sentences broken across page breaks', () => {
    expect(measure(10).text).toContain('粵港聯合資助計劃');
    expect(measure(10).segments).toHaveLength(2);
    expect(measure(16).text).toContain('在珠三角九市居住或工作並持有香港保單的客戶提供售後服務。');
    expect(measure(32).text).toContain('入學、考試等政策，保障香港居民隨遷子女');
  });

  it('drops the 作 doubled across the break in measure 57, and joins the hard-broken line', () => {
    const m = measure(57);
    expect(m.text).toContain('粵港深度合作園');
    expect(m.text).not.toContain('合作作園');
    expect(m.text).toContain('深化人才管理體制機制改革');
    expect(m.text.endsWith('探索先行先試人才開放政策。')).toBe(true);
    expect(m.segments).toHaveLength(3);
  });

  it('keeps the signature block and dates out of the last measure', () => {
    const m = measure(57);
    for (const s of ['廣東省人民政府', '省長', '香港特別行政區政府', '行政長官', '2020 年'])
      expect(m.text).not.toContain(s);
    expect(slice(doc.source, m.span)).not.toContain('廣東省人民政府');
  });

  it('spans start at the number (after a - bullet) and cover the whole measure', () => {
    expect(slice(doc.source, measure(1).span)).toBe('1. 加快皇崗口岸改造，爭取推動實施更加便利的通關模式。');
    expect(slice(doc.source, measure(42).span).startsWith('42. 建立')).toBe(true);
    expect(measure(42).text).toBe('建立完善競爭政策與法律實施的交流合作機制。');
    expect(slice(doc.source, measure(10).span)).toContain('\n\n資助計劃');
  });

  it('keeps content parentheses and finds no responsible units', () => {
    expect(measure(30).text).toContain('香港科技大學（廣州）籌建工作');
    expect(measure(33).text).toContain('港人子弟學校（班）');
    expect(measure(34).text).toContain('（含副學士和高級文憑）');
    expect(doc.measures.every((m) => m.unitsText === null && m.unitsSpan === null)).toBe(true);
  });

  it('records a warning with a line number for each repair', () => {
    const lines = (re: RegExp) => doc.warnings.filter((w) => re.test(w.message)).map((w) => w.line);
    expect(lines(/page break/u)).toEqual([21, 35, 64, 105]);
    expect(lines(/dropped "作"/u)).toEqual([105]);
    expect(lines(/inside a sentence/u)).toEqual([106]);
    expect(doc.warnings).toHaveLength(6);
  });
});

describe('parse: Simplified Guangdong–Macao plan, （一） measures restarting per section', () => {
  let doc: Doc;
  const KEY = '2021-guangdong-macao-simplified';
  const byKey = (k: string) => {
    const m = doc.measures.find((x) => x.key === `${KEY}/${k}`);
    if (!m) throw new Error(`no measure ${k}`);
    return m;
  };
  beforeAll(async () => {
    doc = parse(await readSource(fixture('2021-guangdong-macao-simplified.md')));
  });

  it('is internally consistent', () => expectConsistent(doc));

  it('tells （一） headings from （一） measures and keys measures by section', () => {
    expect(doc.sections.map((s) => [s.key, s.level, s.title])).toEqual([
      [`${KEY}/s1`, 1, '共建横琴粤澳深度合作区'],
      [`${KEY}/s2`, 1, '深化教育和人才合作'],
      [`${KEY}/s2.1`, 2, '教育合作'],
      [`${KEY}/s2.2`, 2, '人才交流'],
      [`${KEY}/s3`, 1, '共建优质生活圈'],
    ]);
    expect(doc.measures.map((m) => [m.key.slice(KEY.length + 1), m.number])).toEqual([
      ['s1/m1', '一'],
      ['s1/m2', '二'],
      ['s1/m3', '三'],
      ['s2.1/m1', '一'],
      ['s2.1/m2', '二'],
      ['s2.2/m1', '一'],
      ['s2.2/m2', '二'],
      ['s3/m1', '一'],
    ]);
    expect(byKey('s2.2/m1').sectionKey).toBe(`${KEY}/s2.2`);
  });

  it('splits off trailing responsible units and nothing else', () => {
    const m = byKey('s2.1/m1');
    expect(m.unitsText).toBe('省教育厅、人力资源社会保障厅，广州、佛山市政府牵头');
    expect(m.text).toBe('支持澳门高校在粤开展合作办学，推动两地高校学分互认。');
    expect(m.unitsSpan && slice(doc.source, m.unitsSpan)).toBe(m.unitsText);
    expect(slice(doc.source, m.span).endsWith('牵头）')).toBe(true);

    expect(byKey('s1/m1').unitsText).toBe('省发展改革委、珠海市政府牵头');
    expect(byKey('s1/m2').unitsText).toBe('珠海市政府、省交通运输厅负责');
    expect(byKey('s3/m1').unitsText).toBe('省卫生健康委牵头');

    // Content parenthesis at the end of the sentence: kept.
    expect(byKey('s1/m3').unitsText).toBeNull();
    expect(byKey('s1/m3').text).toBe('支持建设粤澳合作中医药科技产业园（横琴）。');
    expect(byKey('s2.2/m2').unitsText).toBeNull();
  });

  it('splits units standing before the final 。, keeping the 。', () => {
    const m = byKey('s2.2/m1');
    expect(m.unitsText).toBe('省人力资源社会保障厅牵头');
    expect(m.text).toBe('完善澳门专业人才在粤执业政策，扩大职称评审范围。');
    expect(m.segments).toHaveLength(2);
    expect(slice(doc.source, m.span).endsWith('牵头）。')).toBe(true);
  });

  it('joins a （一） measure broken by a page break (not mistaken for a heading)', () => {
    const m = byKey('s2.1/m2');
    expect(m.text).toBe('推进澳门子弟学校建设，为在粤澳门居民随迁子女提供基础教育服务。');
    expect(m.unitsText).toBe('省教育厅牵头');
    // The page break is the one oddity; the restarts are reported as recovered, with the references.
    const restarts = doc.warnings.filter((w) => w.message.startsWith('numbering restarts'));
    expect(doc.warnings.filter((w) => !restarts.includes(w)).map((w) => w.line)).toEqual([16]);
    expect(restarts.map((w) => w.message)).toContain(
      'numbering restarts at 一; measures are told apart by their references (三（一）)',
    );
  });

  it('reads a Chinese-numeral date and Simplified signatories', () => {
    expect(doc.meta.title).toBe('2021年粤澳合作重点工作');
    expect(doc.meta.year).toBe(2021);
    expect(doc.meta.date).toBe('2021-03-15');
    expect(doc.meta.signatories.map(({ body, role }) => [body, role])).toEqual([
      ['广东省人民政府', '省长'],
      ['澳门特别行政区政府', '行政长官'],
    ]);
    expect(doc.meta.issuer).toEqual(['广东省人民政府', '澳门特别行政区政府']);
  });
});

describe('parse: 1、 and １． numbering, sub-items, stray paragraphs', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = parse(await readSource(fixture('numbering-variants.txt')));
  });

  it('is internally consistent', () => expectConsistent(doc));

  it('reads numbers as printed and keys them in ASCII', () => {
    expect(doc.measures.map((m) => m.number)).toEqual(['1', '2', '3', '４', '５', '6']);
    expect(doc.measures.map((m) => m.key)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `numbering-variants/m${n}`));
    expect(doc.measures.map((m) => m.text)).toEqual([
      '加快口岸改造。',
      '推進以下工作：（1）完善跨境通關；（2）推動數據互通。',
      '支持兩地機構合作。',
      '優化營商環境。',
      '加強知識產權保護。',
      '推動調解合作。',
    ]);
  });

  it('reports a paragraph after a finished measure instead of merging it', () => {
    expect(doc.warnings).toEqual([
      { line: 11, message: expect.stringContaining('以上工作由各部門按職責分工落實') },
    ]);
    expect(doc.measures.some((m) => m.text.includes('以上工作'))).toBe(false);
  });

  it('takes the year from a full-width title and the date from the header; no issuer is guessed', () => {
    expect(doc.meta.title).toBe('粵港合作２０２２年重點工作');
    expect(doc.meta.year).toBe(2022);
    expect(doc.meta.date).toBe('2022-01-05');
    expect(doc.meta.issuer).toEqual([]);
    expect(doc.meta.signatories).toEqual([]);
  });
});

describe('parse: characters doubled across a break', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = parse(await readSource(fixture('page-breaks.txt')));
  });

  it('is internally consistent', () => expectConsistent(doc));

  it('keeps genuine repeats and drops only the artefact', () => {
    expect(doc.measures.map((m) => m.text)).toEqual([
      '推動兩地青年交流，鼓勵兩地企業紛紛參與大灣區建設。', // reduplication 紛紛: kept
      '推進粵港深度合作園建設。', // 合作|作園: dropped
      '充分發揮粵港合作作用，推動兩地協同發展。', // 合作|作用: two words, kept
      '支持兩地人才常常交流。', // 常常 across a plain line break: kept
    ]);
    expect(doc.warnings.filter((w) => w.message.includes('dropped')).map((w) => w.line)).toEqual([10]);
  });
});

describe('isDoubledArtefact', () => {
  it.each([
    ['規劃建設粵港深度合作', '作園，探索', true],
    ['规划建设粤港深度合作', '作园，探索', true],
    ['開展聯合研究', '究工作', true],
    ['發揮粵港合作', '作用，推動', false],
    ['各地紛', '紛出台', false],
    ['人才常', '常交流', false],
    ['保持年', '年增長', false],
    ['轉變工作', '作風', false],
    ['2', '2年', false],
    ['合作', '園', false],
  ])('%s|%s → %s', (before, after, expected) => {
    expect(isDoubledArtefact(before, after)).toBe(expected);
  });
});

describe('findTrailingUnits', () => {
  it('finds units after the final 。 or just before it, half-width parentheses too', () => {
    const a = '推進合作。（省商務廳牽頭）';
    expect(findTrailingUnits(a)).toEqual({
      remove: { start: 5, end: a.length },
      content: { start: 6, end: 12 },
    });
    const b = '推進合作（省商務廳牽頭）。';
    expect(findTrailingUnits(b)).toEqual({ remove: { start: 4, end: 12 }, content: { start: 5, end: 11 } });
    expect(findTrailingUnits('推进合作。(省商务厅、省发展改革委)')?.content).toEqual({ start: 6, end: 17 });
  });
  it('leaves content parentheses alone', () => {
    expect(findTrailingUnits('推進香港科技大學（廣州）。')).toBeNull();
    expect(findTrailingUnits('支持香港副學位（含副學士和高級文憑）。')).toBeNull();
    expect(findTrailingUnits('設立香港保險服務中心（暫定名）。')).toBeNull();
    expect(findTrailingUnits('支持港人子弟學校（班）與香港中小學締結姊妹學校。')).toBeNull();
  });
});

describe('numerals and dates', () => {
  it('parses Chinese numerals', () => {
    expect(['一', '十', '十一', '二十', '二十三', '一百零五', '二〇二〇'].map(parseChineseNumeral)).toEqual([
      1, 10, 11, 20, 23, 105, 2020,
    ]);
    expect(parseChineseNumeral('一二')).toBeNull();
  });
  it('parses dates in all printed forms', () => {
    expect(parseDate('2020 年 10 月 30 日')).toBe('2020-10-30');
    expect(parseDate('2020年10月30日')).toBe('2020-10-30');
    expect(parseDate('２０２０年１０月３０日')).toBe('2020-10-30');
    expect(parseDate('二〇二〇年十月三十日')).toBe('2020-10-30');
    expect(parseDate('二○二一年三月五日')).toBe('2021-03-05');
    expect(parseDate('2020年2月30日')).toBeNull();
  });
  it('finds the year in a title', () => {
    expect(parseYear('實施《粵港合作框架協議》2020 年重點工作')).toBe(2020);
    expect(parseYear('二〇二一年粤澳合作要点')).toBe(2021);
    expect(parseYear('粤港合作要点')).toBeNull();
  });
});

describe('parse: other layouts', () => {
  const doc = (text: string, name = 'inline.txt', opts = {}) => {
    const d = parse(sourceFromText(name, text), opts);
    expectConsistent(d);
    return d;
  };

  it('derives the key from the file name, or takes the one given', () => {
    expect(documentKeyFromName('2020 Guangdong_HK Plan.MD', 'ab')).toBe('2020-guangdong-hk-plan');
    expect(documentKeyFromName('粵港合作.txt', 'abcdef0123456789')).toBe('粵港合作');
    expect(documentKeyFromName('---.txt', 'abcdef0123456789')).toBe('doc-abcdef012345');
    expect(doc('一、總則\n1. 測試。', 'x.txt', { documentKey: 'custom' }).measures[0]?.key).toBe('custom/m1');
  });

  it('handles (1) numbering, 第一部分 parts above 一、 sections, and CRLF line ends', () => {
    const d = doc(
      '標題\r\n第一部分 總體要求\r\n一、合作機制\r\n(1) 建立機制。\r\n（2）完善\r\n\r\n機制。\r\n第二部分 重點任務\r\n一、交通\r\n(1) 推進口岸建設。\r\n',
    );
    expect(d.sections.map((s) => [s.key, s.level, s.title])).toEqual([
      ['inline/s1', 1, '總體要求'],
      ['inline/s1.1', 2, '合作機制'],
      ['inline/s2', 1, '重點任務'],
      ['inline/s2.1', 2, '交通'],
    ]);
    expect(d.measures.map((m) => [m.key, m.text])).toEqual([
      ['inline/s1.1/m1', '建立機制。'],
      ['inline/s1.1/m2', '完善機制。'],
      ['inline/s2.1/m1', '推進口岸建設。'],
    ]);
  });

  it('takes a （一） line over numbered items as a heading even when it ends with 。', () => {
    const d = doc(
      '標題\n一、合作\n（一）加強規劃對接。\n1. 建立機制。\n2. 完善制度。\n（二）深化合作交流。\n3. 舉辦論壇。\n',
    );
    expect(d.sections.map((s) => s.title)).toEqual(['合作', '加強規劃對接', '深化合作交流']);
    expect(d.measures.map((m) => m.sectionKey)).toEqual(['inline/s1.1', 'inline/s1.1', 'inline/s1.2']);
  });

  it('keeps a list introduced by ： inside its measure, but not a subsection heading', () => {
    const d = doc(
      '標題\n一、合作\n1. 推進以下工作：\n（一）完善通關；\n（二）推動互通。\n2. 重點推進以下領域：\n（一）金融業合作\n3. 完善機制。\n',
    );
    expect(d.measures.map((m) => [m.number, m.text, m.sectionKey])).toEqual([
      ['1', '推進以下工作：（一）完善通關；（二）推動互通。', 'inline/s1'],
      ['2', '重點推進以下領域：', 'inline/s1'],
      ['3', '完善機制。', 'inline/s1.1'],
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('reads a signature with the role on the same line and ends a measure at it', () => {
    const d = doc(
      '標題\n一、合作\n1. 推進合作\n\n廣東省人民政府　省長\n澳門特別行政區政府 行政長官\n二〇二一年三月五日\n',
    );
    expect(d.measures[0]?.text).toBe('推進合作');
    expect(d.meta.signatories.map((s) => [s.body, s.role])).toEqual([
      ['廣東省人民政府', '省長'],
      ['澳門特別行政區政府', '行政長官'],
    ]);
    expect(d.meta.date).toBe('2021-03-05');
    expect(d.meta.year).toBe(2021);
  });

  it('reads bodies side by side with their roles below, and roles followed by names', () => {
    const side = doc(
      '標題\n一、合作\n1. 推進合作。\n\n廣東省人民政府　　香港特別行政區政府\n省長　　行政長官\n',
    );
    expect(side.meta.signatories.map((s) => [s.body, s.role, slice(side.source, s.span)])).toEqual([
      ['廣東省人民政府', '省長', '廣東省人民政府　　香港特別行政區政府\n省長'],
      ['香港特別行政區政府', '行政長官', '香港特別行政區政府\n省長　　行政長官'],
    ]);
    const named = doc('標題\n一、合作\n1. 推進合作。\n\n香港特別行政區政府\n行政長官 林鄭月娥\n');
    expect(named.meta.signatories.map((s) => [s.body, s.role])).toEqual([['香港特別行政區政府', '行政長官']]);
    expect(named.warnings).toEqual([]);
  });

  it('keeps a line that merely ends in 政府 inside an unfinished sentence', () => {
    const d = doc('標題\n一、合作\n1. 支持符合條件的廣東省地方\n政府\n在港發行債券。\n');
    expect(d.measures[0]?.text).toBe('支持符合條件的廣東省地方政府在港發行債券。');
    expect(d.meta.signatories).toEqual([]);
  });

  it('reads issuers printed above a wrapped title', () => {
    const d = doc(
      '广东省人民政府　澳门特别行政区政府\n\n实施《粤澳合作框架协议》\n2019年重点工作\n\n一、合作\n1. 推进合作。\n',
    );
    expect(d.meta.title).toBe('实施《粤澳合作框架协议》2019年重点工作');
    expect(slice(d.source, d.meta.titleSpan)).toBe('实施《粤澳合作框架协议》\n2019年重点工作');
    expect(d.meta.year).toBe(2019);
    expect(d.meta.issuer).toEqual(['广东省人民政府', '澳门特别行政区政府']);
    expect(d.meta.signatories).toEqual([]);
    expect(d.warnings).toEqual([]);
  });

  it('looks through Markdown: bold headings, # without a space, indentation, quotes, 1） numbering', () => {
    const d = doc(
      '# 標題\n\n**一、總則**\n#二、合作\n\u3000\u30001） 推進合作，\n> 加強交流。\n2）  完善機制。  \n',
    );
    expect(d.sections.map((s) => [s.key, s.title])).toEqual([
      ['inline/s1', '總則'],
      ['inline/s2', '合作'],
    ]);
    expect(d.measures.map((m) => [m.number, m.text, m.sectionKey])).toEqual([
      ['1', '推進合作，加強交流。', 'inline/s2'],
      ['2', '完善機制。', 'inline/s2'],
    ]);
  });

  it('keys measures outside any section by the document', () => {
    const d = doc('# 標題\n\n1. 甲。\n2. 乙。\n');
    expect(d.measures.map((m) => [m.key, m.sectionKey])).toEqual([
      ['inline/m1', 'inline'],
      ['inline/m2', 'inline'],
    ]);
  });

  it('warns about gaps in the numbering and text outside measures', () => {
    const d = doc('標題\n前言說明。\n一、合作\n引言段落。\n1. 甲。\n3. 丙。\n三、交通\n4. 丁。\n');
    expect(d.warnings.map((w) => [w.line, w.message])).toEqual([
      [2, 'text before the first section, ignored: 前言說明。'],
      [4, 'text outside any measure, ignored: 引言段落。'],
      [6, 'measure numbered 3 after 1; expected 2'],
      [7, 'section numbered 三; expected 2'],
    ]);
  });
});

describe('parse: regressions from the 2019 Guangdong–Hong Kong document', () => {
  const doc = (text: string) => {
    const d = parse(sourceFromText('inline.md', text));
    expectConsistent(d);
    return d;
  };

  it('reads 2、 followed by a year as measure 2, not as a stray paragraph', () => {
    const d = doc(
      '# 標題\n\n一、合作\n\n1、甲。（省司法廳牽頭）\n\n2、2019 年舉辦對接會。（省商務廳牽頭）\n\n3、2019年內完成。\n',
    );
    expect(d.measures.map((m) => [m.number, m.text, m.unitsText])).toEqual([
      ['1', '甲。', '省司法廳牽頭'],
      ['2', '2019 年舉辦對接會。', '省商務廳牽頭'],
      ['3', '2019年內完成。', null],
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('still does not read 1.5 or a bare year as a measure number', () => {
    const d = doc('標題\n一、合作\n1. 甲，\n1.5 倍。\n2019 年完成。\n');
    expect(d.measures.map((m) => [m.number, m.text])).toEqual([['1', '甲，1.5 倍。2019 年完成。']]);
  });

  it('splits off a units parenthesis with a parenthesis nested inside it', () => {
    const d = doc(
      '# 標題\n\n一、合作\n\n２５．推動知識產權質押融資。（省市場監管局（知識產權局）牽頭；香港知識產權署參與）\n\n' +
        '26、支持香港科技大學（廣州）建設（省教育廳（省語委）牽頭）。\n',
    );
    expect(d.measures.map((m) => [m.number, m.text, m.unitsText])).toEqual([
      ['２５', '推動知識產權質押融資。', '省市場監管局（知識產權局）牽頭；香港知識產權署參與'],
      ['26', '支持香港科技大學（廣州）建設。', '省教育廳（省語委）牽頭'],
    ]);
    const m = d.measures[0];
    expect(m?.unitsSpan && slice(d.source, m.unitsSpan)).toBe(m?.unitsText);
  });

  it('takes the date and issuer from an italic imprint line under the title', () => {
    const d = doc(
      '# 標題\n\n*廣東省人民政府港澳事務辦公室　2019 年 4 月 16 日印發*\n\n一、合作\n\n1、甲。\n',
    );
    expect(d.meta.date).toBe('2019-04-16');
    expect(d.meta.issuer).toEqual(['廣東省人民政府港澳事務辦公室']);
    expect(d.meta.year).toBe(2019);
    expect(d.warnings).toEqual([]);
  });

  it('does not take an imprint line above a plain title for the title', () => {
    const d = doc('广东省人民政府 2019年4月16日发布\n实施重点工作\n一、合作\n1. 甲。\n');
    expect(d.meta.title).toBe('实施重点工作');
    expect(d.meta.date).toBe('2019-04-16');
    expect(d.meta.issuer).toEqual(['广东省人民政府']);
  });
});

describe('findTrailingUnits with nested parentheses', () => {
  it('matches the outer parenthesis and keeps content parentheses', () => {
    const text = '推動融資。（省市場監管局（知識產權局）牽頭）';
    const u = findTrailingUnits(text);
    expect(u && text.slice(u.content.start, u.content.end)).toBe('省市場監管局（知識產權局）牽頭');
    expect(u?.remove).toEqual({ start: 5, end: text.length });
    expect(findTrailingUnits('支持中國－葡語國家經貿合作論壇（澳門（路氹））。')).toBeNull();
    expect(findTrailingUnits('省市場監管局（知識產權局）牽頭）')).toBeNull();
  });
});

describe('parse: test documents against their gold measure lists', () => {
  const docs = [
    'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt',
    'tests/fixtures/documents/2019-guangdong-hong-kong-work-plan-units.md',
    'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt',
    'tests/fixtures/documents/2022-guangdong-hong-kong-macao-youth-plan.txt',
  ];
  it.each(docs)('%s: same measures, numbers and units presence as gold', async (file) => {
    const d = parse(await readSource(path.join(ROOT, file)));
    expectConsistent(d);
    const stem = path.basename(file).replace(/\.[^.]+$/u, '');
    const gold = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/gold', `${stem}.json`), 'utf8')) as {
      measures: { number: string; units: unknown[] }[];
    };
    const ascii = (n: string) => n.replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    expect(d.measures.map((m) => [ascii(m.number), m.unitsText !== null])).toEqual(
      gold.measures.map((g) => [g.number, g.units.length > 0]),
    );
    for (const m of d.measures) expect(m.text).not.toMatch(/(?:牽頭|牵头|參與|参与)[^，。；]*[）)]。?$/u);
  });

  it('reads the 2019 document header: date and issuer from the imprint line', async () => {
    const d = parse(
      await readSource(
        path.join(ROOT, 'tests/fixtures/documents/2019-guangdong-hong-kong-work-plan-units.md'),
      ),
    );
    expect(d.meta.date).toBe('2019-04-16');
    expect(d.meta.issuer).toEqual(['廣東省人民政府港澳事務辦公室']);
    expect(d.warnings).toEqual([]);
  });
});

describe('parse: errors', () => {
  it('throws NO_STRUCTURE naming the file when there are no measures', async () => {
    const file = fixture('no-measures.txt');
    const src = await readSource(file);
    expect(() => parse(src)).toThrow(IngestError);
    try {
      parse(src);
    } catch (err) {
      expect((err as IngestError).code).toBe('NO_STRUCTURE');
      expect((err as IngestError).message.startsWith(`${file}: `)).toBe(true);
    }
  });

  it('throws NO_STRUCTURE for headings without measures', () => {
    expect(() => parse(sourceFromText('only-headings.txt', '標題\n一、總則\n（一）目標\n'))).toThrow(
      'only-headings.txt: no numbered measures found',
    );
  });
});

describe('fixtures', () => {
  it.each(FIXTURES)('%s is valid UTF-8 text', (name) => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(fixture(name)))).not.toThrow();
  });
});

describe('document number and partner region', () => {
  const plan = (head: string, title: string) =>
    parse(
      sourceFromText(
        'plan.txt',
        `${head}${title}\n\n一、合作\n\n1. 推进合作，参照《总体方案》（粤府〔2019〕5号）。\n`,
      ),
    );

  it('reads the number (文號) from the header, not one a measure cites', () => {
    expect(plan('粤府函〔2021〕179号\n\n', '粤澳合作 2021 年重点工作').meta.documentNumber).toBe(
      '粤府函〔2021〕179号',
    );
    expect(plan('', '粤澳合作 2021 年重点工作').meta.documentNumber).toBeNull();
    expect(plan('粵府辦 [2017] 第 12 號\n', '粵港合作 2017 年重點工作').meta.documentNumber).toBe(
      '粵府辦[2017]第12號',
    );
  });

  it.each([
    ['粤港合作 2021 年重点工作', 'hong-kong'],
    ['實施《粵澳合作框架協議》2019年重點工作', 'macao'],
    ['粤港澳大湾区青年交流合作 2022 年重点工作', 'both'],
    ['深圳市 2021 年重点工作', null],
  ])('%s is with %s', (title, region) => {
    expect(plan('', title).meta.region).toBe(region);
  });
});

describe('parse: a measure that runs on over tens of thousands of lines', () => {
  // Each line asks how the text so far ends; read from the whole text (a rope, flattened on every
  // read) that cost the square of its length: 40,000 lines took 25 s, an upload's worth of CPU.
  it('is one measure with every line joined, read in one pass', () => {
    const line = '，繼續推進粵港澳大灣區建設合作';
    const text = `# 標題\n\n一、測試\n\n1. 推進合作${`${line}\n`.repeat(40_000)}。\n`;
    const doc = parse(sourceFromText('long.txt', text));
    expect(doc.measures).toHaveLength(1);
    const m = doc.measures[0]!;
    expect(m.text).toBe(`推進合作${line.repeat(40_000)}。`);
    expect(m.segments).toHaveLength(40_001);
  });
});
