/**
 * Longest-match lookup of gazetteer surface forms in Simplified text. The surfaces form a trie over
 * UTF-16 code units, so each position walks only as far as some surface continues: no substrings
 * are cut and no lengths that cannot match are tried.
 */
import type { EntityLabel } from '../../model/graph';
import {
  isShortForm,
  pickKnowing,
  type Gazetteer,
  type GazetteerEntry,
  type NameContext,
} from '../gazetteer/gazetteer';

export interface GazetteerMatch {
  start: number;
  end: number;
  /** The row the form names in this context; absent when rows share the form and the context does not decide. */
  entry?: GazetteerEntry;
  type: EntityLabel;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** The entries whose surface ends here, if any. */
  entries: readonly GazetteerEntry[] | undefined;
  /** Whether the surface ending here is a short form of its only entry (see `pick`). */
  shortForm: boolean;
  /** The type all the entries ending here share, if they do. */
  common: EntityLabel | null;
}

const node = (): TrieNode => ({ next: new Map(), entries: undefined, shortForm: false, common: null });

export class SurfaceMatcher {
  /**
   * The first level of the trie as an array indexed by code unit: every character of every measure
   * is looked up there, and most go no further.
   */
  private readonly first: Array<TrieNode | undefined> = new Array<TrieNode | undefined>(0x10000);

  constructor(gazetteer: Gazetteer) {
    const root = node();
    for (const [surface, entries] of gazetteer.surfaces()) {
      if (surface.length < 2) continue;
      let at = root;
      for (let i = 0; i < surface.length; i++) {
        const unit = surface.charCodeAt(i);
        let next = at.next.get(unit);
        if (!next) {
          next = node();
          at.next.set(unit, next);
        }
        at = next;
      }
      at.entries = entries;
      at.shortForm = entries.length === 1 && isShortForm(entries[0]!, surface);
      at.common = commonType(entries);
    }
    for (const [unit, next] of root.next) this.first[unit] = next;
  }

  /**
   * Every match at every position of `text` (already in match form, see script.ts), longest first per
   * position; overlaps are resolved later. A form several rows share is resolved by `context`; when it
   * cannot be, the match keeps the rows' common type (or is dropped when they differ) and no entry.
   */
  matchAll(text: string, context?: NameContext): GazetteerMatch[] {
    return this.matchEach(text, context, (start, end, type, entry) =>
      entry ? { start, end, entry, type } : { start, end, type },
    );
  }

  /** matchAll's matches in its order, each as `make` makes it (no GazetteerMatch made in between). */
  matchEach<T>(
    text: string,
    context: NameContext | undefined,
    make: (start: number, end: number, type: EntityLabel, entry: GazetteerEntry | undefined) => T,
  ): T[] {
    const matches: T[] = [];
    for (let i = 0; i < text.length; i++) {
      let at = this.first[text.charCodeAt(i)];
      const from = matches.length;
      for (let j = i + 1; at && j <= text.length; j++) {
        if (at.entries) {
          // pick(at.entries, context, text.slice(i, j)), with what depends on the form worked out once.
          const entry = pickKnowing(at.entries, context, at.shortForm);
          const type = entry?.type ?? at.common;
          if (type) matches.push(make(i, j, type, entry));
        }
        at = j < text.length ? at.next.get(text.charCodeAt(j)) : undefined;
      }
      // Found shortest first; reported longest first.
      for (let a = from, b = matches.length - 1; a < b; a++, b--) {
        const m = matches[a]!;
        matches[a] = matches[b]!;
        matches[b] = m;
      }
    }
    return matches;
  }
}

function commonType(entries: readonly GazetteerEntry[]): EntityLabel | null {
  const type = entries[0]?.type ?? null;
  return entries.every((e) => e.type === type) ? type : null;
}
