/**
 * Splitting the source into lines and finding each line's content: the part left once indentation,
 * trailing (hard-break) spaces and Markdown markup (`#`, `>`, list bullets, `**` wrappers) are
 * removed. Everything is offsets into the original text, never a copy, so spans stay exact.
 */
import type { Span } from '../../types';
import { leadingSpaces, trailingSpaces } from './spaces';

export interface Line {
  /** 1-based line number. */
  no: number;
  /** Raw line range, line terminator excluded. */
  start: number;
  end: number;
  /** Content range after markup and whitespace are stripped (empty when the line is blank). */
  content: Span;
  /** The line began with a Markdown heading marker (`#`…). */
  markdownHeading: boolean;
}

// Whitespace (\s in a /u regexp: U+3000, the ideographic space, and NBSP too) is trimmed with spaces.ts.
// `#一、` without a space is common in hand-made Chinese Markdown, so the space is optional.
const HEADING_MARK = /^#{1,6}\s*/u;
const QUOTE_MARK = /^>\s?/u;
/** A Markdown bullet: `-`, `*`, `+` or `•` followed by whitespace. */
const BULLET_MARK = /^[-*+•]\s+/u;

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let no = 1;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    lines.push(makeLine(text, no, start, end));
    if (!m) break;
    start = m.index + m[0].length;
    no++;
  }
  return lines;
}

function makeLine(text: string, no: number, start: number, end: number): Line {
  let s = start;
  let e = end;
  const skip = (re: RegExp): boolean => {
    const m = re.exec(text.slice(s, e));
    if (!m || m[0].length === 0) return false;
    s += m[0].length;
    return true;
  };
  // Whitespace at either end: counted, not matched (see spaces.ts).
  s += leadingSpaces(text, s, e);
  e -= trailingSpaces(text, s, e);
  skip(QUOTE_MARK);
  const markdownHeading = skip(HEADING_MARK);
  skip(BULLET_MARK);
  // A whole line in bold (`**一、總則**`) or italics (`*…印發*`) is emphasis, not content.
  const inner = text.slice(s, e);
  if (inner.length > 4 && /^(\*\*|__)[^*_]/u.test(inner) && inner.endsWith(inner.slice(0, 2))) {
    s += 2;
    e -= 2;
  } else if (inner.length > 2 && /^([*_])[^*_\s].*[^*_\s]\1$/u.test(inner)) {
    s += 1;
    e -= 1;
  }
  s += leadingSpaces(text, s, e);
  e -= trailingSpaces(text, s, e);
  return { no, start, end, content: { start: s, end: Math.max(s, e) }, markdownHeading };
}

export function contentOf(text: string, line: Line): string {
  return text.slice(line.content.start, line.content.end);
}

export function isBlank(line: Line): boolean {
  return line.content.end <= line.content.start;
}
