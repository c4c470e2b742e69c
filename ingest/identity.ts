/**
 * Which key a document gets. A key comes from the whole file name, in any script
 * (`粵澳合作-2021.txt` → `粵澳合作-2021`), and belongs to one source file (its name): a file that
 * is already in the graph keeps its key, so changing it replaces it; a different file whose name
 * makes the same key (`Plan A.txt`, `plan-a.md`) gets a key of its own with a short hash of its name,
 * and says so; two different files of the same name in one run are an error. Nothing is ever
 * replaced by a file that is not the same source.
 */
import { createHash } from 'node:crypto';
import { IngestError } from './errors';
import type { SourceFile } from './types';

/** `2020 Guangdong_HK Plan.MD` → `2020-guangdong-hk-plan`; `粵澳合作-2021.txt` → `粵澳合作-2021`. */
export function documentKeyFromName(name: string, sha256: string): string {
  const stem = name.normalize('NFC').replace(/\.[^./\\]*$/u, '');
  const key = stem
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return key.length > 0 ? key : `doc-${sha256.slice(0, 12)}`;
}

/** A document the graph already holds. */
export interface KnownDocument {
  key: string;
  /** The file name it was read from. */
  source: string;
  sha256: string;
  /** The pipeline version that extracted it (ingest/pipeline-version.ts); null before versions were recorded. */
  pipeline?: string | null;
}

export interface KeyChoice {
  key: string;
  /** Set when the file could not have the key its name makes: says which file has it. */
  note: string | null;
}

function nameHash(name: string): string {
  return createHash('sha256').update(name.normalize('NFC'), 'utf8').digest('hex').slice(0, 8);
}

export class DocumentKeys {
  private readonly keyOfSource = new Map<string, string>();
  private readonly sourceOfKey = new Map<string, string>();
  /** Files given in this run, by name: the first path and its hash. */
  private readonly given = new Map<string, { path: string; sha256: string }>();

  constructor(known: Iterable<KnownDocument> = []) {
    for (const { key, source } of known) {
      this.keyOfSource.set(source, key);
      this.sourceOfKey.set(key, source);
    }
  }

  /** The key for `source`, remembered for the rest of the run. Throws IngestError('DUPLICATE'). */
  assign(source: SourceFile): KeyChoice {
    const earlier = this.given.get(source.name);
    if (earlier && earlier.path !== source.path && earlier.sha256 !== source.sha256)
      throw new IngestError(
        'DUPLICATE',
        source.path,
        `has the same file name as ${earlier.path}, given earlier in this run, but other content; rename one so that both are kept`,
      );
    if (!earlier) this.given.set(source.name, { path: source.path, sha256: source.sha256 });

    const own = this.keyOfSource.get(source.name);
    if (own !== undefined) return { key: own, note: null };
    const base = documentKeyFromName(source.name, source.sha256);
    let key = base;
    let note: string | null = null;
    const holder = this.sourceOfKey.get(base);
    if (holder !== undefined) {
      key = `${base}-${nameHash(source.name)}`;
      const other = this.sourceOfKey.get(key);
      if (other !== undefined)
        throw new IngestError(
          'DUPLICATE',
          source.path,
          `its keys ${base} and ${key} belong to ${holder} and ${other}; rename the file`,
        );
      note = `the key ${base} belongs to ${holder}, so this file is loaded as ${key}`;
    }
    this.keyOfSource.set(source.name, key);
    this.sourceOfKey.set(key, source.name);
    return { key, note };
  }
}
