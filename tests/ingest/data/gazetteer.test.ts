/**
 * Checks ingest/data/gazetteer.tsv as data: shape, script of the canonical names, references
 * between rows, and that no surface form is shared by two entities. The file is parsed here with
 * plain string code so the test does not depend on whichever loader reads it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as OpenCC from 'opencc-js';

const FILE = path.join(__dirname, '../../../ingest/data/gazetteer.tsv');
const HEADER = [
  'type',
  'name_hant',
  'name_hans',
  'name_en',
  'aliases',
  'located_in',
  'part_of',
  'partner',
  'valid_from',
  'valid_to',
  'succeeded_by',
];
const TYPES = new Set([
  'City',
  'Port',
  'Infrastructure',
  'Institution',
  'Policy',
  'Zone',
  'Program',
  'Event',
]);

interface Row {
  line: number;
  type: string;
  nameHant: string;
  nameHans: string;
  nameEn: string;
  aliases: string[];
  locatedIn: string;
  partOf: string[];
  partner: string;
  validFrom: number | null;
  validTo: number | null;
  succeededBy: string;
}

/** Characters that only exist in Traditional script: none may appear in name_hans. */
const TRADITIONAL_ONLY = [
  ...'灣橋門廣東區與學國際機場體會產業發辦廳衛衞資計劃鐵經濟藝術雲寶龍華開關醫島陽圍蓮頭專實驗員庫務縣鎮鄉貿議規證綱總書處農環邊檢車現長層聯們這進過時對從動為於義協園範樞紐歲創設監權測試訊電網數貨運輸碼險銀條導領組織濱營傳續聞報',
];
/**
 * Their Simplified counterparts: none may appear in name_hant. Characters that are also ordinary
 * Traditional characters (云 划 术 台 后 里 干 范 丰 准 据 价 …) are deliberately left out.
 */
const SIMPLIFIED_ONLY = [
  ...'湾桥门广东区与学国际机场体会产业发办厅卫资计铁经济艺宝龙华开关医岛阳围莲头专实验员库务县镇乡贸议规证纲总书处农环边检车现长层联们这进过时对从动为义协园枢纽岁创设监权测试讯电网数货运输码险银条导领组织滨营传续闻报',
];

/** Surface forms known to name more than one thing; they must never be listed as aliases. */
const AMBIGUOUS = [
  '粵',
  '港',
  '澳',
  '九市',
  '大灣',
  '深度',
  '內地',
  '灣區',
  '中大',
  '城大',
  '科大',
  '澳大',
  '金管局',
  '證監會',
  '中聯辦',
  '港澳辦',
  '特區政府',
  '省政府',
  '基本法',
  '全運會',
  '民航局',
  '教育局',
  '發展局',
  '房屋局',
  '稅務局',
  '財政局',
  '衛生局',
  '旅遊局',
  '文化局',
  '海關',
];

const GBA_NINE = ['廣州', '深圳', '珠海', '佛山', '惠州', '東莞', '中山', '江門', '肇慶'];

const text = readFileSync(FILE, 'utf8');
const lines = text.split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const body = lines.slice(1);

const split = (v: string | undefined): string[] => (v ? v.split('|') : []);
const rows: Row[] = body.map((l, i) => {
  const c = l.split('\t');
  return {
    line: i + 2,
    type: c[0] ?? '',
    nameHant: c[1] ?? '',
    nameHans: c[2] ?? '',
    nameEn: c[3] ?? '',
    aliases: split(c[4]),
    locatedIn: c[5] ?? '',
    partOf: split(c[6]),
    partner: c[7] ?? '',
    validFrom: c[8] ? Number(c[8]) : null,
    validTo: c[9] ? Number(c[9]) : null,
    succeededBy: c[10] ?? '',
  };
});
const byName = new Map(rows.map((r) => [r.nameHant, r]));
/** Two rows no document can mean at once: different partners, or years that do not overlap. */
const disjointContexts = (a: Row, b: Row): boolean =>
  (a.partner !== '' && b.partner !== '' && a.partner !== b.partner) ||
  (a.validTo !== null && b.validFrom !== null && a.validTo < b.validFrom) ||
  (b.validTo !== null && a.validFrom !== null && b.validTo < a.validFrom);
const cityNames = new Set(rows.filter((r) => r.type === 'City').map((r) => r.nameHant));
const key = (s: string): string => s.toLowerCase();
const isCjk = (ch: string): boolean => /\p{Script=Han}/u.test(ch);

describe('ingest/data/gazetteer.tsv', () => {
  it('is plain UTF-8 text with Unix line ends and a final newline', () => {
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('"');
  });

  it('has exactly the expected header', () => {
    expect(lines[0]).toBe(HEADER.join('\t'));
  });

  it('has every column on every row and no blank lines', () => {
    const bad = body
      .map((l, i) => ({ line: i + 2, n: l.split('\t').length }))
      .filter((x) => x.n !== HEADER.length);
    expect(bad).toEqual([]);
    expect(body.length).toBeGreaterThanOrEqual(400);
  });

  it('has no surrounding whitespace or empty list items in any field', () => {
    const bad: string[] = [];
    for (const [i, l] of body.entries()) {
      for (const field of l.split('\t')) {
        if (field !== field.trim()) bad.push(`line ${i + 2}: "${field}"`);
        if (field !== '' && field.split('|').some((v) => v.trim() === '' || v !== v.trim())) {
          bad.push(`line ${i + 2}: "${field}"`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('uses only the allowed types', () => {
    expect(rows.filter((r) => !TYPES.has(r.type)).map((r) => `${r.line}: ${r.type}`)).toEqual([]);
  });

  it('has a non-empty, unique name_hant and a non-empty name_hans on every row', () => {
    expect(rows.filter((r) => !r.nameHant || !r.nameHans).map((r) => r.line)).toEqual([]);
    const seen = new Map<string, number>();
    const dups: string[] = [];
    for (const r of rows) {
      const prev = seen.get(r.nameHant);
      if (prev !== undefined) dups.push(`${r.nameHant} (lines ${prev}, ${r.line})`);
      seen.set(r.nameHant, r.line);
    }
    expect(dups).toEqual([]);
  });

  it('has unique name_hans and name_en values', () => {
    for (const col of ['nameHans', 'nameEn'] as const) {
      const seen = new Set<string>();
      const dups: string[] = [];
      for (const r of rows) {
        const v = r[col];
        if (!v) continue;
        if (seen.has(key(v))) dups.push(v);
        seen.add(key(v));
      }
      expect(dups).toEqual([]);
    }
  });

  it('writes name_hans without Traditional-only characters', () => {
    const bad = rows
      .filter((r) => TRADITIONAL_ONLY.some((ch) => r.nameHans.includes(ch)))
      .map((r) => `${r.line}: ${r.nameHans}`);
    expect(bad).toEqual([]);
  });

  it('writes name_hant without Simplified-only characters', () => {
    const bad = rows
      .filter((r) => SIMPLIFIED_ONLY.some((ch) => r.nameHant.includes(ch)))
      .map((r) => `${r.line}: ${r.nameHant}`);
    expect(bad).toEqual([]);
  });

  it('uses full-width parentheses in Chinese names', () => {
    const bad = rows
      .filter((r) => /[()]/.test(r.nameHant) || /[()]/.test(r.nameHans))
      .map((r) => `${r.line}: ${r.nameHant}`);
    expect(bad).toEqual([]);
  });

  it('gives located_in only to non-City rows and part_of only to City rows', () => {
    expect(rows.filter((r) => r.type === 'City' && r.locatedIn).map((r) => r.nameHant)).toEqual([]);
    expect(rows.filter((r) => r.type !== 'City' && r.partOf.length > 0).map((r) => r.nameHant)).toEqual([]);
  });

  it('points located_in and part_of at existing City rows', () => {
    const bad: string[] = [];
    for (const r of rows) {
      if (r.locatedIn && !cityNames.has(r.locatedIn)) bad.push(`${r.nameHant} → ${r.locatedIn}`);
      for (const p of r.partOf) {
        if (!cityNames.has(p) || p === r.nameHant) bad.push(`${r.nameHant} ⊂ ${p}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no cycles in part_of', () => {
    const cyclic: string[] = [];
    for (const start of rows.filter((r) => r.partOf.length > 0)) {
      const stack = [...start.partOf];
      const seen = new Set<string>();
      while (stack.length > 0) {
        const n = stack.pop() as string;
        if (n === start.nameHant) {
          cyclic.push(start.nameHant);
          break;
        }
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push(...(byName.get(n)?.partOf ?? []));
      }
    }
    expect(cyclic).toEqual([]);
  });

  it('has no single-character or known-ambiguous aliases', () => {
    const bad: string[] = [];
    for (const r of rows) {
      for (const a of r.aliases) {
        const chars = [...a];
        if (chars.length === 1 && isCjk(a)) bad.push(`${r.nameHant}: ${a}`);
        if (AMBIGUOUS.includes(a)) bad.push(`${r.nameHant}: ${a}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('does not repeat a row’s own names or an alias within its aliases', () => {
    const bad: string[] = [];
    for (const r of rows) {
      const own = new Set([r.nameHant, r.nameHans, r.nameEn].filter(Boolean).map(key));
      const seen = new Set<string>();
      for (const a of r.aliases) {
        if (own.has(key(a)) || seen.has(key(a))) bad.push(`${r.nameHant}: ${a}`);
        seen.add(key(a));
      }
    }
    expect(bad).toEqual([]);
  });

  it('never lets one surface form name two rows, unless an alias names rows of disjoint contexts', () => {
    const owner = new Map<string, Row>();
    const clashes: string[] = [];
    const claim = (form: string, row: Row, alias: boolean): void => {
      const k = key(form);
      const prev = owner.get(k);
      if (prev !== undefined && prev.nameHant !== row.nameHant && !(alias && disjointContexts(prev, row)))
        clashes.push(`${form}: ${prev.nameHant} / ${row.nameHant}`);
      else if (prev === undefined) owner.set(k, row);
    };
    for (const r of rows) for (const n of [r.nameHant, r.nameHans, r.nameEn]) if (n) claim(n, r, false);
    for (const r of rows) for (const a of r.aliases) claim(a, r, true);
    expect(clashes).toEqual([]);
  });

  it('gives partner, validity and successor well-formed values that point at existing rows', () => {
    const bad = rows.filter(
      (r) =>
        !['', 'hong-kong', 'macao'].includes(r.partner) ||
        (r.validFrom !== null && !(r.validFrom >= 1900 && r.validFrom <= 2100)) ||
        (r.validTo !== null && !(r.validTo >= (r.validFrom ?? 1900) && r.validTo <= 2100)) ||
        (r.succeededBy !== '' && (!byName.has(r.succeededBy) || r.validTo === null)),
    );
    expect(bad.map((r) => r.line)).toEqual([]);
    // The contextual forms the pipeline relies on.
    const cepa = rows.filter((r) => r.aliases.includes('CEPA'));
    expect(cepa.map((r) => r.partner).sort()).toEqual(['hong-kong', 'macao']);
    expect(byName.get('橫琴新區')?.succeededBy).toBe('橫琴粵澳深度合作區');
  });

  it('keeps surface forms distinct after script folding (Simplified, NFKC, lower case, no spaces)', () => {
    // Loaders match Simplified text, so a Traditional alias of one row must not fold onto another
    // row's name. OpenCC is used only to fold here; name_hans itself is written by hand.
    const hk2cn = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const fold = (s: string): string => hk2cn(s.normalize('NFKC')).toLowerCase().replace(/\s+/g, '');
    const owner = new Map<string, Row>();
    const clashes: string[] = [];
    for (const r of rows) {
      for (const form of [r.nameHant, r.nameHans, r.nameEn, ...r.aliases]) {
        if (!form) continue;
        const k = fold(form);
        const prev = owner.get(k);
        const shared = prev !== undefined && r.aliases.includes(form) && disjointContexts(prev, r);
        if (prev !== undefined && prev.nameHant !== r.nameHant && !shared)
          clashes.push(`${form}: ${prev.nameHant} / ${r.nameHant}`);
        else if (prev === undefined) owner.set(k, r);
        if ([...k].length < 2) clashes.push(`${form} (${r.nameHant}) folds to a single character`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has the eleven Greater Bay Area cities, 廣東省 and 珠三角九市', () => {
    for (const name of [...GBA_NINE, '香港', '澳門', '廣東省', '珠三角九市']) {
      expect(byName.get(name)?.type).toBe('City');
    }
    expect(byName.get('珠三角九市')?.aliases).toEqual(
      expect.arrayContaining(['珠江三角洲九市', '大灣區內地九市', '內地九市']),
    );
  });

  it('places each of the nine Pearl River Delta cities, and only them, in 珠三角九市', () => {
    for (const name of GBA_NINE) {
      expect(byName.get(name)?.partOf).toEqual(expect.arrayContaining(['珠三角九市', '廣東省']));
    }
    const members = rows.filter((r) => r.partOf.includes('珠三角九市')).map((r) => r.nameHant);
    expect(members.sort()).toEqual([...GBA_NINE].sort());
    expect(byName.get('香港')?.partOf).toEqual([]);
    expect(byName.get('澳門')?.partOf).toEqual([]);
  });

  it('keeps the canonical spellings of a few well-known entities', () => {
    expect(byName.get('港珠澳大橋')).toMatchObject({
      type: 'Infrastructure',
      nameHans: '港珠澳大桥',
      nameEn: 'Hong Kong-Zhuhai-Macao Bridge',
    });
    expect(byName.get('粵港澳大灣區')?.aliases).toEqual(expect.arrayContaining(['大灣區']));
    expect(byName.get('香港科技大學')?.aliases).toEqual(expect.arrayContaining(['港科大', 'HKUST']));
    expect(byName.get('香港鐵路有限公司')?.aliases).toEqual(expect.arrayContaining(['港鐵', 'MTR']));
    expect(byName.get('深圳灣口岸')?.locatedIn).toBe('深圳');
    expect(byName.get('內地')).toBeUndefined();
  });
});
