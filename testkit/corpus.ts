/**
 * A synthetic corpus of policy documents, for the scale benchmark and the browser test: as many plans
 * as asked, about 5 KB of UTF-8 each (1.5–12 KB; 10,000 documents ≈ 50 MB), made one at a time.
 *
 * The documents imitate the series the explorer reads, so that every stage of the real ingest has
 * real work to do:
 * - mostly city, district, zone and department plans (工作要點, 實施方案, 行動計劃, 任務分工方案,
 *   實施意見) whose titles name no partner region, and, in one slot of every 40 documents, a
 *   Guangdong–Hong Kong or Guangdong–Macao yearly work plan whose title does; years 2010–2030;
 * - half in Traditional and half in Simplified script (the vocabulary is written once, in
 *   Traditional, and converted with the project's own OpenCC wrapper);
 * - six layouts (`CorpusLayout`): continuously numbered `1.` measures under `一、` sections; the older
 *   layout of `（一）` measures numbered per section; task-division plans with labelled unit lines
 *   (`牽頭單位：…`, `分管領導：…`); Markdown with `第一部分` parts and `**一、**` sections; chapters
 *   (`一、` or `第一章`) with subsections and `1.` measures; `（1）` measures under `（一）` subsections.
 *   Around them: titles on one or two lines, document numbers (`深福府辦〔2019〕12號`), imprint
 *   lines, preambles, signature blocks and dates in several spellings; now and then a page break
 *   inside a sentence, an inner list, two measures on one line or CRLF line ends;
 * - measures composed, never copied, from the gazetteer's names (cities, ports, bridges, universities,
 *   zones, plans, programmes, events) and from new names made of a Guangdong place, sometimes a
 *   locality, a field and a head noun of ingest/data/patterns.json (福田區智能製造產業園,
 *   番禺沿江大橋, 順德家居博覽會), so that the extractor finds tens of thousands of distinct entities
 *   in 10,000 documents rather than the gazetteer's few hundred; each measure ends with its units.
 *
 * Deterministic: document i depends only on the seed and i (mulberry32 seeded from both), so the
 * same options give the same corpus byte for byte, and any document can be made on its own.
 */
import { loadGazetteer, type GazetteerEntry } from '../ingest/gazetteer/gazetteer';
import { toSimplified } from '../ingest/opencc';
import { toChineseNumeral, toFullWidthDigits } from '../ingest/stages/parse/numerals';
import type { Script } from '../ingest/types';
import type { PartnerRegion } from '../model/api';

export type CorpusLayout =
  'numbered' | 'paren-measures' | 'task-division' | 'markdown-parts' | 'chapters' | 'paren-arabic';

export interface GeneratedDocument {
  /** `gen-00042-2019-shenzhen-futian-implementation.txt`: unique in the corpus, ASCII. */
  name: string;
  text: string;
  /** The title as the parser should read it (a wrapped title joined). */
  title: string;
  /** The plan's year: the title's (the last of a range), or the date's when the title has none. */
  year: number;
  /** ISO date printed in the signature block. */
  date: string;
  script: Script;
  layout: CorpusLayout;
  /** The partner region the title names: only the series plans have one. */
  partner: PartnerRegion | null;
  /** Measures written (the items of an inner list are part of their measure). */
  measures: number;
  /** The document number printed in the header, if any. */
  documentNumber: string | null;
  /** UTF-8 length of `text`. */
  bytes: number;
}

export interface CorpusOptions {
  documents: number;
  /** Default 1. */
  seed?: number;
}

/** One Guangdong–Hong Kong or –Macao series plan in every block of this many documents. */
const SERIES_EVERY = 40;
const FIRST_YEAR = 2010;
const LAST_YEAR = 2030;
/** Target sizes: log-normal around this median, clamped to the range below. */
const MEDIAN_BYTES = 4300;
const SIZE_SIGMA = 0.5;
const MIN_BYTES = 1600;
const MAX_BYTES = 11300;
const MIN_MEASURES = 3;

/** The documents of a corpus, one at a time. */
export function* generateCorpus(options: CorpusOptions): Generator<GeneratedDocument> {
  for (let i = 0; i < options.documents; i++) yield generateDocument(i, options.seed);
}

/** Total UTF-8 size of a corpus, without keeping it. */
export function corpusBytes(options: CorpusOptions): number {
  let total = 0;
  for (const doc of generateCorpus(options)) total += doc.bytes;
  return total;
}

/** Document `index` (from 0) of the corpus made with `seed`. */
export function generateDocument(index: number, seed = 1): GeneratedDocument {
  const rng = mulberry32(mix(seed, index));
  const block = Math.floor(index / SERIES_EVERY);
  const series = index % SERIES_EVERY === mix(seed ^ 0x5e7, block) % SERIES_EVERY;
  const ctx: Ctx = {
    rng,
    s: rng() < 0.5 ? 0 : 1,
    year: int(rng, FIRST_YEAR, LAST_YEAR),
    home: series ? PROVINCE : pickHome(rng),
    partner: series ? (rng() < 0.55 ? 'hong-kong' : 'macao') : null,
  };
  return writeDocument(ctx, index);
}

// ---------------------------------------------------------------------------------------------
// Randomness

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-mixed 32-bit hash of two integers. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: written once in Traditional, each item paired with its Simplified form

/** [Traditional, Simplified]. */
type Phrase = readonly [string, string];

const phrase = (hant: string): Phrase => [hant, toSimplified(hant)];
const phrases = (list: string): Phrase[] => list.trim().split(/\s+/u).map(phrase);

/** Industries and fields: the middle of new names, and the subject of many clauses. */
const FIELDS = phrases(`
  智能製造 生物醫藥 新能源汽車 數字經濟 人工智能 集成電路 新材料 海洋經濟 跨境電商 現代物流
  金融科技 文化創意 工業設計 軟件信息 低空經濟 綠色低碳 現代農業 健康醫療 時尚產業 影視文化
  總部經濟 會展服務 檢驗檢測 航空航天 精密儀器 智能家居 高端裝備 新一代信息技術 半導體 機器人
  區塊鏈 大數據 物聯網 氫能 海洋裝備 中醫藥 食品加工 家具 陶瓷 紡織服裝 五金 電子信息 珠寶首飾 種業
  醫療器械 新型儲能 工業互聯網 動漫遊戲 電競 康養 文化旅遊 商貿物流 冷鏈物流 數字創意 海洋生物
  綠色建築 環保裝備 科技服務 生物製造 商業航天 跨境金融 數字貿易 智慧農業 生命健康
  綠色石化 海上風電
`);

/** Localities that may follow the place in a new name: invented or generic, never a body. */
const LOCALITIES = phrases(`
  鳳凰 金沙 白鷺 獅山 龍潭 雲岫 紅棉 鳳嶺 梅林 楓林 桃源 翠竹 金雞 銀湖 玉泉 青雲 錦繡 華林 東湖 西湖
  南湖 北湖 星河 雲海 龍湖 鶴洲 白沙 赤坎 黃沙 石門 平沙 三灶 橫欄 坦洲 大涌 小欖 古鎮 濱江 濱海 臨空
  灣畔 湖畔 雲谷 智谷 創智 科創 數智 未來 東岸 西岸 新城 中心城 老城 環湖 望海 觀瀾 松崗 鳳崗 清溪 塘廈
  長安 虎門 沙田 麻涌 樟木頭 大嶺山 容桂 勒流 北滘 陳村 西樵 丹灶
`);

/** Directions, which patterns.json lets into the names of roads and railways only (深圳東部過境高速公路). */
const DIRECTIONS = phrases(`東部 西部 南部 北部 中部 沿江 沿海`);

/** Head nouns of new names by type (patterns.json `headSuffixes`, written in Traditional). */
const HEADS = {
  Zone: phrases(`
    產業園 科技園 集聚區 示範區 孵化基地 先行區 試驗區 合作區 科學城 產業基地 小鎮 園區 片區 創新走廊 產業新城
  `),
  Institution: phrases(`
    研究院 創新中心 服務中心 研究中心 實驗室 產業聯盟 行業協會 商會 技術研究院 創新研究院 公共服務平台 產業研究院
  `),
  Event: phrases(`
    博覽會 論壇 峰會 交流會 對接會 創新創業大賽 文化節 推介會 洽談會 研討會 嘉年華 展銷會 招聘會 交易會
  `),
  Program: phrases(`產業引導基金 資助計劃 扶持計劃 發展基金 創新基金 專項基金`),
  Port: phrases(`貨運碼頭 客運碼頭 物流碼頭 口岸 國際機場 郵輪母港 客運港`),
  Infrastructure: phrases(`大橋 隧道 高速公路 城際鐵路 快速軌道 過江通道 跨海通道 輕軌`),
} as const;

type NameKind = keyof typeof HEADS;

/** What a place's own policy document is called: 《福田區數字經濟高質量發展若干措施》. */
const POLICY_GOALS = phrases(`高質量發展 產業發展 創新發展 集聚發展 轉型升級 提質增效`);
const POLICY_KINDS = phrases(`若干措施 扶持辦法 實施細則 行動方案 專項規劃 管理辦法 支持政策`);
const SCHEME_KINDS = phrases(`英才計劃 人才計劃 青年計劃 創新計劃 領航計劃 啟航計劃 燈塔計劃`);

/** Subjects of titles: 深圳市2019年「數字經濟發展」工作要點. No partner region in any. */
const TITLE_FIELDS = phrases(`
  數字經濟發展 科技創新 營商環境優化 先進製造業發展 現代服務業發展 鄉村振興 生態文明建設 人才工作
  對外開放 文化和旅遊融合發展 城市更新 新型基礎設施建設 跨境電子商務發展 金融業高質量發展
  衞生健康事業發展 教育高質量發展 綠色低碳發展 海洋經濟發展 招商引資 外貿穩增長 消費提質擴容
  民營經濟發展 中小企業發展 知識產權保護 產業園區提質增效 標準化建設 現代農業發展 全域旅遊發展
  智慧城市建設 數字政府建設 就業創業 社會信用體系建設 安全生產 戰略性新興產業發展 總部經濟發展
`);

const SECTION_TITLES = phrases(`
  加快構建現代產業體系 提升科技創新策源能力 持續優化營商環境 推進基礎設施互聯互通 擴大高水平對外開放
  強化人才支撐 提升公共服務水平 加強生態環境保護 推動城鄉區域協調發展 促進文化和旅遊融合發展
  深化重點領域改革 完善金融服務體系 加快數字化轉型 保障和改善民生 強化要素保障 健全工作機制
  推動重大平台建設 深化區域合作 培育壯大新興產業 推進產業園區提質增效 提升城市品質 推動綠色低碳發展
  強化知識產權保護和運用 促進消費提質擴容 穩住外貿外資基本盤 支持中小企業發展 推動教育優質均衡發展
  健全醫療衞生服務體系 建設高水平人才高地 推進新型基礎設施建設 打造一流創新生態 推動海洋經濟發展
  發展現代都市農業 提升應急管理能力 深化與港澳交流合作 加快建設綜合交通樞紐
`);

const SUBSECTION_TITLES = phrases(`
  推動產業集聚發展 培育創新主體 建設高水平創新平台 完善綜合交通網絡 提升口岸服務功能 優化政務服務
  強化金融支撐 引育高端人才 擴大有效投資 促進消費升級 發展數字經濟 推進城市更新 加強生態修復
  完善公共服務 深化交流合作 強化用地保障 加強資金保障 強化統籌協調 加強督查考核 營造良好氛圍
  壯大市場主體 推動開放合作 建設重大平台 提升產業能級 完善創新生態 促進成果轉化 推進數字政府建設
  發展特色產業 增強發展動能 夯實發展基礎
`);

/** Section titles of the series plans. */
const SERIES_SECTION_TITLES = phrases(`
  跨界基礎設施建設 口岸通關便利化 科技創新合作 金融合作 專業服務合作 教育和人才交流 青年交流合作
  文化和旅遊合作 醫療衞生合作 社會民生合作 生態環境保護合作 重點合作平台建設 營商環境對接 完善合作機制
  經貿合作 海洋經濟合作
`);

/** A city's or district's departments: name, slug of its plans, abbreviation in document numbers. */
const DEPARTMENTS = (
  [
    ['發展和改革局', 'development-reform', '發改'],
    ['科技創新局', 'science-innovation', '科創'],
    ['科學技術局', 'science-technology', '科'],
    ['工業和信息化局', 'industry-it', '工信'],
    ['商務局', 'commerce', '商務'],
    ['教育局', 'education', '教'],
    ['財政局', 'finance', '財'],
    ['人力資源和社會保障局', 'human-resources', '人社'],
    ['自然資源局', 'natural-resources', '自然資源'],
    ['生態環境局', 'ecology-environment', '環'],
    ['住房和城鄉建設局', 'housing', '建'],
    ['交通運輸局', 'transport', '交'],
    ['文化廣電旅遊體育局', 'culture-tourism', '文廣旅體'],
    ['衞生健康局', 'health', '衞健'],
    ['市場監督管理局', 'market-regulation', '市監'],
    ['司法局', 'justice', '司'],
    ['農業農村局', 'agriculture', '農'],
    ['應急管理局', 'emergency', '應急'],
    ['統計局', 'statistics', '統'],
    ['政務服務數據管理局', 'data', '政數'],
    ['投資促進局', 'investment-promotion', '投促'],
    ['水務局', 'water', '水'],
    ['民政局', 'civil-affairs', '民'],
  ] as const
).map(([name, slug, abbr]) => ({ name: phrase(name), slug, abbr }));

/** Units below a city or district government that are not departments. */
const AREA_UNITS = {
  city: phrases(`各區人民政府 各區政府 各縣（市、區）人民政府 團市委 市委宣傳部 市稅務局`),
  district: phrases(`各街道辦事處 各鎮人民政府 團區委 區委宣傳部 區城市更新和土地整備局`),
};

/** The ideographic space that separates an issuer from its date, or a part's number from its title. */
const SPACE = '\u3000';

/** Words printed around units and dates. */
const WORDS = {
  lead: phrases(`牽頭 負責`),
  help: phrases(`參與 配合 協同`),
  leadUnit: phrase('牽頭單位'),
  helpUnit: phrase('配合單位'),
  responsible: phrase('責任單位'),
  division: phrase('部門分工'),
  leader: phrase('分管領導'),
  provincialLeader: phrase('分管省領導'),
  coordinate: phrase('配合'),
  leads: phrase('牽頭'),
  someone: phrase('某某'),
  printed: phrase('印發'),
  published: phrase('（此件公開發布）'),
  listIntros: phrases(`重點做好以下工作 重點推進以下項目 主要任務包括 重點抓好以下事項`),
};
const SURNAMES = phrases(
  [
    ...'王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董潘袁蔡蔣余杜葉程魏蘇呂丁任盧姚沈',
  ].join(' '),
);

const SERIES = {
  'hong-kong': {
    pair: phrase('粵港'),
    agreement: phrase('粵港合作框架協議'),
    partnerGovernment: phrase('香港特別行政區政府'),
    slug: 'guangdong-hong-kong',
  },
  macao: {
    pair: phrase('粵澳'),
    agreement: phrase('粵澳合作框架協議'),
    partnerGovernment: phrase('澳門特別行政區政府'),
    slug: 'guangdong-macao',
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Places and bodies, from the gazetteer

interface Home {
  kind: 'city' | 'district' | 'zone' | 'department' | 'province';
  /** As a title or an issuer starts: 深圳市福田區, 廣州市商務局. */
  full: Phrase;
  /** The gazetteer's name, which opens new names: 福田區, 深圳. */
  short: Phrase;
  issuer: Phrase;
  /** Its own units: 區科技創新局 (district), 市商務局 (city). */
  unitPrefix: Phrase;
  slug: string;
  /** Abbreviation in document numbers: 深福. */
  abbr: string;
}

const PROVINCE: Home = {
  kind: 'province',
  full: phrase('廣東省'),
  short: phrase('廣東'),
  issuer: phrase('廣東省人民政府港澳事務辦公室'),
  unitPrefix: phrase('省'),
  slug: 'guangdong',
  abbr: '粵',
};

interface Pools {
  homes: Record<Exclude<Home['kind'], 'province'>, Home[]>;
  /** Guangdong cities and districts (gazetteer names). */
  places: Phrase[];
  ports: Phrase[];
  infrastructure: Phrase[];
  institutions: Phrase[];
  universities: Phrase[];
  zones: Phrase[];
  policies: Phrase[];
  programs: Phrase[];
  events: Phrase[];
  partnerBodies: Record<'hong-kong' | 'macao', Phrase[]>;
  /** Provincial units as plans abbreviate them: 省發展改革委. */
  provincial: Phrase[];
  /** City governments as units: 深圳市政府. */
  cityGovernments: Phrase[];
}

const CITY_ABBREVIATIONS: Readonly<Record<string, string>> = {
  廣州: '穗',
  深圳: '深',
  珠海: '珠',
  佛山: '佛',
  惠州: '惠',
  東莞: '莞',
  中山: '中',
  江門: '江',
  肇慶: '肇',
};
/**
 * What a city plan's title must not hold, lest a partner region be read from it (meta.ts
 * `partnerRegion` needs one of these; 金灣區 is a district, not the Bay Area).
 */
const PARTNER_CHARACTERS = /[港澳]|大灣區|大湾区/u;

let pools: Pools | undefined;

function getPools(): Pools {
  pools ??= buildPools(loadGazetteer().entries);
  return pools;
}

const slugOf = (english: string): string =>
  english
    .replace(/ (District|County)$/u, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');

function buildPools(entries: readonly GazetteerEntry[]): Pools {
  const names = (e: GazetteerEntry): Phrase => [e.nameHant, e.nameHans];
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const byName = new Map(entries.map((e) => [e.nameHant, e]));
  const guangdong = byName.get('廣東省')!.key;
  const cities = entries.filter(
    (e) => e.type === 'City' && e.partOf.includes(guangdong) && e.nameHant !== '珠三角九市',
  );
  const cityKeys = new Set(cities.map((c) => c.key));
  const districts = entries.filter((e) => e.type === 'City' && e.partOf.some((p) => cityKeys.has(p)));
  // Current names only: a short form of a renamed body does not link in every year.
  const ofType = (type: GazetteerEntry['type']) =>
    entries.filter((e) => e.type === type && !e.partner && e.validTo === null);
  const cityAbbr = (c: GazetteerEntry) => CITY_ABBREVIATIONS[c.nameHant] ?? c.nameHant.slice(0, 1);

  const homes: Pools['homes'] = { city: [], district: [], zone: [], department: [] };
  for (const c of cities) {
    const full = phrase(`${c.nameHant}市`);
    const city: Home = {
      kind: 'city',
      full,
      short: names(c),
      issuer: phrase(`${full[0]}人民政府`),
      unitPrefix: phrase('市'),
      slug: slugOf(c.nameEn ?? c.key),
      abbr: cityAbbr(c),
    };
    homes.city.push(city);
    // The departments of the nine cities of the delta publish plans of their own.
    if (CITY_ABBREVIATIONS[c.nameHant])
      for (const dept of DEPARTMENTS) {
        const name = phrase(`${full[0]}${dept.name[0]}`);
        homes.department.push({
          ...city,
          kind: 'department',
          full: name,
          issuer: name,
          slug: `${city.slug}-${dept.slug}`,
          abbr: `${city.abbr}${dept.abbr}`,
        });
      }
  }
  for (const d of districts) {
    const parent = byKey.get(d.partOf[0]!)!;
    const level = d.nameHant.slice(-1);
    // A county-level city goes by its own name (鶴山市), a district or county by its city's too.
    const full = level === '市' ? names(d) : phrase(`${parent.nameHant}市${d.nameHant}`);
    homes.district.push({
      kind: 'district',
      full,
      short: names(d),
      issuer: phrase(`${full[0]}人民政府`),
      unitPrefix: phrase(level === '縣' || level === '市' ? level : '區'),
      slug: `${slugOf(parent.nameEn ?? parent.key)}-${slugOf(d.nameEn ?? d.key)}`,
      abbr: `${cityAbbr(parent)}${d.nameHant.slice(0, 1)}`,
    });
  }
  for (const z of ofType('Zone')) {
    const city = z.locatedIn[0] ? byKey.get(z.locatedIn[0]) : undefined;
    if (!city || !cityKeys.has(city.key) || !z.nameEn || PARTNER_CHARACTERS.test(z.nameHant)) continue;
    homes.zone.push({
      kind: 'zone',
      full: names(z),
      short: names(z),
      issuer: phrase(`${z.nameHant}管理委員會`),
      unitPrefix: phrase('市'),
      slug: slugOf(z.nameEn),
      abbr: `${cityAbbr(city)}${z.nameHant.slice(0, 1)}管`,
    });
  }

  const institutions = ofType('Institution');
  // Hong Kong's and Macao's government bodies, which plans name as partners and as units.
  const partnerBody = (e: GazetteerEntry, city: string) =>
    e.locatedIn.includes(byName.get(city)!.key) && /(?:局|署|處|辦公室|委員會|司)$/u.test(e.nameHant);
  // A provincial body's short form (省發展改革委): aliases are listed Traditional first.
  const provincial = institutions.flatMap((e) => {
    const alias = e.aliases.find((a) => a.startsWith('省') && a.length >= 3);
    return alias && e.nameHant.startsWith('廣東省') ? [phrase(alias)] : [];
  });
  return {
    homes,
    places: [...cities, ...districts].map(names),
    ports: ofType('Port').map(names),
    infrastructure: ofType('Infrastructure').map(names),
    institutions: institutions.filter((e) => !/政府$|委員會$|辦公室$/u.test(e.nameHant)).map(names),
    universities: institutions.filter((e) => /大學|學院|實驗室|研究院/u.test(e.nameHant)).map(names),
    zones: ofType('Zone').map(names),
    // Documents, which plans quote in 《》 (not 一國兩制 or 港車北上).
    policies: ofType('Policy')
      .filter((e) => /(?:綱要|協議|方案|規劃|意見|安排|法|藍圖|策略|綱領|）)$/u.test(e.nameHant))
      .map(names),
    programs: ofType('Program').map(names),
    events: ofType('Event').map(names),
    partnerBodies: {
      'hong-kong': institutions.filter((e) => partnerBody(e, '香港')).map(names),
      macao: institutions.filter((e) => partnerBody(e, '澳門')).map(names),
    },
    provincial,
    cityGovernments: cities
      .filter((c) => CITY_ABBREVIATIONS[c.nameHant])
      .map((c) => phrase(`${c.nameHant}市政府`)),
  };
}

/** Districts most of all, then cities, departments and zones. */
const HOME_KINDS = ['city', 'district', 'district', 'district', 'department', 'zone'] as const;

function pickHome(rng: Rng): Home {
  return pick(rng, getPools().homes[pick(rng, HOME_KINDS)]);
}

// ---------------------------------------------------------------------------------------------
// Slots of the templates

interface Ctx {
  rng: Rng;
  /** 0: Traditional, 1: Simplified. */
  s: 0 | 1;
  year: number;
  home: Home;
  partner: PartnerRegion | null;
}

/** The place a new name opens with: mostly the plan's own, else anywhere in Guangdong. */
function namePlace(ctx: Ctx): string {
  const { rng, home } = ctx;
  if ((home.kind === 'city' || home.kind === 'district' || home.kind === 'department') && chance(rng, 0.55))
    return home.short[ctx.s];
  return pick(rng, getPools().places)[ctx.s];
}

/** A name the gazetteer lacks: place, sometimes a locality, a field (not for ports and roads), a head noun. */
function newName(ctx: Ctx, kind: NameKind): string {
  const { rng, s } = ctx;
  const place = namePlace(ctx);
  const head = pick(rng, HEADS[kind])[s];
  if (kind === 'Port' || kind === 'Infrastructure') {
    const other = pick(rng, getPools().places)[s];
    if (kind === 'Infrastructure') {
      // Two places for a road between them (江門肇慶城際鐵路), or a direction (番禺沿江大橋).
      if (other !== place && chance(rng, 0.15)) return `${place}${other}${head}`;
      if (chance(rng, 0.25)) return `${place}${pick(rng, DIRECTIONS)[s]}${head}`;
    }
    return `${place}${pick(rng, LOCALITIES)[s]}${head}`;
  }
  const locality = chance(rng, 0.35) ? pick(rng, LOCALITIES)[s] : '';
  return `${place}${locality}${pick(rng, FIELDS)[s]}${head}`;
}

function partnerBodies(ctx: Ctx): readonly Phrase[] {
  const bodies = getPools().partnerBodies;
  if (ctx.partner === 'hong-kong' || ctx.partner === 'macao') return bodies[ctx.partner];
  return chance(ctx.rng, 0.6) ? bodies['hong-kong'] : bodies.macao;
}

function series(ctx: Ctx): (typeof SERIES)[keyof typeof SERIES] {
  return ctx.partner === 'macao' ? SERIES.macao : SERIES['hong-kong'];
}

const SLOTS = {
  home: (ctx: Ctx) => ctx.home.short[ctx.s],
  place: (ctx: Ctx) => pick(ctx.rng, getPools().places)[ctx.s],
  field: (ctx: Ctx) => pick(ctx.rng, FIELDS)[ctx.s],
  y: (ctx: Ctx) => String(ctx.year),
  y1: (ctx: Ctx) => String(ctx.year + 1),
  n: (ctx: Ctx) => String(int(ctx.rng, 3, 60)),
  big: (ctx: Ctx) => String(int(ctx.rng, 10, 400) * 5),
  money: (ctx: Ctx) => String(int(ctx.rng, 2, 100) * 10),
  nZone: (ctx: Ctx) => newName(ctx, 'Zone'),
  nInst: (ctx: Ctx) => newName(ctx, 'Institution'),
  nEvent: (ctx: Ctx) => newName(ctx, 'Event'),
  nProg: (ctx: Ctx) => newName(ctx, 'Program'),
  nPort: (ctx: Ctx) => newName(ctx, 'Port'),
  nInfra: (ctx: Ctx) => newName(ctx, 'Infrastructure'),
  nPolicy: ({ rng, s, home }: Ctx) =>
    `《${home.short[s]}${pick(rng, FIELDS)[s]}${pick(rng, POLICY_GOALS)[s]}${pick(rng, POLICY_KINDS)[s]}》`,
  scheme: ({ rng, s }: Ctx) => `「${pick(rng, LOCALITIES)[s]}${pick(rng, SCHEME_KINDS)[s]}」`,
  port: (ctx: Ctx) => pick(ctx.rng, getPools().ports)[ctx.s],
  infra: (ctx: Ctx) => pick(ctx.rng, getPools().infrastructure)[ctx.s],
  inst: (ctx: Ctx) => pick(ctx.rng, getPools().institutions)[ctx.s],
  univ: (ctx: Ctx) => pick(ctx.rng, getPools().universities)[ctx.s],
  zone: (ctx: Ctx) => pick(ctx.rng, getPools().zones)[ctx.s],
  policy: (ctx: Ctx) => `《${pick(ctx.rng, getPools().policies)[ctx.s]}》`,
  program: (ctx: Ctx) => pick(ctx.rng, getPools().programs)[ctx.s],
  event: (ctx: Ctx) => pick(ctx.rng, getPools().events)[ctx.s],
  partnerBody: (ctx: Ctx) => pick(ctx.rng, partnerBodies(ctx))[ctx.s],
  pair: (ctx: Ctx) => series(ctx).pair[ctx.s],
  agreement: (ctx: Ctx) => `《${series(ctx).agreement[ctx.s]}》`,
} satisfies Record<string, (ctx: Ctx) => string>;

type SlotName = keyof typeof SLOTS;

// ---------------------------------------------------------------------------------------------
// Templates: `{slot}` is filled by SLOTS, `[a|b]` is a choice (alternatives may hold slots)

type Part = Phrase | { slot: SlotName } | { choice: Part[][] };
type Template = Part[];

function compile(source: string): Template {
  let at = 0;
  const parse = (inChoice: boolean): Part[][] => {
    const alternatives: Part[][] = [[]];
    let literal = '';
    const current = () => alternatives[alternatives.length - 1]!;
    const flush = () => {
      if (literal) current().push(phrase(literal));
      literal = '';
    };
    while (at < source.length) {
      const ch = source[at++]!;
      if (ch === '{') {
        flush();
        const end = source.indexOf('}', at);
        const name = source.slice(at, end);
        if (!(name in SLOTS)) throw new Error(`corpus template: unknown slot {${name}} in ${source}`);
        current().push({ slot: name as SlotName });
        at = end + 1;
      } else if (ch === '[') {
        flush();
        current().push({ choice: parse(true) });
      } else if (ch === '|' && inChoice) {
        flush();
        alternatives.push([]);
      } else if (ch === ']' && inChoice) {
        flush();
        return alternatives;
      } else literal += ch;
    }
    flush();
    return alternatives;
  };
  return parse(false)[0]!;
}

function render(template: Template, ctx: Ctx): string {
  let out = '';
  for (const part of template) {
    if ('slot' in part) out += SLOTS[part.slot](ctx);
    else if ('choice' in part) out += render(pick(ctx.rng, part.choice), ctx);
    else out += part[ctx.s];
  }
  return out;
}

/** Clauses of measures. */
const CLAUSES = [
  '[加快|高標準|高質量|有序]推進{nZone}建設，[引進|集聚|培育]{field}[龍頭企業|重點項目|創新團隊|專精特新企業]不少於{n}[家|個]',
  '支持{univ}與{home}共建{nInst}，圍繞{field}[開展|聯合開展]關鍵核心技術攻關',
  '研究制定{nPolicy}，[加大|強化]{field}企業在[用地|資金|人才|融資]等方面的[支持|保障]力度',
  '{y}年[舉辦|辦好|聯合舉辦]{nEvent}，[邀請|組織][港澳|海內外|國內外][企業|機構|專業人士|青年][參展|參與交流|洽談對接]',
  '推動{port}與{nPort}[開展|深化][多式聯運|航運物流|旅客聯運|通關查驗]合作，[提升|增強][口岸|港口]服務能力',
  '加快{nInfra}[前期工作|建設|規劃研究]，力爭{y1}年底前[建成|動工|通車|完工]',
  '設立{nProg}，[重點|優先]支持{field}[企業|項目|初創企業][做大做強|加快發展|擴大規模]',
  '實施{scheme}，對[在{home}工作的|新引進的][高層次人才|港澳青年|創新團隊|青年科技人才]給予最高{money}萬元[資助|獎勵|補貼]',
  '依託{zone}，[打造|建設]{nZone}，[推動|促進]{field}與{field}融合發展',
  '深化與{inst}的合作，[推動|支持]{nInst}[落戶|建設|掛牌運作]',
  '[完善|優化]{home}{field}產業鏈，[推動|引導]上下游企業向{nZone}[集聚|延伸]',
  '落實{policy}，在{nZone}[先行先試{field}支持政策|開展{field}改革試點]',
  '[加強|推動]{infra}與{nInfra}[銜接|互聯互通]，[完善|優化][區域|城市][交通網絡|路網結構]',
  '[支持|鼓勵]{univ}在{home}設立{nInst}，[開展|推動]{field}[人才培養|成果轉化|科研合作]',
  '組織{n}家以上企業參加{event}，[拓展|開拓][國際|海外|國內]市場',
  '[建設|籌建]{nInst}，為[企業|港澳青年|中小企業]提供[政策諮詢|融資對接|技術轉移|知識產權]等[一站式|專業化]服務',
  '[開展|推進]{home}{field}[試點|示範]工作，全年[新增|培育]{field}[企業|項目]{n}[家|個]以上',
  '推動{nInst}與{inst}簽署合作協議，[共建|聯合建設]{nZone}',
  '[探索|研究][建立|構建]{home}與{place}{field}[協同|聯動]發展機制，[共同|聯合][打造|建設]{nZone}',
  '[積極|組織]申報{program}，支持{home}[企業|高校|科研機構]承擔[國家|省級][重大|重點]項目',
  '[推進|加快]{nPort}[改造提升|擴建|升級改造]，[優化|完善]{port}[接駁|集疏運]體系',
  '[支持|推動]{partnerBody}在{nZone}設立[服務窗口|聯絡處|辦事處]，[便利|服務][港澳|香港|澳門][企業|居民]',
  '[舉辦|承辦]{nEvent}，[發布|推介]{field}[應用場景|重點項目|投資機會]清單',
  '[推動|引導]{field}企業[入駐|落戶]{nZone}，{y}年[實現|力爭]產值[突破|超過]{big}億元',
  '[聯合|攜手]{inst}[建設|共建]{nInst}，[推動|促進]科技成果在{home}轉化',
  '[優化|提升]{nInfra}沿線[產業|公共服務]佈局，[帶動|促進]{place}{field}發展',
  '[完善|健全]{nInst}運行機制，[推動|促進]{field}[標準|檢測|認證]結果互認',
  '[加快|推動]{zone}與{nZone}聯動發展，[共建|共享]{field}[公共技術服務|中試驗證|概念驗證]平台',
  '[支持|鼓勵]{nInst}[參與|承辦]{nEvent}，[擴大|提升]{home}{field}[品牌影響力|國際影響力]',
  '[用好|發揮]{program}[引導作用|撬動作用]，[吸引|引導]社會資本參與{nZone}建設',
].map(compile);

/** Clauses that may follow the first one of a measure. */
const TAILS = [
  '，[推動|促進|帶動]{field}[集聚|高質量|規模化|特色化|融合]發展',
  '，[形成|打造][一批|若干][示範項目|標桿企業|應用場景]',
  '，[力爭|確保]{y1}年[取得階段性成效|基本建成|全面完成]',
  '，[每年|全年][組織|開展][交流活動|對接活動|專題培訓]不少於{n}[場|次]',
  '，[新增|引進][市場主體|重點企業|高層次人才]{n}[家|名]以上',
].map(compile);

/** The paragraph that opens a plan. */
const PREAMBLES = [
  '為[深入貫徹落實|全面落實|認真貫徹]{policy}，[加快|推動|促進]{home}{field}[高質量發展|創新發展|轉型升級]，[結合本地實際|經研究]，[制定本方案|現提出如下工作措施|特制定本計劃]。',
  '[當前|近年來]，{home}{field}[發展勢頭良好|規模持續擴大]，但[創新能力|產業鏈韌性|要素保障]仍有不足。為[進一步|加快][提升|增強]發展質量，現就有關工作[安排|部署]如下：',
  '為做好{y}年各項工作，[根據|按照]{policy}[部署|要求]，[結合|立足]{home}實際，[現將|特將]重點[工作|任務][明確|分解]如下。',
].map(compile);

const SERIES_PREAMBLES = [
  '為[深入實施|貫徹落實]{agreement}，[經雙方協商|經雙方商定]，[現將|現提出]{y}年{pair}合作重點工作[明確|安排]如下：',
  '{y}年是{pair}合作[深化發展|提質增效]的[關鍵|重要]一年。[按照|根據]{agreement}[部署|要求]，雙方[確定|商定]以下重點工作。',
].map(compile);

// ---------------------------------------------------------------------------------------------
// Titles

interface Title {
  /** One or two parts: a plain-text title may be wrapped between them. */
  parts: string[];
  /** Whether the title prints a year (else the plan's year is its date's). */
  dated: boolean;
  kind: string;
}

/**
 * `{home}`, `{y}`, `{y0}` (a range's first year) and `{f}` (TITLE_FIELDS) filled in; the parts are
 * where a long title may wrap, never after a body's name (a line `廣州市商務局` is an issuer).
 */
const TITLES: readonly (readonly [string[], string])[] = [
  [['{home}{y}年', '{f}工作要點'], 'work-points'],
  [['{home}推進{f}', '實施方案（{y0}—{y}年）'], 'implementation'],
  [['{home}{f}', '三年行動計劃（{y0}—{y}年）'], 'action-plan'],
  [['{home}{y}年{f}', '重點工作任務分工方案'], 'task-division'],
  [['{home}關於加快{f}', '的實施意見'], 'opinions'],
  [['{home}{y}年', '{f}專項行動方案'], 'special-action'],
  [['{home}{y}年{f}', '重點工作'], 'key-work'],
];
const DEPARTMENT_TITLES: readonly (readonly [string[], string])[] = [
  [['{home}{y}年工作要點'], 'work-points'],
  [['{home}{y}年', '{f}工作方案'], 'work-plan'],
  [['{home}關於推進{f}', '的實施方案'], 'implementation'],
];
const SERIES_TITLES: readonly (readonly [string[], string])[] = [
  [['實施《{agreement}》{y}年重點工作'], 'cooperation-key-work'],
  [['{y}年{pair}合作重點工作'], 'cooperation-key-work'],
  [['{pair}合作{y}年工作要點'], 'cooperation-work-points'],
  [['{y}年{pair}合作重點工作', '及分工方案'], 'cooperation-task-division'],
];

function writeTitle(ctx: Ctx): Title {
  const { rng, s, home } = ctx;
  const [templates, slug] = ctx.partner
    ? [SERIES_TITLES, `${series(ctx).slug}-`]
    : [home.kind === 'department' ? DEPARTMENT_TITLES : TITLES, ''];
  const [parts, kind] = pick(rng, templates);
  const field = pick(rng, TITLE_FIELDS)[0];
  const fill = (t: string) =>
    t
      .replace('{home}', home.full[0])
      .replace('{y0}', String(ctx.year - 2))
      .replace('{y}', String(ctx.year))
      .replace('{f}', field)
      .replace('{pair}', series(ctx).pair[0])
      .replace('{agreement}', series(ctx).agreement[0]);
  const filled = parts.map((t) => phrase(fill(t))[s]);
  if (!ctx.partner && PARTNER_CHARACTERS.test(filled.join('')))
    throw new Error(`corpus: a city plan's title names a partner region: ${filled.join('')}`);
  return { parts: filled, dated: parts.some((p) => p.includes('{y}')), kind: `${slug}${kind}` };
}

// ---------------------------------------------------------------------------------------------
// Responsible units

/**
 * A responsible unit at the plan's own level: provincial bodies, city governments and the partner's
 * bureaux for a series plan; a city's departments (now and then a provincial one) for a city, zone
 * or department plan; a district's for a district plan.
 */
function unitName(ctx: Ctx): string {
  const { rng, s, home } = ctx;
  const p = getPools();
  if (home.kind === 'province') {
    if (ctx.partner && chance(rng, 0.25)) return pick(rng, partnerBodies(ctx))[s];
    return chance(rng, 0.2) ? pick(rng, p.cityGovernments)[s] : pick(rng, p.provincial)[s];
  }
  if (home.kind !== 'district' && chance(rng, 0.1)) return pick(rng, p.provincial)[s];
  if (chance(rng, 0.1)) return pick(rng, home.kind === 'district' ? AREA_UNITS.district : AREA_UNITS.city)[s];
  const dept = pick(rng, DEPARTMENTS).name[s];
  // Now and then with the district's name (福田區科技創新局), mostly by level alone (區科技創新局).
  if (home.kind === 'district' && chance(rng, 0.15)) return `${home.short[s]}${dept}`;
  return `${home.unitPrefix[s]}${dept}`;
}

interface Units {
  lead: string[];
  others: string[];
}

function pickUnits(ctx: Ctx): Units {
  const names = new Set<string>();
  const wanted = int(ctx.rng, 1, 2) + int(ctx.rng, 0, 3);
  for (let i = 0; i < wanted * 2 && names.size < wanted; i++) names.add(unitName(ctx));
  const all = [...names];
  const leads = Math.min(all.length, int(ctx.rng, 1, 2));
  return { lead: all.slice(0, leads), others: all.slice(leads) };
}

/** `（省商務廳牽頭，深圳市政府參與）` in one of its spellings. */
function unitsParenthesis(ctx: Ctx, u: Units): string {
  const { rng, s } = ctx;
  const lead = u.lead.join('、');
  const others = u.others.join('、');
  const leadWord = pick(rng, WORDS.lead)[s];
  const help = pick(rng, WORDS.help)[s];
  const style = int(rng, 0, 3);
  if (style === 0 || others === '') return `（${lead}${leadWord}${others ? `，${others}${help}` : ''}）`;
  if (style === 1) return `（${lead}${leadWord}；${others}${help}）`;
  if (style === 2) return `（${WORDS.leadUnit[s]}：${lead}；${WORDS.helpUnit[s]}：${others}）`;
  return `（${lead}、${others}）`;
}

/** The labelled lines of task-division plans. */
function unitLines(ctx: Ctx, u: Units): string[] {
  const { rng, s } = ctx;
  const style = int(rng, 0, 2);
  if (style === 0) {
    const lines: string[] = [];
    if (chance(rng, 0.6)) {
      const label = ctx.home.kind === 'province' ? WORDS.provincialLeader : WORDS.leader;
      lines.push(`${label[s]}：${pick(rng, SURNAMES)[s]}${WORDS.someone[s]}`);
    }
    const others = u.others.length ? `，${u.others.join('、')}${WORDS.coordinate[s]}` : '';
    lines.push(`${WORDS.division[s]}：${u.lead.join('、')}${WORDS.leads[s]}${others}。`);
    return lines;
  }
  if (style === 1)
    return [
      `${WORDS.leadUnit[s]}：${u.lead.join('、')}`,
      ...(u.others.length ? [`${WORDS.responsible[s]}：${u.others.join('、')}`] : []),
    ];
  return [`${WORDS.responsible[s]}：${[...u.lead, ...u.others].join('、')}`];
}

// ---------------------------------------------------------------------------------------------
// Measures

/** One or two composed sentences, each ending in 。, the first perhaps with a tail clause. */
function measureSentences(ctx: Ctx): string {
  const { rng } = ctx;
  let text = render(pick(rng, CLAUSES), ctx);
  if (chance(rng, 0.35)) text += render(pick(rng, TAILS), ctx);
  text += '。';
  if (chance(rng, 0.45)) text += `${render(pick(rng, CLAUSES), ctx)}。`;
  return text;
}

interface MeasureStyle {
  /** Units on labelled lines after the measure (task division), else in a parenthesis. */
  labelled: boolean;
  /**
   * Inner lists `（1）…；（2）…`: on lines of their own, inline, or never (where `（1）` numbers the
   * measures themselves, the parser would split an inline list into measures).
   */
  lists: 'lines' | 'inline' | 'none';
}

/** A measure's lines, its marker first. */
function measureLines(ctx: Ctx, marker: string, style: MeasureStyle): string[] {
  const { rng, s } = ctx;
  const units = pickUnits(ctx);
  const paren = style.labelled ? '' : unitsParenthesis(ctx, units);
  const labelled = style.labelled ? unitLines(ctx, units) : [];
  if (style.lists !== 'none' && chance(rng, 0.08)) {
    const intro = `${render(pick(rng, CLAUSES), ctx)}，${pick(rng, WORDS.listIntros)[s]}：`;
    const count = int(rng, 2, 4);
    const items = Array.from(
      { length: count },
      (_, i) => `（${i + 1}）${render(pick(rng, CLAUSES), ctx)}${i === count - 1 ? '。' : '；'}`,
    );
    if (style.lists === 'inline') return [`${marker}${intro}${items.join('')}${paren}`, ...labelled];
    items[count - 1] += paren;
    return [`${marker}${intro}`, ...items, ...labelled];
  }
  const body = measureSentences(ctx);
  // `…建設（省商務廳牽頭）。` now and then instead of `…建設。（省商務廳牽頭）`.
  const text = paren && chance(rng, 0.3) ? `${body.slice(0, -1)}${paren}。` : `${body}${paren}`;
  return [...pageBreak(ctx, marker, text, body.length - 1), ...labelled];
}

/** How a line broken off a sentence must not start: it would read as a number or a heading. */
const UNSAFE_LINE_START = /^[\s0-9０-９（(第〇零一二两兩三四五六七八九十百千]/u;
const PUNCTUATION = /[，。、；：「」《》（）]/u;

/**
 * The measure on one line, or (now and then) broken inside its first `sentence` characters, with a
 * blank line when the break is a page's: the parser joins both. Never before the first comma: the
 * parser reads a `（四）` line without one as a subsection heading, and the rest as stray text.
 */
function pageBreak(ctx: Ctx, marker: string, text: string, sentence: number): string[] {
  const { rng } = ctx;
  const from = Math.max(12, text.indexOf('，') + 2);
  if (from > sentence - 12 || !chance(rng, 0.06)) return [`${marker}${text}`];
  for (let tries = 0; tries < 5; tries++) {
    const at = int(rng, from, sentence - 12);
    const [last, next] = [text[at - 1]!, text[at]!];
    if (UNSAFE_LINE_START.test(text.slice(at)) || PUNCTUATION.test(last + next) || last === next) continue;
    const lines = [`${marker}${text.slice(0, at)}`, text.slice(at)];
    return chance(rng, 0.5) ? lines : [lines[0]!, '', lines[1]!];
  }
  return [`${marker}${text}`];
}

// ---------------------------------------------------------------------------------------------
// Documents

const LAYOUTS: readonly CorpusLayout[] = [
  'numbered',
  'paren-measures',
  'task-division',
  'markdown-parts',
  'chapters',
  'paren-arabic',
];

/** The document's lines as written so far. */
class Lines {
  readonly lines: string[] = [];
  bytes = 0;
  measures = 0;
  /** Index of the line of the last measure when it was a single line, else -1. */
  lastSingleMeasure = -1;

  push(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.bytes += Buffer.byteLength(l) + 1;
    }
  }

  /** Appends to an earlier line. */
  extend(index: number, text: string): void {
    this.lines[index] += text;
    this.bytes += Buffer.byteLength(text);
  }

  endParagraph(): void {
    if (this.lines[this.lines.length - 1] !== '') this.push('');
  }
}

interface PrintedDate {
  iso: string;
  text: string;
}

function writeDocument(ctx: Ctx, index: number): GeneratedDocument {
  const { rng, s } = ctx;
  const layout = pick(rng, LAYOUTS);
  const target = Math.min(MAX_BYTES, Math.max(MIN_BYTES, MEDIAN_BYTES * Math.exp(SIZE_SIGMA * normal(rng))));
  const title = writeTitle(ctx);
  const date = printedDate(ctx);
  const issuer = ctx.home.issuer[s];
  const markdown = layout === 'markdown-parts' || (layout === 'numbered' && chance(rng, 0.3));
  const out = new Lines();

  // Header: document number, title (perhaps wrapped), imprint, preamble.
  const documentNumber = chance(rng, 0.3) ? docNumber(ctx) : null;
  const imprint = `${issuer}${SPACE}${date.text}${WORDS.printed[s]}`;
  if (markdown) {
    if (documentNumber) out.push(documentNumber, '');
    out.push(`# ${title.parts.join('')}`, '');
    if (chance(rng, 0.6)) out.push(`*${imprint}*`, '');
  } else {
    out.push(...(title.parts.length > 1 && chance(rng, 0.3) ? title.parts : [title.parts.join('')]), '');
    if (documentNumber) out.push(documentNumber, '');
    if (chance(rng, 0.15)) out.push(imprint, '');
  }
  if (chance(rng, layout === 'task-division' || layout === 'paren-measures' ? 0.85 : 0.45))
    out.push(render(pick(rng, ctx.partner ? SERIES_PREAMBLES : PREAMBLES), ctx), '');

  const trailer = signature(ctx, issuer, date.text);
  writeBody(ctx, layout, markdown, out, target - Buffer.byteLength(trailer.join('\n')));
  out.push(...trailer);

  const text = out.lines.join(chance(rng, 0.05) ? '\r\n' : '\n');
  return {
    name: `gen-${String(index).padStart(5, '0')}-${ctx.year}-${ctx.home.slug}-${title.kind}.txt`,
    text,
    title: title.parts.join(''),
    year: title.dated ? ctx.year : Number(date.iso.slice(0, 4)),
    date: date.iso,
    script: s === 0 ? 'traditional' : 'simplified',
    layout,
    partner: ctx.partner,
    measures: out.measures,
    documentNumber,
    bytes: Buffer.byteLength(text),
  };
}

/** Sections, subsections and measures until the size budget is spent. */
function writeBody(ctx: Ctx, layout: CorpusLayout, markdown: boolean, out: Lines, budget: number): void {
  const { rng, s } = ctx;
  const sectionTitles = shuffled(rng, ctx.partner ? SERIES_SECTION_TITLES : SECTION_TITLES);
  const subTitles = shuffled(rng, SUBSECTION_TITLES);
  const full = () => out.bytes >= budget && out.measures >= MIN_MEASURES;
  const gap = chance(rng, 0.6) ? [''] : [];
  const stop = pick(rng, ['.', '.', '．', '、'] as const);
  const fullWidth = layout === 'markdown-parts' && chance(rng, 0.5);
  const restart =
    layout === 'paren-measures' || layout === 'paren-arabic' || (layout === 'chapters' && chance(rng, 0.5));
  const style: MeasureStyle = {
    labelled: layout === 'task-division' || (layout === 'chapters' && chance(rng, 0.3)),
    lists: layout === 'paren-arabic' ? 'none' : chance(rng, 0.5) ? 'lines' : 'inline',
  };
  const chapters = chance(rng, 0.4);
  let running = 0;

  const measure = (local: number): void => {
    running++;
    const n = restart ? local : running;
    let marker: string;
    if (layout === 'paren-measures') marker = `（${toChineseNumeral(n)}）`;
    else if (layout === 'paren-arabic') marker = `（${n}）`;
    else
      marker = `${fullWidth && chance(rng, 0.4) ? toFullWidthDigits(n) : n}${stop}${chance(rng, 0.15) ? ' ' : ''}`;
    const lines = measureLines(ctx, marker, style);
    // Two measures on one line, as text taken from a PDF prints them: the parser splits them again,
    // though not before `12.2023年…` (its run-on split takes that for a decimal).
    const joinable = lines.length === 1 && !/^[0-9０-９]/u.test(lines[0]!.slice(marker.length));
    if (local > 1 && joinable && out.lastSingleMeasure >= 0 && chance(rng, 0.03)) {
      out.extend(out.lastSingleMeasure, lines[0]!);
    } else {
      out.lastSingleMeasure = lines.length === 1 ? out.lines.length : -1;
      out.push(...lines, ...gap);
    }
    out.measures++;
  };
  const measures = (count: number): void => {
    out.lastSingleMeasure = -1;
    for (let m = 1; m <= count && !full(); m++) measure(m);
  };
  const subsections = (sec: number, heading: (sub: number, title: string) => string): void => {
    const count = int(rng, 1, 3);
    for (let sub = 1; sub <= count && !full(); sub++) {
      out.push(heading(sub, subTitles[(sec * 3 + sub) % subTitles.length]![s]), '');
      measures(int(rng, 2, 5));
      out.endParagraph();
    }
  };

  for (let sec = 1; !full(); sec++) {
    const title = sectionTitles[(sec - 1) % sectionTitles.length]![s];
    const cn = toChineseNumeral(sec);
    if (layout === 'markdown-parts') {
      out.push(`## ${phrase(`第${cn}部分`)[s]}${SPACE}${title}`, '');
      subsections(sec, (sub, t) => `**${toChineseNumeral(sub)}、${t}**`);
    } else if (layout === 'chapters' && chapters) {
      out.push(`${phrase(`第${cn}章`)[s]}${SPACE}${title}`, '');
      subsections(sec, (sub, t) => `${toChineseNumeral(sub)}、${t}`);
    } else if (layout === 'chapters' || layout === 'paren-arabic') {
      out.push(`${cn}、${title}`, '');
      subsections(sec, (sub, t) => `（${toChineseNumeral(sub)}）${t}`);
    } else {
      out.push(`${markdown ? '## ' : ''}${cn}、${title}`, '');
      measures(int(rng, 2, 8));
    }
    out.endParagraph();
  }
}

function printedDate(ctx: Ctx): PrintedDate {
  const { rng, year } = ctx;
  const month = int(rng, 1, 12);
  const day = int(rng, 1, 28);
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const style = int(rng, 0, 3);
  if (style === 1) return { iso, text: `${year} 年 ${month} 月 ${day} 日` };
  if (style === 2) {
    const digits = [...String(year)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
    return { iso, text: `${digits}年${toChineseNumeral(month)}月${toChineseNumeral(day)}日` };
  }
  return { iso, text: `${year}年${month}月${day}日` };
}

/** `深福府辦〔2019〕12號`. */
function docNumber(ctx: Ctx): string {
  const { rng, s, home } = ctx;
  const kinds = home.kind === 'department' ? ['', '函', '通'] : ['府', '府辦', '府函', '府辦函'];
  const [open, close] = chance(rng, 0.85) ? ['〔', '〕'] : ['［', '］'];
  return phrase(`${home.abbr}${pick(rng, kinds)}${open}${ctx.year}${close}${int(rng, 1, 240)}號`)[s];
}

/** The signature block: issuers (with roles for a joint plan), the date, sometimes a publication note. */
function signature(ctx: Ctx, issuer: string, date: string): string[] {
  const { rng, s } = ctx;
  const lines: string[] = [];
  if (ctx.partner && chance(rng, 0.4)) {
    const partner = series(ctx).partnerGovernment[s];
    lines.push(
      `${phrase('廣東省人民政府')[s]}${SPACE}${SPACE}${partner}`,
      `${phrase('省長')[s]}${SPACE}${SPACE}${phrase('行政長官')[s]}`,
      '',
    );
  } else if (chance(rng, 0.9)) lines.push(issuer);
  lines.push(date);
  if (chance(rng, 0.1)) lines.push('', WORDS.published[s]);
  lines.push('');
  return lines;
}
