/**
 * Two measures printed on one line (`…（省發展改革委牽頭）（二）加快…`, `…。3.推進…`): the line is
 * split before the second number, so each measure keeps its own text and units. Only the next number
 * of the line's own numbering, right after a sentence end or a closing parenthesis, splits a line;
 * inline lists (`：（1）…；（2）…`) and numbers in the text (`第2.5條`) do not.
 */
import type { ParseWarning } from '../../types';
import { classifyLine } from './classify';
import type { Line } from './lines';
import { toChineseNumeral, toFullWidthDigits } from './numerals';
import { trailingSpaces } from './spaces';

/** What may end the first measure: a sentence end, or the units parenthesis. */
const BEFORE = '[。；;！？!?）)]';
const MAY_CONTINUE = new RegExp(`${BEFORE}\\s*[（(0-9０-９]`, 'u');

export interface SplitLines {
  lines: Line[];
  warnings: ParseWarning[];
}

export function splitRunOnMeasures(text: string, lines: readonly Line[]): SplitLines {
  const out: Line[] = [];
  const warnings: ParseWarning[] = [];
  for (const line of lines) {
    let rest = line;
    for (;;) {
      const next = nextMeasureStart(text, rest);
      if (next === null) break;
      const { at, marker } = next;
      // Written out field by field, in Line's order: lines of one shape throughout the parser.
      const first: Line = {
        no: rest.no,
        start: rest.start,
        end: at,
        content: { start: rest.content.start, end: trimEnd(text, at) },
        markdownHeading: rest.markdownHeading,
      };
      out.push(first);
      warnings.push({
        line: line.no,
        message: `two measures on one line; split before ${marker}`,
      });
      rest = {
        no: rest.no,
        start: at,
        end: rest.end,
        content: { start: at, end: rest.content.end },
        markdownHeading: false,
      };
    }
    out.push(rest);
  }
  return { lines: out, warnings };
}

/** Where the line's next measure begins and its number as printed, if it holds one. */
function nextMeasureStart(text: string, line: Line): { at: number; marker: string } | null {
  const c = classifyLine(text, line);
  if (c.kind !== 'measure' && c.kind !== 'paren-cn') return null;
  const next = c.marker.value + 1;
  const body = text.slice(c.marker.bodyStart, line.content.end);
  // Nearly every line ends at its sentence end: only look closer when a number could follow one.
  if (!MAY_CONTINUE.test(body)) return null;
  const number =
    c.kind === 'paren-cn'
      ? `[（(]${toChineseNumeral(next)}[）)]`
      : c.style === 'paren-arabic'
        ? `[（(](?:${next}|${toFullWidthDigits(next)})[）)]`
        : `(?:${next}|${toFullWidthDigits(next)})\\s*(?:[.．](?![0-9０-９])|、)`;
  const m = nextNumberPattern(number).exec(body);
  if (!m || m[1] === undefined) return null;
  const at = c.marker.bodyStart + m.index + m[0].length - m[1].length;
  // Something must follow the number: a bare number closing the line is not a measure.
  return /\S/u.test(text.slice(at + m[1].length, line.content.end)) ? { at, marker: m[1].trim() } : null;
}

/** The pattern for a next number, compiled once per number pattern (a few dozen in any corpus). */
const nextNumberPatterns = new Map<string, RegExp>();
function nextNumberPattern(number: string): RegExp {
  let re = nextNumberPatterns.get(number);
  if (!re) nextNumberPatterns.set(number, (re = new RegExp(`${BEFORE}\\s*(${number})`, 'u')));
  return re;
}

function trimEnd(text: string, end: number): number {
  return end - trailingSpaces(text, 0, end);
}
