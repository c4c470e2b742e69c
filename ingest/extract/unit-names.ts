/**
 * Responsible units, from the parenthesis that ends a measure, e.g.
 * `省教育廳、人力資源社會保障廳，廣州、佛山市政府牽頭；澳門經濟及科技發展局參與`, or from the
 * labelled lines of a task-division plan (`牽頭單位：…；責任單位：…`, `部門分工：…牽頭，…配合`).
 * Clauses are split on semicolons; a clause ending in 牽頭/牵头 names lead units. Items share
 * prefixes and suffixes the way officials write them: `省教育廳、人力資源社會保障廳` means
 * 省教育廳 and 省人力資源社會保障廳; `廣州、佛山市政府` means 廣州市政府 and 佛山市政府; a prefix never
 * reaches a name that already names a place (`海關廣東分署`). Catch-alls (`各地`, `各有關部門`) are
 * not units.
 */
import type { PlaceNames } from '../gazetteer/gazetteer';

export interface Unit {
  name: string;
  lead: boolean;
}

const LEAD = /(牽頭|牵头|牽頭負責|牵头负责|為主|为主)$/;
const ROLE = /(按職責分工負責|按职责分工负责|負責|负责|參與|参与|配合|協助|协助|等)$/;
/** An item ending in one of these names an organisation by itself. */
const HEAD =
  /(人民政府|政府|廳|厅|局|委員會|委员会|委|辦公室|办公室|辦|办|部|署|會|会|中心|院|所|司|處|处|室|組|组|行|館|馆|隊|队|站|庭|公司|集團|集团|協會|协会|聯合會|联合会|大學|大学|學院|学院|海關|海关|法院|檢察院|检察院|銀行|银行|分行|總局|总局|管委會|管委会|辦事處|办事处)$/;
/** A place prefix that later items without one inherit. */
const PLACE_PREFIX =
  /^(廣東省|广东省|省|市(?![場场政])|(?:[\p{Script=Han}]{2,3}?)市|香港特別行政區|香港特别行政区|澳門特別行政區|澳门特别行政区|香港|澳門|澳门)/u;
const NO_PLACES: PlaceNames = { cities: [], all: [] };
const DEPARTMENT =
  /(廳|厅|局|委|辦|办|辦公室|办公室|署|中心|^海關|^海关|集團|集团|貿促會|贸促会|工商聯|工商联|科協|科协|僑聯|侨联|婦聯|妇联|殘聯|残联|文聯|文联|社科聯|社科联|台辦|台办)$/;
/** `各地`, `各部門`, `各有關部門`, `有關單位`: everyone, so no one in particular. */
const CATCH_ALL = /^(各|有關|有关|相關|相关|其他|其它)/u;
/** A labelled clause: its label says whether its units lead. */
const LABEL =
  /^(牽頭單位|牵头单位|主要責任單位|主要责任单位|責任單位|责任单位|配合單位|配合单位|參與單位|参与单位|協辦單位|协办单位|部門分工|部门分工)\s*[：:]\s*/u;
const LEAD_LABEL = /^(牽頭|牵头|主要責任|主要责任)/u;
const FREE_LABEL = /^(部門分工|部门分工)/u;
const NATIONAL =
  /^(國家|国家|中央|國務院|国务院|中國|中国|海關總署|海关总署|人民銀行|人民银行|商務部|商务部|財政部|财政部|公安部|外交部|教育部|科技部|交通運輸部|交通运输部)/;

/** `廣州` before `佛山市政府` becomes `廣州市政府`: the suffix after the next item's place name. */
function expandSuffixes(list: string[]): string[] {
  const out: string[] = [];
  for (const item of list) out.push(item);
  for (let i = out.length - 2; i >= 0; i--) {
    const item = out[i]!;
    if (HEAD.test(item)) continue;
    const next = out[i + 1]!;
    const match = /^([\p{Script=Han}]{2,3}?)(市.+|區.+|区.+|縣.+|县.+)$/u.exec(next);
    if (match && HEAD.test(next)) out[i] = item.replace(/[市區区縣县]$/, '') + match[2];
  }
  return out;
}

/**
 * A list of place names as a trie over UTF-16 code units, each name ending at a node with its place
 * in the list: the names in a unit's name are found by walking from each of its characters as far as
 * some name continues, not by trying every name of the gazetteer at every character.
 */
interface PlaceTrie {
  next: Map<number, PlaceTrie>;
  /** Place in the list of the (first) name ending here, or -1. */
  order: number;
}

interface PlaceIndex {
  cities: PlaceTrie;
  /** Place in the list of an empty city name (which every name starts with), or -1. */
  emptyCity: number;
  all: PlaceTrie;
  /** Whether `all` holds an empty name (which every name contains). */
  emptyInAll: boolean;
}

function placeTrie(names: readonly string[]): PlaceTrie {
  const root: PlaceTrie = { next: new Map(), order: -1 };
  names.forEach((name, order) => {
    let at = root;
    for (let i = 0; i < name.length; i++) {
      const unit = name.charCodeAt(i);
      let next = at.next.get(unit);
      if (!next) at.next.set(unit, (next = { next: new Map(), order: -1 }));
      at = next;
    }
    if (at.order < 0) at.order = order;
  });
  return root;
}

const placeIndexes = new WeakMap<PlaceNames, PlaceIndex>();

function placeIndex(places: PlaceNames): PlaceIndex {
  let index = placeIndexes.get(places);
  if (!index) {
    index = {
      cities: placeTrie(places.cities),
      emptyCity: places.cities.indexOf(''),
      all: placeTrie(places.all),
      emptyInAll: places.all.includes(''),
    };
    placeIndexes.set(places, index);
  }
  return index;
}

/** The first of `places.cities` (in the list's order) that `item` starts with: `places.cities.find((p) => item.startsWith(p))`. */
function cityPrefix(item: string, places: PlaceNames, index: PlaceIndex): string | undefined {
  let best = index.emptyCity;
  let at: PlaceTrie | undefined = index.cities;
  for (let i = 0; i < item.length && at; i++) {
    at = at.next.get(item.charCodeAt(i));
    if (at && at.order >= 0 && (best < 0 || at.order < best)) best = at.order;
  }
  return best < 0 ? undefined : places.cities[best];
}

/** Whether one of `places.all` occurs in `item`: `places.all.some((p) => item.includes(p))`. */
function containsPlace(item: string, index: PlaceIndex): boolean {
  if (index.emptyInAll) return true;
  for (let start = 0; start < item.length; start++) {
    let at: PlaceTrie | undefined = index.all;
    for (let i = start; i < item.length && at; i++) {
      at = at.next.get(item.charCodeAt(i));
      if (at && at.order >= 0) return true;
    }
  }
  return false;
}

/** `人力資源社會保障廳` after `省教育廳` becomes `省人力資源社會保障廳`. */
function expandPrefixes(list: string[], places: PlaceNames): string[] {
  const index = placeIndex(places);
  let prefix: string | null = null;
  const out: string[] = [];
  for (const item of list) {
    const own = PLACE_PREFIX.exec(item)?.[1] ?? cityPrefix(item, places, index) ?? null;
    if (own) {
      prefix = own;
      out.push(item);
      continue;
    }
    // A name with a place or zone in it is complete (海關廣東分署, 團省委, 前海管理局), whatever came before.
    if (item.includes('省') || containsPlace(item, index)) {
      out.push(item);
      continue;
    }
    if (NATIONAL.test(item)) {
      prefix = null;
      out.push(item);
      continue;
    }
    // Only department-style names inherit a prefix (人力資源社會保障廳), not named bodies (拱北海關).
    const base = item.replace(/[（(][^（）()]*[）)]$/, ''); // 市場監管局（知識產權局）
    out.push(prefix && DEPARTMENT.test(base) && base.length <= 10 ? prefix + item : item);
  }
  return out;
}

/**
 * A role marker (牽頭, 參與, 負責 …) closes a group: it applies to every unit since the previous
 * marker, across commas (`省教育廳、人力資源社會保障廳，廣州、佛山市政府牽頭` are all lead) but not
 * across an earlier marker (`省商務廳牽頭，省科技廳參與`).
 */
export function parseUnits(text: string, places: PlaceNames = NO_PLACES): Unit[] {
  const units: Unit[] = [];
  let plain: string[] = [];
  const flushPlain = () => {
    if (plain.length > 0) for (const u of parseMarked(plain.join('；'))) units.push(u);
    plain = [];
  };
  for (const clause of text.replace(/[。.]$/u, '').split(/[；;](?![^（(]*[）)])/u)) {
    const label = LABEL.exec(clause.trim());
    if (!label || FREE_LABEL.test(label[1]!)) {
      plain.push(label ? clause.trim().slice(label[0].length) : clause);
      continue;
    }
    flushPlain();
    const lead = LEAD_LABEL.test(label[1]!);
    const names = nonEmpty(
      clause
        .trim()
        .slice(label[0].length)
        .split(/[、，,](?![^（(]*[）)])/u),
      (s) => s.trim().replace(LEAD, '').replace(ROLE, ''),
    );
    for (const name of expandSuffixes(names)) units.push(unit(name, lead));
  }
  flushPlain();
  // Prefixes carry across the whole list (澳門文化局、體育局 after 省…體育局), so expand before de-duplicating.
  const seen = new Set<string>();
  const out: Unit[] = [];
  for (const u of expandPrefixesInOrder(units, places))
    if (!CATCH_ALL.test(u.name) && !seen.has(u.name)) {
      seen.add(u.name);
      out.push(u);
    }
  return out;
}

/**
 * A unit. Units, and the lists of names they are made from, are all made one way (here, and by
 * pushing onto an empty list): lists made by map or filter come in more than one kind, and the code
 * reading them is compiled again for each new kind it meets.
 */
function unit(name: string, lead: boolean): Unit {
  return { name, lead };
}

/** The non-empty results of `clean` on `parts`. */
function nonEmpty(parts: readonly string[], clean: (s: string) => string): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const s = clean(part);
    if (s) out.push(s);
  }
  return out;
}

const same = (s: string) => s;
const trimmed = (s: string) => s.trim();

/** Units whose role is marked after them (`…牽頭`, `…參與`), across commas. */
function parseMarked(text: string): Unit[] {
  const items: Unit[] = [];
  let group: string[] = [];
  const flush = (lead: boolean) => {
    for (const name of group) items.push(unit(name, lead));
    group = [];
  };
  // Runs joined by 、 share suffixes; runs end at ，；.
  for (const run of text.split(/[，,；;](?![^（(]*[）)])/)) {
    const names = nonEmpty(run.split(/、(?![^（(]*[）)])/), trimmed);
    if (names.length === 0) continue;
    const last = names[names.length - 1]!;
    const lead = LEAD.test(last);
    const marked = lead || ROLE.test(last);
    names[names.length - 1] = last.replace(LEAD, '').replace(ROLE, '').trim();
    for (const name of expandSuffixes(nonEmpty(names, same))) group.push(name);
    if (marked) flush(lead);
  }
  flush(false);
  return items;
}

function expandPrefixesInOrder(units: Unit[], places: PlaceNames): Unit[] {
  const names: string[] = [];
  for (const u of units) names.push(u.name);
  const expanded = expandPrefixes(names, places);
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) out.push(unit(expanded[i]!, units[i]!.lead));
  return out;
}
