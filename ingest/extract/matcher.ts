/**
 * Longest-match lookup of gazetteer surface forms in Simplified text. The surfaces form a trie over
 * UTF-16 code units, so each position walks only as far as some surface continues: no substrings
 * are cut and no lengths that cannot match are tried.
 */
import type { EntityLabel } from '../../model/graph';
import { pick, type Gazetteer, type GazetteerEntry, type NameContext } from '../gazetteer/gazetteer';

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
}

const node = (): TrieNode => ({ next: new Map(), entries: undefined });

export class SurfaceMatcher {
  private readonly root = node();

  constructor(gazetteer: Gazetteer) {
    for (const [surface, entries] of gazetteer.surfaces()) {
      if (surface.length < 2) continue;
      let at = this.root;
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
    }
  }

  /**
   * Every match at every position of `text` (already in match form, see script.ts), longest first per
   * position; overlaps are resolved later. A form several rows share is resolved by `context`; when it
   * cannot be, the match keeps the rows' common type (or is dropped when they differ) and no entry.
   */
  matchAll(text: string, context?: NameContext): GazetteerMatch[] {
    const matches: GazetteerMatch[] = [];
    const here: GazetteerMatch[] = [];
    for (let i = 0; i < text.length; i++) {
      let at = this.root.next.get(text.charCodeAt(i));
      for (let j = i + 1; at && j <= text.length; j++) {
        if (at.entries) {
          const entry = pick(at.entries, context, text.slice(i, j));
          const type = entry?.type ?? commonType(at.entries);
          if (type) here.push(entry ? { start: i, end: j, entry, type } : { start: i, end: j, type });
        }
        at = j < text.length ? at.next.get(text.charCodeAt(j)) : undefined;
      }
      // Found shortest first; reported longest first.
      for (let k = here.length - 1; k >= 0; k--) matches.push(here[k]!);
      here.length = 0;
    }
    return matches;
  }
}

function commonType(entries: readonly GazetteerEntry[]): EntityLabel | null {
  const type = entries[0]?.type ?? null;
  return entries.every((e) => e.type === type) ? type : null;
}
