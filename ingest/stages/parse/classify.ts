/**
 * What a single line is, judged from its numbering pattern alone: a section heading (一、 /
 * 第一部分), a （一） line (heading or measure — decided later from its content and neighbours), a
 * numbered measure (1. 1、 １． (1)), blank, or plain text. Markdown heading levels play no part.
 */
import type { Line } from './lines';
import { CN_NUMERAL_CHARS, parseChineseNumeral, parseDigits } from './numerals';
import { findTrailingParen } from './units-parenthesis';

export interface Marker {
  /** As printed, without punctuation: `12`, `１２`, `三`. */
  number: string;
  value: number;
  /** Offset of the marker's first character (the number, or its opening parenthesis). */
  start: number;
  /** Offset where the text after the marker begins. */
  bodyStart: number;
}

export type SectionStyle = 'part' | 'cn';
export type MeasureStyle = 'arabic' | 'paren-arabic';

export type LineClass =
  | { kind: 'blank' }
  | { kind: 'text' }
  | { kind: 'section'; style: SectionStyle; marker: Marker }
  /** `（一）…`: a subsection heading or a measure, depending on its content. */
  | { kind: 'paren-cn'; marker: Marker }
  | { kind: 'measure'; style: MeasureStyle; marker: Marker };

const CN = `[${CN_NUMERAL_CHARS}]{1,8}`;
const DIGITS = '[0-9]+|[０-９]+';
const OPEN = '[（(]';
const CLOSE = '[）)]';
/** A digit after `N.` makes a decimal (1.5), unless a year starts there (`5.2017年`). */
const NOT_A_YEAR = `(?![0-9０-９]{4}\\s*年)[0-9０-９]`;

const PATTERNS: readonly { re: RegExp; make: (m: Marker) => LineClass }[] = [
  // 第一部分 / 第一章 / 第一篇
  {
    re: new RegExp(`^第\\s*(${CN}|${DIGITS})\\s*(?:部分|章|篇)[\\s、：:，．.]*`, 'u'),
    make: (marker) => ({ kind: 'section', style: 'part', marker }),
  },
  // 一、  (the numeral must be followed by 、 or a full stop, so 一体化… is not a heading; a year may
  // follow 、: `一、2021年經濟社會發展主要預期目標`)
  {
    re: new RegExp(`^(${CN})\\s*(?:、|[．.](?![0-9０-９]))\\s*`, 'u'),
    make: (marker) => ({ kind: 'section', style: 'cn', marker }),
  },
  {
    re: new RegExp(`^${OPEN}\\s*(${CN})\\s*${CLOSE}\\s*`, 'u'),
    make: (marker) => ({ kind: 'paren-cn', marker }),
  },
  {
    re: new RegExp(`^${OPEN}\\s*(${DIGITS})\\s*${CLOSE}\\s*`, 'u'),
    make: (marker) => ({ kind: 'measure', style: 'paren-arabic', marker }),
  },
  // 1. 1、 １． 1） — not 1.5; a year may follow the number (`5.2017年舉辦…`, `16、2019 年…`)
  {
    re: new RegExp(`^(${DIGITS})\\s*(?:[.．](?!${NOT_A_YEAR})|、|${CLOSE})\\s*`, 'u'),
    make: (marker) => ({ kind: 'measure', style: 'arabic', marker }),
  },
];

export function classifyLine(text: string, line: Line): LineClass {
  const { start, end } = line.content;
  if (end <= start) return { kind: 'blank' };
  const content = text.slice(start, end);
  for (const { re, make } of PATTERNS) {
    const m = re.exec(content);
    const number = m?.[1];
    if (!m || number === undefined) continue;
    const value = parseDigits(number) ?? parseChineseNumeral(number);
    if (value === null || value < 1) continue;
    return make({ number, value, start, bodyStart: start + m[0].length });
  }
  return { kind: 'text' };
}

/** Sentence-final punctuation: a measure ends with one of these, a heading does not. */
export const SENTENCE_END = /[。！？；!?;]$/u;
/** Punctuation that cannot end a title: the line runs on. */
const RUNS_ON = /[，、：,:（(]$/u;
/** Longest line still taken for a title. */
const MAX_TITLE_LENGTH = 40;

/**
 * Strips trailing parenthesised groups (responsible units) so the sentence end can be seen;
 * `…合作（省商務廳牽頭）。` keeps its final 。.
 */
function withoutTrailingParens(s: string): string {
  let t = s.trim();
  for (;;) {
    const p = findTrailingParen(t);
    if (!p || p.open === 0) return t;
    t = t.slice(0, p.open).trim() + p.punct;
  }
}

/**
 * Whether the text after a （一） marker is a heading rather than a measure. A measure is a
 * sentence (ends with 。, perhaps before a units parenthesis, holds several sentences or a comma);
 * a heading is a short title. A short one-sentence line directly followed by numbered items is a
 * heading too (`（一）加強規劃對接。` over `1.` `2.`).
 */
export function isParenCnHeading(body: string, nextIsNumberedItem: boolean): boolean {
  const trimmed = body.trim();
  const core = withoutTrailingParens(trimmed);
  if (core.length === 0) return true;
  if (RUNS_ON.test(core) || core.length > MAX_TITLE_LENGTH) return false;
  // Titles list with 、; a comma means a clause of a sentence, even one cut short by a page break.
  if (/[，,]/u.test(core)) return false;
  const inner = core.replace(SENTENCE_END, '');
  if (/[。！？；!?;]/u.test(inner)) return false; // several sentences
  if (!SENTENCE_END.test(core)) return true;
  if (core !== trimmed) return false; // a trailing units parenthesis marks a measure
  return nextIsNumberedItem;
}
