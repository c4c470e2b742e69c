/**
 * The named queries' words in each UI language: a title for the menu, the description and each
 * parameter's help. The English description and help are the query file's own header
 * (cypher/*.cypher, served by /api/queries), so only the English titles are written here; 繁體中文
 * is written here in full, and 简体中文 is converted from it like the rest of the UI (zh-Hans.ts).
 * A query or parameter this table lacks shows the file's English (a query added without a
 * translation still works); tests/client/query-texts.test.ts requires every query and parameter of
 * cypher/ to be translated, and nothing else.
 */
import type { NamedQuery, QueryParameter } from '../../../model/api';
import { currentLocale } from './index';
import { toSimplified } from './zh-Hans';

export interface QueryText {
  title: string;
  description: string;
  /** Help for each parameter, by name. */
  params: Record<string, string>;
}

/** The menu's titles in English: the description and help come from the query file. */
export const EN_QUERY_TITLES: Record<string, string> = {
  'co-mentions': 'Entities mentioned together',
  connection: 'How two entities connect',
  'document-outline': 'Outline of a document',
  'dropped-measures': 'Measures dropped by the next plan',
  'entity-profile': 'Profile of an entity',
  'entity-timeline': 'An entity year by year',
  'measure-lineage': 'Lineage of a measure',
  'measures-touching': 'Measures touching an entity',
  'new-measures': 'New measures of a plan',
  'overlaps-by-year': 'Overlaps across years',
  overlaps: 'Overlaps across sections',
  'unit-overlaps': 'Units sharing work',
  'unit-workload': 'Workload of each unit',
};

// Help that several queries share, written once.
const DOCUMENT = '只看這份文件（鍵、標題或來源檔名）；留空為全部文件';
const PLAN = '只看這份計劃（鍵、標題或來源檔名）；留空為全部計劃';
const REGION = '只看與此合作地區的計劃（hong-kong、macao、both）；留空為全部系列';
const FROM_YEAR = '只看此年或以後的計劃';
const TO_YEAR = '只看此年或以前的計劃';
const ENTITY_NAME = '實體，任何名稱皆可：繁體、簡體、英文或別名，例如 港珠澳大橋、港珠澳大桥 或 HZMB';
const maxPaths = (per: string) => `每${per}最多列出這麼多條路徑供圖表顯示`;
const limit = (what: string) => `最多列出這麼多${what}`;

/** 繁體中文. */
export const ZH_HANT_QUERY_TEXTS: Record<string, QueryText> = {
  'co-mentions': {
    title: '同一措施中一起提及的實體',
    description:
      '在同一措施中一起被提及的實體，列出共同措施的數目與清單，並附最多 25 條「實體 ← 措施 → 實體」路徑供圖表顯示。指定名稱時，列出與該實體一起被提及的實體；不指定時，列出最常一起被提及的實體對。',
    params: {
      name: '只看包含此實體（任何名稱或別名）的實體對；留空為全部',
      minCount: '實體對至少共同出現的措施數',
      limit: limit('實體對'),
    },
  },
  connection: {
    title: '兩個實體如何相連',
    description:
      '兩個實體之間經由措施相連的所有最短路徑（實體 → 措施 → 實體……，經 MENTIONS 與 ASSIGNED_TO，方向不限）。兩個實體皆可用任何名稱或別名指定。`route` 以文字讀出路徑：實體名稱，措施寫作「文件 #編號」。',
    params: {
      from: '一個實體，例如 東莞港、东莞港 或 Dongguan Port',
      to: '另一個實體',
      maxLength: '路徑最長的關係數（2 表示同一措施提及兩者；4 表示經過兩項措施及其間的一個實體）',
      limit: limit('條路徑'),
    },
  },
  'document-outline': {
    title: '文件大綱',
    description:
      '文件的結構：依次列出各章節與小節，每節附層級、編號、標題、上層章節及直接屬於它的措施（編號與全文）。每節一行；直接屬於文件的措施另列一行（層級 0，無編號與標題）。',
    params: { document: DOCUMENT },
  },
  'dropped-measures': {
    title: '下一份計劃不再延續的措施',
    description:
      '同一系列（相同合作地區）中，下一份有計劃的年份沒有任何措施延續的措施：即當年消失的承諾。`document` 只看一份計劃；留空為全部計劃。',
    params: { document: '可能有措施被刪去的計劃（鍵、標題或來源檔名）；留空為全部計劃' },
  },
  'entity-profile': {
    title: '實體概覽',
    description:
      '圖中關於一個實體的一切（任何名稱或別名皆可）：類型、各種名稱、提及它的措施（文件、章節、編號、配對到的字詞）、它所在之處（LOCATED_IN、PART_OF）與其中包含的實體、最常與它一起被提及的實體，以及負責相關措施的單位。',
    params: { name: '實體，例如 香港、Hong Kong、東莞港、东莞港……' },
  },
  'entity-timeline': {
    title: '實體的逐年變化',
    description:
      '逐年列出涉及一個實體（提及它或分派工作給它）的計劃與措施，實體可用任何名稱指定：繁體、簡體、英文或別名（不分大小寫）。每個年份與計劃一行，附措施數目與編號；沒有年份的計劃排在最後。',
    params: { name: ENTITY_NAME },
  },
  'measure-lineage': {
    title: '措施的沿革',
    description:
      '一項措施在其系列各年間的沿革，每項措施一行：措施本身、它延續的所有措施（CONTINUES 由較新的措施指向較舊的）及其再延續者，上溯至第一份計劃；以及所有延續它的措施，下至最後一份。每行列出計劃年份、編號與全文，以及它延續了什麼（編號、年份、類別：相同、修訂、合併或拆分；相似度 0–1）。',
    params: { measure: '措施的鍵，例如 2020-guangdong-hong-kong-cooperation-work-plan/m2' },
  },
  'measures-touching': {
    title: '涉及某實體的措施',
    description:
      '提及一個實體的措施，實體可用任何名稱指定：繁體、簡體、英文或別名（不分大小寫）。每行為一項措施及其提及的一個實體，附措施全文、所屬章節（直接屬於文件者為空）與文件、提及位置（措施全文中的起訖位移）及其涵蓋的文字。選取 includeContained 時，位於該實體之內或屬於它的實體也計入（東莞 帶出 東莞港），`via` 顯示由該實體到所查實體的鏈。',
    params: {
      name: ENTITY_NAME,
      includeContained: '一併列出涉及位於其內（LOCATED_IN）或屬於它（PART_OF）的實體的措施，最多四層',
    },
  },
  'new-measures': {
    title: '計劃的新措施',
    description:
      '不延續同一系列（相同合作地區）早前計劃任何措施的措施：即計劃中新增的內容。系列的第一份計劃沒有新措施。`document` 只看一份計劃；留空為全部計劃。',
    params: { document: PLAN },
  },
  'overlaps-by-year': {
    title: '跨年份的重疊',
    description:
      '被多個年份的計劃涉及的實體（或負責單位），依年份數、再依措施數排序：哪些議題年年出現、由誰持續負責。每個實體或單位一行，附各年的措施（鍵）及供圖表顯示的路徑。只計有年份的計劃；`region` 只看一個系列，`fromYear`／`toYear` 限定年份範圍。列出前列者並附總數：`yearCount` 與 `measureCount` 計算全部，每年附其 `measureTotal`。',
    params: {
      rows: '列出措施提及的實體（entities），或措施分派到的單位（units）',
      region: REGION,
      fromYear: FROM_YEAR,
      toYear: TO_YEAR,
      minYears: '每行至少涉及的年份數',
      limit: limit('行'),
      maxMeasures: '每行（全部年份合計）最多列出這麼多項措施',
      maxPaths: maxPaths('行'),
    },
  },
  overlaps: {
    title: '跨章節的重疊',
    description:
      '被兩個或以上頂層章節（或文件）涉及的實體，依章節數、再依措施數排序，並列出每一方的章節與措施（編號與鍵，附計劃與年份）：計劃的不同部分在同一港口、區域、機構或政策上交匯之處。`region`、`fromYear`、`toYear` 只看一個系列或一段年份。列出前列者並附總數：`sideCount` 與 `measureCount` 計算全部。',
    params: {
      by: '以什麼為一方：文件的頂層章節（section），或整份文件（document）',
      document: DOCUMENT,
      region: REGION,
      fromYear: FROM_YEAR,
      toYear: TO_YEAR,
      minSides: '實體至少被涉及的方數',
      limit: limit('個實體'),
      maxSides: '每個實體最多列出這麼多方：措施最多者，依計劃次序列出',
      maxMeasures: '每個實體（全部各方合計）最多列出這麼多項措施',
      maxPaths: maxPaths('個實體'),
    },
  },
  'unit-overlaps': {
    title: '分擔工作的單位',
    description:
      '職責重疊：被分派到相同措施，或分派到涉及同一實體的不同措施的負責單位對。依共同措施數、再依共同實體數排序；每行列出兩者，並附幾條供圖表顯示的路徑。列出前列者並附總數：`sharedMeasures` 與 `sharedEntities` 計算全部。',
    params: {
      document: DOCUMENT,
      minShared: '單位對至少共同的措施數加實體數',
      limit: limit('對單位'),
      maxMeasures: '每對最多列出這麼多項共同措施',
      maxEntities: '每對最多列出這麼多個共同實體',
      maxPaths: maxPaths('對'),
    },
  },
  'unit-workload': {
    title: '各單位的工作量',
    description:
      '每個負責單位（措施 ASSIGNED_TO 的機構）的工作量：牽頭的措施數（lead: true，標明「牽頭」）、協辦的措施數（lead: false）、與至少一個其他單位共同負責的措施數，以及與它共同獲分派的單位及共同措施數。依牽頭措施數、再依分派措施數排序。列出前列者並附總數。',
    params: {
      unit: '只看此單位（任何名稱或別名）；留空為全部單位',
      document: DOCUMENT,
      limit: limit('個單位'),
      maxMeasures: '每個單位最多列出這麼多項措施',
      maxUnits: '每個單位最多列出這麼多個共同獲分派的單位',
      maxPaths: maxPaths('個單位'),
    },
  },
};

function textsFor(locale: string): Record<string, QueryText> | null {
  if (locale === 'zh-Hant') return ZH_HANT_QUERY_TEXTS;
  if (locale === 'zh-Hans') return simplifiedTexts();
  return null;
}

let simplified: Record<string, QueryText> | null = null;

function simplifiedTexts(): Record<string, QueryText> {
  simplified ??= Object.fromEntries(
    Object.entries(ZH_HANT_QUERY_TEXTS).map(([name, text]) => [
      name,
      {
        title: toSimplified(text.title),
        description: toSimplified(text.description),
        params: Object.fromEntries(Object.entries(text.params).map(([p, help]) => [p, toSimplified(help)])),
      },
    ]),
  );
  return simplified;
}

/** A named query's title in the UI language (its English title, else its name). */
export function queryTitle(query: Pick<NamedQuery, 'name'>, locale = currentLocale().id): string {
  return textsFor(locale)?.[query.name]?.title ?? EN_QUERY_TITLES[query.name] ?? query.name;
}

/** A named query's description in the UI language, else the query file's English. */
export function queryDescription(
  query: Pick<NamedQuery, 'name' | 'description'>,
  locale = currentLocale().id,
): string {
  return textsFor(locale)?.[query.name]?.description ?? query.description;
}

/** A parameter's help in the UI language, else the query file's English. */
export function paramHelp(
  query: Pick<NamedQuery, 'name'>,
  param: Pick<QueryParameter, 'name' | 'description'>,
  locale = currentLocale().id,
): string {
  return textsFor(locale)?.[query.name]?.params[param.name] ?? param.description;
}
