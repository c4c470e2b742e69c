/**
 * The curated gazetteer (ingest/data/gazetteer.tsv) as a lookup: every surface form — Traditional,
 * Simplified, English, aliases and their script counterparts — keyed by its canonical form.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalKey, toSimplified, toTraditional } from '../opencc';

import { ENTITY_LABELS, type EntityLabel } from '../../model/graph';

export const GAZETTEER_FILE = path.resolve(__dirname, '../data/gazetteer.tsv');
const COLUMNS = ['type', 'name_hant', 'name_hans', 'name_en', 'aliases', 'located_in', 'part_of'];

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
  /** Canonical form of every surface form → entry. */
  private readonly bySurface = new Map<string, GazetteerEntry>();

  constructor(entries: GazetteerEntry[]) {
    this.entries = entries;
    for (const entry of entries) {
      this.byKey.set(entry.key, entry);
      for (const alias of entry.aliases) {
        const surface = canonicalKey(alias);
        if (!this.bySurface.has(surface)) this.bySurface.set(surface, entry);
      }
    }
  }

  get(key: string): GazetteerEntry | undefined {
    return this.byKey.get(key);
  }

  /** The entry a surface form (any script) names, if any. */
  lookup(surface: string): GazetteerEntry | undefined {
    return this.bySurface.get(canonicalKey(surface));
  }

  /** All canonical surface forms with their entry (for building matchers and the jieba dictionary). */
  surfaces(): IterableIterator<[string, GazetteerEntry]> {
    return this.bySurface.entries();
  }
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
    const [type, hant, hans, en, aliases, locatedIn, partOf] = cells.map((c) => c.trim()) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
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
    };
  });
  return new Gazetteer(entries);
}

let cached: Gazetteer | null = null;

/** The project's gazetteer, read once per process. */
export function loadGazetteer(file = GAZETTEER_FILE): Gazetteer {
  if (file !== GAZETTEER_FILE) return parseGazetteer(readFileSync(file, 'utf8'), file);
  cached ??= parseGazetteer(readFileSync(file, 'utf8'), file);
  return cached;
}
