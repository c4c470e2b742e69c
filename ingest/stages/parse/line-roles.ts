/**
 * Settles each structural line's role within the document: a （一） line becomes a subsection
 * heading or a measure, and heading levels follow from which numbering patterns the document
 * uses (第一部分 > 一、 > （一）), never from Markdown `#`.
 */
import { classifyLine, isParenCnHeading, type LineClass, type Marker } from './classify';
import type { Line } from './lines';

export type HeadingStyle = 'part' | 'cn' | 'paren-cn';
export type MeasureStyle = 'paren-cn' | 'arabic' | 'paren-arabic';

export type Resolved =
  | { kind: 'blank' }
  | { kind: 'text' }
  | { kind: 'heading'; style: HeadingStyle; marker: Marker }
  | { kind: 'measure'; style: MeasureStyle; marker: Marker };

const HEADING_ORDER: readonly HeadingStyle[] = ['part', 'cn', 'paren-cn'];
/** Measure numbering from the outermost to the innermost: an inner one inside a measure is a sub-item. */
const MEASURE_RANK: Readonly<Record<MeasureStyle, number>> = { 'paren-cn': 0, arabic: 1, 'paren-arabic': 2 };

export function measureRank(style: MeasureStyle): number {
  return MEASURE_RANK[style];
}

export function isStructural(r: Resolved): r is Extract<Resolved, { kind: 'heading' | 'measure' }> {
  return r.kind === 'heading' || r.kind === 'measure';
}

export function resolveLines(text: string, lines: readonly Line[]): Resolved[] {
  const raw = lines.map((l) => classifyLine(text, l));
  return raw.map((c, i): Resolved => {
    switch (c.kind) {
      case 'blank':
      case 'text':
        return c;
      case 'section':
        return { kind: 'heading', style: c.style, marker: c.marker };
      case 'measure':
        return { kind: 'measure', style: c.style, marker: c.marker };
      case 'paren-cn': {
        const line = lines[i];
        const body = line ? text.slice(c.marker.bodyStart, line.content.end) : '';
        let next: LineClass | undefined;
        for (let k = i + 1; k < raw.length && !next; k++) if (raw[k]!.kind !== 'blank') next = raw[k];
        // Only `1.` items make a one-sentence （一） line a heading; `(1)` items are its sub-items.
        const heading = isParenCnHeading(body, next?.kind === 'measure' && next.style === 'arabic');
        return heading
          ? { kind: 'heading', style: 'paren-cn', marker: c.marker }
          : { kind: 'measure', style: 'paren-cn', marker: c.marker };
      }
    }
  });
}

/** Level of each heading style used in the document: the outermost one used is level 1. */
export function headingLevels(resolved: readonly Resolved[]): Map<HeadingStyle, number> {
  const used = new Set(resolved.flatMap((r) => (r.kind === 'heading' ? [r.style] : [])));
  const levels = new Map<HeadingStyle, number>();
  for (const style of HEADING_ORDER) if (used.has(style)) levels.set(style, levels.size + 1);
  return levels;
}
