/**
 * Longest-match lookup of gazetteer surface forms in Simplified text. Surfaces are indexed by their
 * first character with the lengths that start there, so each position tries only real candidates.
 */
import type { Gazetteer, GazetteerEntry } from '../gazetteer/gazetteer';

export interface GazetteerMatch {
  start: number;
  end: number;
  entry: GazetteerEntry;
}

export class SurfaceMatcher {
  private readonly surfaces = new Map<string, GazetteerEntry>();
  private readonly lengthsByFirst = new Map<string, number[]>();

  constructor(gazetteer: Gazetteer) {
    for (const [surface, entry] of gazetteer.surfaces()) {
      if (surface.length < 2) continue;
      this.surfaces.set(surface, entry);
      const first = surface[0]!;
      const lengths = this.lengthsByFirst.get(first) ?? [];
      if (!lengths.includes(surface.length)) lengths.push(surface.length);
      this.lengthsByFirst.set(first, lengths);
    }
    for (const lengths of this.lengthsByFirst.values()) lengths.sort((a, b) => b - a);
  }

  /** Every match at every position of `text` (already in match form, see script.ts), longest first per position; overlaps are resolved later. */
  matchAll(text: string): GazetteerMatch[] {
    const key = text;
    const matches: GazetteerMatch[] = [];
    for (let i = 0; i < key.length; i++) {
      const lengths = this.lengthsByFirst.get(key[i]!);
      if (!lengths) continue;
      for (const length of lengths) {
        const entry = i + length <= key.length ? this.surfaces.get(key.slice(i, i + length)) : undefined;
        if (entry) matches.push({ start: i, end: i + length, entry });
      }
    }
    return matches;
  }
}
