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
import type { Doc, EntityLabel, EntityRecord } from '../types';

/** Levenshtein distance, stopping early once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

export class EntityResolver {
  private readonly cityPrefixes: Array<{ surface: string; entry: GazetteerEntry }>;
  private readonly cache = new Map<string, GazetteerEntry | null>();

  constructor(private readonly gazetteer: Gazetteer) {
    this.cityPrefixes = [...gazetteer.surfaces()]
      .flatMap(([surface, entries]) => (entries.length === 1 ? [{ surface, entry: entries[0]! }] : []))
      .filter(
        ({ surface, entry }) =>
          entry.type === 'City' && surface.length >= 2 && /^\p{Script=Han}+$/u.test(surface),
      )
      .sort((a, b) => b.surface.length - a.surface.length);
  }

  /** The city a name starts with (深圳職業技術學院 → 深圳), if any. */
  leadingCity(name: string): GazetteerEntry | null {
    const key = canonicalKey(name);
    const hit = this.cityPrefixes.find((c) => key.startsWith(c.surface) && key.length > c.surface.length);
    return hit?.entry ?? null;
  }

  /**
   * The gazetteer entry a name is, or is a variant of, in a document of this context: a form rows
   * share goes to the one the context allows, and a variant is only taken for an entity that existed
   * under that name in the document's year.
   */
  entryFor(name: string, type: EntityLabel, context: NameContext = NO_CONTEXT): GazetteerEntry | null {
    const key = `${type}:${context.region ?? ''}:${context.year ?? ''}:${canonicalKey(name)}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const found = this.find(name, type, context);
    this.cache.set(key, found);
    return found;
  }

  private find(name: string, type: EntityLabel, context: NameContext): GazetteerEntry | null {
    const exact = this.gazetteer.lookup(name, context);
    if (exact) return exact;
    const key = canonicalKey(name);
    const city = this.cityPrefixes.find(
      (c) => key.startsWith(c.surface) && key.length - c.surface.length >= 4,
    );
    const forms = city ? [key, key.slice(city.surface.length)] : [key];
    for (const form of forms.slice(1)) {
      const stripped = this.gazetteer.lookup(form, context);
      if (stripped && stripped.type === type && fitsContext(stripped, context)) return stripped;
    }
    if (key.length < 6) return null;
    for (const [surface, entries] of this.gazetteer.surfaces()) {
      if (surface.length < 6 || !forms.some((f) => distance(f, surface, 1) <= 1)) continue;
      const entry = entries.find((e) => e.type === type && fitsContext(e, context));
      if (entry) return entry;
    }
    return null;
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

  addName(name: string, label: EntityLabel, city: GazetteerEntry | null): string {
    const key = canonicalKey(name);
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

export function link(doc: Doc, gazetteer: Gazetteer = loadGazetteer()): Doc {
  const resolver = resolverFor(gazetteer);
  const table = new EntityTable(gazetteer);
  const context = nameContext(doc.meta);
  const identify = (name: string, label: EntityLabel): string => {
    const entry = resolver.entryFor(name, label, context);
    return entry ? table.addEntry(entry, name) : table.addName(name, label, resolver.leadingCity(name));
  };

  for (const measure of doc.measures) {
    for (const mention of measure.mentions ?? []) {
      const entry = mention.entityKey ? gazetteer.get(mention.entityKey) : undefined;
      mention.entityKey = entry ? table.addEntry(entry, mention.name) : identify(mention.name, mention.type);
    }
    for (const unit of measure.units ?? []) unit.entityKey = identify(unit.name, 'Institution');
  }
  doc.implements = findQuoted(doc.meta.title)
    .filter((q) => q.kind === 'book')
    .map((q) => identify(q.name, 'Policy'));
  doc.signedBy = doc.meta.signatories.map((s) => identify(s.body, 'Institution'));
  doc.entities = [...table.records.values()];
  // A mention is of the type its entity has (a quoted 「一帶一路」 is the gazetteer's Policy).
  for (const measure of doc.measures) {
    for (const mention of measure.mentions ?? []) mention.type = table.records.get(mention.entityKey!)!.label;
  }
  return doc;
}
