/**
 * Text assembled from pieces of the original: `segments` are source ranges whose concatenation is
 * `text`. Lets a measure's text be edited (joined, trimmed, units cut out) while every character
 * still maps back to the file.
 */
import type { Span } from '../../types';
import { leadingSpaces, trailingSpaces } from './spaces';

export interface PieceText {
  text: string;
  segments: Span[];
}

export function emptyPieceText(): PieceText {
  return { text: '', segments: [] };
}

/** Appends source range [start, end); adjacent ranges are merged. */
export function appendPiece(pt: PieceText, source: string, start: number, end: number): void {
  if (end <= start) return;
  const last = pt.segments[pt.segments.length - 1];
  if (last && last.end === start) last.end = end;
  else pt.segments.push({ start, end });
  pt.text += source.slice(start, end);
}

/**
 * The last `n` characters of `pt.text`, read from the source through its segments. `pt.text` grows by
 * concatenation, and reading a piece of such a string flattens all of it: asking how a long text ends
 * once per appended line would cost the square of its length.
 */
export function pieceTail(pt: PieceText, source: string, n: number): string {
  let tail = '';
  for (let i = pt.segments.length - 1; i >= 0 && tail.length < n; i--) {
    const seg = pt.segments[i]!;
    tail = source.slice(Math.max(seg.start, seg.end - (n - tail.length)), seg.end) + tail;
  }
  return tail;
}

/** Removes text range [from, to) (offsets into `pt.text`). */
export function removeRange(pt: PieceText, from: number, to: number): PieceText {
  if (to <= from) return pt;
  const segments: Span[] = [];
  let pos = 0;
  for (const seg of pt.segments) {
    const len = seg.end - seg.start;
    const a = Math.max(from, pos);
    const b = Math.min(to, pos + len);
    if (b <= a) segments.push({ ...seg });
    else {
      if (a > pos) segments.push({ start: seg.start, end: seg.start + (a - pos) });
      if (b < pos + len) segments.push({ start: seg.start + (b - pos), end: seg.end });
    }
    pos += len;
  }
  return { text: pt.text.slice(0, from) + pt.text.slice(to), segments };
}

/**
 * The source offset of text offset `k`. For a range end (`bias: 'end'`) the offset just after the
 * preceding character, so a range never swallows the gap between two segments.
 */
export function toSourceOffset(
  segments: readonly Span[],
  k: number,
  bias: 'start' | 'end' = 'start',
): number {
  let pos = 0;
  for (const seg of segments) {
    const len = seg.end - seg.start;
    if (bias === 'start' ? k < pos + len : k <= pos + len) return seg.start + (k - pos);
    pos += len;
  }
  const last = segments[segments.length - 1];
  return last ? last.end : 0;
}

/** Trims whitespace at both ends of the text, keeping segments in step. */
export function trimPieceText(pt: PieceText): PieceText {
  const lead = leadingSpaces(pt.text);
  const trail = trailingSpaces(pt.text);
  let out = removeRange(pt, pt.text.length - trail, pt.text.length);
  out = removeRange(out, 0, Math.min(lead, out.text.length));
  return out;
}
