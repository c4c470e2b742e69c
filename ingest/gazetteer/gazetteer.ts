/**
 * The curated gazetteer (ingest/data/gazetteer.tsv) as a lookup: every surface form — Traditional,
 * Simplified, English, aliases and their script counterparts — keyed by its canonical form. A form
 * may name several rows when their contexts do not overlap (CEPA: the Hong Kong arrangement in a
 * Guangdong–Hong Kong plan, the Macao one in a Guangdong–Macao plan); the document's partner region
 * and year pick the row (`lookup(surface, context)`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalKey, toSimplified, toTraditional } from '../opencc';

import { ENTITY_LABELS, type EntityLabel } from '../../model/graph';
import { PARTNER_REGIONS, type PartnerRegion } from '../../model/api';

export const GAZETTEER_FILE = path.resolve(__dirname, '../data/gazetteer.tsv');
const COLUMNS = [
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

export interface PlaceNames {
  cities: readonly string[];
  all: readonly string[];
}

/** What a document tells about the names it uses: whose plan it is and for which year. */
export interface NameContext {
  region: PartnerRegion | null;
  year: number | null;
}

export interface GazetteerEntry {
  /** Canonical, script-independent key (the Simplified name). */
  key: string;
  type: EntityLabel;
  nameHant: string;
  nameHans: string;
  nameEn: string | null;
  /** Every surface form we know, both scripts, English included, without duplicates. */
  aliases: string[];
  /** Keys of the cities it lies in (or, for a city, the groups it is part of). */
  locatedIn: string[];
  partOf: string[];
  /** The partner region a form shared with another row means this row in (`CEPA`), else null. */
  partner: PartnerRegion | null;
  /** Years the entity existed under this name (inclusive), when it did not always. */
  validFrom: number | null;
  validTo: number | null;
  /** Key of the entity that replaced it (橫琴新區 → 橫琴粵澳深度合作區), if any. */
  succeededBy: string | null;
}

/** What a document's metadata says about the names it uses. */
export function nameContext(meta: { region: PartnerRegion | null; year: number | null }): NameContext {
  return { region: meta.region, year: meta.year };
}

/** Whether an entry can be meant in a document of this context. */
export function fitsContext(entry: GazetteerEntry, context: NameContext): boolean {
  if (entry.partner && context.region && context.region !== 'both' && entry.partner !== context.region)
    return false;
  if (entry.partner && (!context.region || context.region === 'both')) return false;
  return fitsYear(entry, context.year);
}

function fitsYear(entry: GazetteerEntry, year: number | null): boolean {
  if (year === null) return true;
  return (
    (entry.validFrom === null || year >= entry.validFrom) && (entry.validTo === null || year <= entry.validTo)
  );
}

export class GazetteerError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${path.relative(process.cwd(), file)}:${line}: ${message}`);
    this.name = 'GazetteerError';
  }
}

export class Gazetteer {
  readonly entries: GazetteerEntry[];
  private readonly byKey = new Map<string, GazetteerEntry>();
  /** Canonical form of every surface form → the entries it names (one, unless contexts differ). */
  private readonly bySurface = new Map<string, GazetteerEntry[]>();
  private places: PlaceNames | undefined;

  constructor(entries: GazetteerEntry[]) {
    this.entries = entries;
    for (const entry of entries) {
      this.byKey.set(entry.key, entry);
      for (const alias of entry.aliases) {
        const surface = canonicalKey(alias);
        const named = this.bySurface.get(surface);
        if (!named) this.bySurface.set(surface, [entry]);
        else if (!named.includes(entry)) named.push(entry);
      }
    }
  }

  get(key: string): GazetteerEntry | undefined {
    return this.byKey.get(key);
  }

  /**
   * The entry a surface form (any script) names, if any. A form several rows share is resolved by
   * the context, and without one (or when the context does not decide) names nothing.
   */
  lookup(surface: string, context?: NameContext): GazetteerEntry | undefined {
    return this.lookupCanonical(canonicalKey(surface), context);
  }

  /** lookup, given the surface's canonical form (canonicalKey). */
  lookupCanonical(form: string, context?: NameContext): GazetteerEntry | undefined {
    const named = this.bySurface.get(form);
    return named ? pick(named, context, form) : undefined;
  }

  /**
   * Every written form in Han characters (both scripts), longest first, of the cities (which a list
   * of units may share as a prefix) and of the cities and zones (which make a unit's name complete).
   */
  placeNames(): PlaceNames {
    const forms = (types: readonly EntityLabel[]) =>
      [
        ...new Set(
          this.entries
            .filter((e) => types.includes(e.type))
            .flatMap((e) => e.aliases)
            .filter((a) => a.length >= 2 && /^\p{Script=Han}+$/u.test(a)),
        ),
      ].sort((a, b) => b.length - a.length);
    this.places ??= { cities: forms(['City']), all: forms(['City', 'Zone']) };
    return this.places;
  }

  /** All canonical surface forms with the entries they name (for building matchers and the jieba dictionary). */
  surfaces(): IterableIterator<[string, readonly GazetteerEntry[]]> {
    return this.bySurface.entries();
  }
}

/**
 * The one entry of `named` (the rows canonical form `form` names) a context allows. A form only one
 * row has needs no context, except a short form used in a year the entity did not exist
 * (橫琴合作區 in a 2017 plan): its full name is still that entity, a short form is not.
 */
export function pick(
  named: readonly GazetteerEntry[],
  context: NameContext | undefined,
  form: string,
): GazetteerEntry | undefined {
  return pickKnowing(named, context, named.length === 1 && isShortForm(named[0]!, form));
}

/** Whether `form` (a canonical form of `entry`) is a short form: neither its key nor its full name. */
export function isShortForm(entry: GazetteerEntry, form: string): boolean {
  return form !== entry.key && form !== canonicalKey(entry.nameHant);
}

/**
 * `pick`, told whether the form is a short form of the only entry (when there is one): a matcher that
 * meets the same forms in every measure works that out once per form.
 */
export function pickKnowing(
  named: readonly GazetteerEntry[],
  context: NameContext | undefined,
  shortForm: boolean,
): GazetteerEntry | undefined {
  if (named.length === 1) {
    const only = named[0]!;
    return context && shortForm && !fitsYear(only, context.year) ? undefined : only;
  }
  if (!context) return undefined;
  let fitting: GazetteerEntry | undefined;
  for (const e of named) {
    if (!fitsContext(e, context)) continue;
    if (fitting) return undefined; // more than one fits: the context does not decide
    fitting = e;
  }
  return fitting;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function parseGazetteer(text: string, file = GAZETTEER_FILE): Gazetteer {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  if (header.join('\t') !== COLUMNS.join('\t')) {
    throw new GazetteerError(file, 1, `header must be: ${COLUMNS.join(' ')}`);
  }
  const raw: Array<{ line: number; cells: string[] }> = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() && !line.startsWith('#')) raw.push({ line: i + 2, cells: line.split('\t') });
  });
  const keyOfHant = new Map<string, string>();
  for (const { line, cells } of raw) {
    const hant = cells[1]?.trim();
    const hans = cells[2]?.trim();
    if (!hant || !hans) throw new GazetteerError(file, line, 'name_hant and name_hans are required');
    keyOfHant.set(hant, canonicalKey(hans));
  }
  const ref = (names: string[], line: number, column: string) =>
    names.map((name) => {
      const key = keyOfHant.get(name);
      if (!key) throw new GazetteerError(file, line, `${column} "${name}" is not the name_hant of any row`);
      return key;
    });

  const entries = raw.map(({ line, cells }) => {
    if (cells.length !== COLUMNS.length)
      throw new GazetteerError(file, line, `expected ${COLUMNS.length} columns, found ${cells.length}`);
    const [type, hant, hans, en, aliases, locatedIn, partOf, partner, from, to, successor] = cells.map((c) =>
      c.trim(),
    ) as [string, string, string, string, string, string, string, string, string, string, string];
    if (!(ENTITY_LABELS as readonly string[]).includes(type))
      throw new GazetteerError(file, line, `unknown type "${type}"`);
    const forms = [hant, hans, ...(en ? [en] : []), ...list(aliases)];
    const all = new Set<string>();
    for (const form of forms) {
      all.add(form);
      all.add(toSimplified(form));
      all.add(toTraditional(form));
    }
    return {
      key: canonicalKey(hans),
      type: type as EntityLabel,
      nameHant: hant,
      nameHans: hans,
      nameEn: en || null,
      aliases: [...all],
      locatedIn: ref(list(locatedIn), line, 'located_in'),
      partOf: ref(list(partOf), line, 'part_of'),
      partner: partnerOf(partner, line, file),
      validFrom: yearOf(from, line, file, 'valid_from'),
      validTo: yearOf(to, line, file, 'valid_to'),
      succeededBy: successor ? (ref([successor], line, 'succeeded_by')[0] ?? null) : null,
    };
  });
  return new Gazetteer(entries);
}

function partnerOf(value: string, line: number, file: string): PartnerRegion | null {
  if (value === '') return null;
  if ((PARTNER_REGIONS as readonly string[]).includes(value) && value !== 'both')
    return value as PartnerRegion;
  throw new GazetteerError(file, line, `partner "${value}" must be hong-kong or macao`);
}

function yearOf(value: string, line: number, file: string, column: string): number | null {
  if (value === '') return null;
  if (!/^[12][0-9]{3}$/.test(value))
    throw new GazetteerError(file, line, `${column} "${value}" is not a year`);
  return Number(value);
}

let cached: Gazetteer | null = null;

/** The project's gazetteer, read once per process. */
export function loadGazetteer(file = GAZETTEER_FILE): Gazetteer {
  if (file !== GAZETTEER_FILE) return parseGazetteer(readFileSync(file, 'utf8'), file);
  cached ??= parseGazetteer(readFileSync(file, 'utf8'), file);
  return cached;
}
