/**
 * The `link` stage: gives every mention, unit, title policy and signatory a canonical entity, so the
 * same thing is one node across documents and scripts. Gazetteer names resolve to their entry;
 * other names resolve to an entry when they are a variant of it (a city prefix added, one character
 * different: 深圳前海深港現代化服務業合作區 → 前海深港現代服務業合作區), else to their own
 * script-independent key.
 */
import {
  fitsContext,
  loadGazetteer,
  nameContext,
  type Gazetteer,
  type GazetteerEntry,
  type NameContext,
} from '../gazetteer/gazetteer';
import { findQuoted } from '../extract/quotes';
import { canonicalKey, memoShort, toSimplified, toTraditional } from '../opencc';
import type { Doc, EntityLabel, EntityRecord, Measure } from '../types';

/**
 * Whether `a` and `b` are at most one edit apart (Levenshtein: one character inserted, deleted or
 * replaced), compared in UTF-16 code units.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length > b.length) [a, b] = [b, a];
  if (b.length - a.length > 1) return false;
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length) return true;
  // The first difference is the edit: the rest must then be equal (after it in both, or in the longer).
  const skip = a.length === b.length ? 1 : 0;
  for (let j = i + skip; j < a.length; j++) if (a.charCodeAt(j) !== b.charCodeAt(j + 1 - skip)) return false;
  return true;
}

/** Shortest surface a variant is looked for near, and how much of each end the index keeps. */
const NEAR_MIN_LENGTH = 6;
const NEAR_END = 3;

type CityPrefix = { surface: string; entry: GazetteerEntry };

export class EntityResolver {
  /** The city surfaces a name may start with, longest first, by their first character. */
  private readonly cityPrefixes = new Map<string, CityPrefix[]>();
  /** entryFor's answers, by type and context (see answersFor), then by canonical key. */
  private readonly cache = new Map<string, Map<string, GazetteerEntry | null>>();
  /**
   * The gazetteer's surfaces of NEAR_MIN_LENGTH characters or more by their first and by their last
   * NEAR_END characters, each with its place in the gazetteer's order. A name one edit away from
   * such a surface shares its start or its end with it (the edit cannot touch both when there are six
   * characters or more), so the surfaces near a name are among the few that share either, not all.
   */
  private nearIndex: { starts: Map<string, number[]>; ends: Map<string, number[]> } | null = null;
  private readonly surfaceList: Array<[string, readonly GazetteerEntry[]]>;

  constructor(private readonly gazetteer: Gazetteer) {
    this.surfaceList = [...gazetteer.surfaces()];
    const cities = this.surfaceList
      .flatMap(([surface, entries]) => (entries.length === 1 ? [{ surface, entry: entries[0]! }] : []))
      .filter(
        ({ surface, entry }) =>
          entry.type === 'City' && surface.length >= 2 && /^\p{Script=Han}+$/u.test(surface),
      )
      .sort((a, b) => b.surface.length - a.surface.length);
    // A name starts with a city only if their first characters agree: only those are tried, in the same order.
    for (const city of cities) {
      const group = this.cityPrefixes.get(city.surface[0]!);
      if (group) group.push(city);
      else this.cityPrefixes.set(city.surface[0]!, [city]);
    }
  }

  /** The first city (longest) `key` starts with that leaves at least `rest` characters after it. */
  private cityPrefix(key: string, rest: number): CityPrefix | undefined {
    for (const c of this.cityPrefixes.get(key.charAt(0)) ?? [])
      if (key.length - c.surface.length >= rest && key.startsWith(c.surface)) return c;
    return undefined;
  }

  /** The city a name starts with (深圳職業技術學院 → 深圳), if any. */
  leadingCity(name: string): GazetteerEntry | null {
    return this.leadingCityOf(canonicalKey(name));
  }

  /** leadingCity, given the name's canonical key. */
  leadingCityOf(key: string): GazetteerEntry | null {
    return this.cityPrefix(key, 1)?.entry ?? null;
  }

  /**
   * The gazetteer entry a name is, or is a variant of, in a document of this context: a form rows
   * share goes to the one the context allows, and a variant is only taken for an entity that existed
   * under that name in the document's year.
   */
  entryFor(name: string, type: EntityLabel, context: NameContext = NO_CONTEXT): GazetteerEntry | null {
    return this.entryOf(canonicalKey(name), this.answersFor(type, context), type, context);
  }

  /**
   * The answers of entryFor for one type in one context, by canonical key (the answer depends on the
   * name only through it): a document asks for its type and context once, then only by key.
   */
  answersFor(type: EntityLabel, context: NameContext): Map<string, GazetteerEntry | null> {
    const at = `${type}:${context.region ?? ''}:${context.year ?? ''}`;
    let answers = this.cache.get(at);
    if (!answers) this.cache.set(at, (answers = new Map()));
    return answers;
  }

  /** entryFor, given the name's canonical key and the answers for its type and context. */
  entryOf(
    key: string,
    answers: Map<string, GazetteerEntry | null>,
    type: EntityLabel,
    context: NameContext,
  ): GazetteerEntry | null {
    let found = answers.get(key);
    if (found === undefined) answers.set(key, (found = this.find(key, type, context)));
    return found;
  }

  /** The entry a name whose canonical key is `key` is, or is a variant of (see entryFor). */
  private find(key: string, type: EntityLabel, context: NameContext): GazetteerEntry | null {
    const exact = this.gazetteer.lookupCanonical(key, context);
    if (exact) return exact;
    const city = this.cityPrefix(key, 4);
    const forms = city ? [key, key.slice(city.surface.length)] : [key];
    for (const form of forms.slice(1)) {
      const stripped = this.gazetteer.lookup(form, context);
      if (stripped && stripped.type === type && fitsContext(stripped, context)) return stripped;
    }
    if (key.length < NEAR_MIN_LENGTH) return null;
    // The surfaces within one edit of a form, in the gazetteer's order (the first that fits wins).
    const { starts, ends } = this.near();
    const near = new Set<number>();
    for (const form of forms)
      for (const bucket of [starts.get(form.slice(0, NEAR_END)), ends.get(form.slice(-NEAR_END))])
        for (const i of bucket ?? []) if (withinOneEdit(form, this.surfaceList[i]![0])) near.add(i);
    if (near.size === 0) return null;
    for (const i of [...near].sort((a, b) => a - b)) {
      const entry = this.surfaceList[i]![1].find((e) => e.type === type && fitsContext(e, context));
      if (entry) return entry;
    }
    return null;
  }

  private near(): { starts: Map<string, number[]>; ends: Map<string, number[]> } {
    if (this.nearIndex) return this.nearIndex;
    const starts = new Map<string, number[]>();
    const ends = new Map<string, number[]>();
    const add = (index: Map<string, number[]>, at: string, i: number) => {
      const list = index.get(at);
      if (list) list.push(i);
      else index.set(at, [i]);
    };
    this.surfaceList.forEach(([surface], i) => {
      if (surface.length < NEAR_MIN_LENGTH) return;
      add(starts, surface.slice(0, NEAR_END), i);
      add(ends, surface.slice(-NEAR_END), i);
    });
    return (this.nearIndex = { starts, ends });
  }
}

const NO_CONTEXT: NameContext = { region: null, year: null };

/** A name as written and in both scripts; remembered, since the same names recur in every document. */
const scriptForms = memoShort(
  (form): readonly string[] => [form, toSimplified(form), toTraditional(form)],
  64,
);

class EntityTable {
  readonly records = new Map<string, EntityRecord>();

  constructor(private readonly gazetteer: Gazetteer) {}

  addEntry(entry: GazetteerEntry, seen?: string): string {
    let record = this.records.get(entry.key);
    if (!record) {
      record = {
        key: entry.key,
        label: entry.type,
        name: entry.nameHant,
        aliases: [...entry.aliases],
        nameEn: entry.nameEn,
        locatedIn: [...entry.locatedIn],
        partOf: [...entry.partOf],
        succeededBy: entry.succeededBy,
        validFrom: entry.validFrom,
        validTo: entry.validTo,
        curated: true,
      };
      this.records.set(entry.key, record);
      for (const target of [
        ...entry.locatedIn,
        ...entry.partOf,
        ...(entry.succeededBy ? [entry.succeededBy] : []),
      ]) {
        const place = this.gazetteer.get(target);
        if (place) this.addEntry(place);
      }
    }
    if (seen) this.addAlias(record, seen);
    return entry.key;
  }

  /** A name the gazetteer lacks, under its canonical key `key`. */
  addName(name: string, key: string, label: EntityLabel, city: GazetteerEntry | null): string {
    let record = this.records.get(key);
    if (!record) {
      record = {
        key,
        label,
        name,
        aliases: [],
        nameEn: null,
        locatedIn: [],
        partOf: [],
        succeededBy: null,
        validFrom: null,
        validTo: null,
        curated: false,
      };
      this.records.set(key, record);
      if (city) record.locatedIn.push(this.addEntry(city));
    }
    this.addAlias(record, name);
    return key;
  }

  private addAlias(record: EntityRecord, form: string): void {
    for (const alias of scriptForms(form)) {
      if (!record.aliases.includes(alias)) record.aliases.push(alias);
    }
  }
}

const resolvers = new WeakMap<Gazetteer, EntityResolver>();

export function resolverFor(gazetteer: Gazetteer): EntityResolver {
  let resolver = resolvers.get(gazetteer);
  if (!resolver) {
    resolver = new EntityResolver(gazetteer);
    resolvers.set(gazetteer, resolver);
  }
  return resolver;
}

/** One document's linking: its entity table and the context its names are read in. */
class DocumentLinker {
  readonly table: EntityTable;
  private readonly context: NameContext;
  /** The resolver's answers for this document's context, by type (see EntityResolver.answersFor). */
  private readonly answers = new Map<EntityLabel, Map<string, GazetteerEntry | null>>();

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly resolver: EntityResolver,
    doc: Doc,
  ) {
    this.table = new EntityTable(gazetteer);
    this.context = nameContext(doc.meta);
  }

  /** The key of the entity a name of this type is. */
  identify(name: string, label: EntityLabel): string {
    const key = canonicalKey(name);
    let byKey = this.answers.get(label);
    if (!byKey) this.answers.set(label, (byKey = this.resolver.answersFor(label, this.context)));
    const entry = this.resolver.entryOf(key, byKey, label, this.context);
    return entry
      ? this.table.addEntry(entry, name)
      : this.table.addName(name, key, label, this.resolver.leadingCityOf(key));
  }

  measure(measure: Measure): void {
    for (const mention of measure.mentions ?? []) {
      const entry = mention.entityKey ? this.gazetteer.get(mention.entityKey) : undefined;
      mention.entityKey = entry
        ? this.table.addEntry(entry, mention.name)
        : this.identify(mention.name, mention.type);
    }
    for (const unit of measure.units ?? []) unit.entityKey = this.identify(unit.name, 'Institution');
  }
}

export function link(doc: Doc, gazetteer: Gazetteer = loadGazetteer()): Doc {
  const linker = new DocumentLinker(gazetteer, resolverFor(gazetteer), doc);
  for (const measure of doc.measures) linker.measure(measure);
  const implementsKeys: string[] = [];
  for (const q of findQuoted(doc.meta.title))
    if (q.kind === 'book') implementsKeys.push(linker.identify(q.name, 'Policy'));
  doc.implements = implementsKeys;
  const signedBy: string[] = [];
  for (const s of doc.meta.signatories) signedBy.push(linker.identify(s.body, 'Institution'));
  doc.signedBy = signedBy;
  const records = linker.table.records;
  doc.entities = [...records.values()];
  // A mention is of the type its entity has (a quoted 「一帶一路」 is the gazetteer's Policy).
  for (const measure of doc.measures) {
    for (const mention of measure.mentions ?? []) mention.type = records.get(mention.entityKey!)!.label;
  }
  return doc;
}
