/**
 * Longest-match lookup of gazetteer surface forms in Simplified text. The surfaces form a trie over
 * UTF-16 code units, so each position walks only as far as some surface continues: no substrings
 * are cut and no lengths that cannot match are tried.
 */
import type { Gazetteer, GazetteerEntry } from '../gazetteer/gazetteer';

export interface GazetteerMatch {
  start: number;
  end: number;
  entry: GazetteerEntry;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** The entry whose surface ends here, if any. */
  entry: GazetteerEntry | undefined;
}

const node = (): TrieNode => ({ next: new Map(), entry: undefined });

export class SurfaceMatcher {
  private readonly root = node();

  constructor(gazetteer: Gazetteer) {
    for (const [surface, entry] of gazetteer.surfaces()) {
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
      at.entry = entry;
    }
  }

  /** Every match at every position of `text` (already in match form, see script.ts), longest first per position; overlaps are resolved later. */
  matchAll(text: string): GazetteerMatch[] {
    const matches: GazetteerMatch[] = [];
    const here: GazetteerMatch[] = [];
    for (let i = 0; i < text.length; i++) {
      let at = this.root.next.get(text.charCodeAt(i));
      for (let j = i + 1; at && j <= text.length; j++) {
        if (at.entry) here.push({ start: i, end: j, entry: at.entry });
        at = j < text.length ? at.next.get(text.charCodeAt(j)) : undefined;
      }
      // Found shortest first; reported longest first.
      for (let k = here.length - 1; k >= 0; k--) matches.push(here[k]!);
      here.length = 0;
    }
    return matches;
  }
}
