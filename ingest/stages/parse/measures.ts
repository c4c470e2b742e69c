/**
 * From raw measures to `Measure`s: responsible units split off, keys and references assigned and
 * the numbering checked. Keys use the number alone when numbering runs through the document and the
 * section path plus number when it restarts (any repeated number means it restarts). A last item
 * cut short (a number and a few characters, no sentence end) is left out and reported.
 */
import type { Measure, ParseWarning, Span } from '../../types';
import type { RawMeasure } from './structure';
import { removeRange, toSourceOffset, trimPieceText } from './segments';
import { findTrailingUnits } from './units-parenthesis';
import { SENTENCE_END } from './classify';
import { toAsciiDigits } from './numerals';

export interface Measures {
  measures: Measure[];
  warnings: ParseWarning[];
  /** Whether numbering restarts in each section. */
  restarting: boolean;
}

export function finishMeasures(
  sourceText: string,
  found: readonly RawMeasure[],
  documentKey: string,
): Measures {
  const warnings: ParseWarning[] = [];
  const raws = withoutTruncatedTail(found, warnings);
  const references = new Map<string, number>();
  const values = raws.map((r) => r.marker.value);
  const restarting = new Set(values).size < values.length;
  const usedKeys = new Set<string>();

  const measures = raws.map((raw, i): Measure => {
    let body = trimPieceText(raw.body);
    let unitsText: string | null = null;
    let unitsSpan: Span | null = null;
    const units = findTrailingUnits(body.text);
    if (units) {
      unitsText = body.text.slice(units.content.start, units.content.end);
      unitsSpan = {
        start: toSourceOffset(body.segments, units.content.start, 'start'),
        end: toSourceOffset(body.segments, units.content.end, 'end'),
      };
      body = trimPieceText(removeRange(body, units.remove.start, units.remove.end));
    }
    // Units on labelled lines after the measure (task-division plans) join any in a parenthesis.
    const first = raw.unitLines[0];
    const last = raw.unitLines[raw.unitLines.length - 1];
    if (first && last) {
      const parts: string[] = [];
      if (unitsText) parts.push(unitsText);
      for (const s of raw.unitLines) parts.push(sourceText.slice(s.start, s.end).replace(/[。.]$/u, ''));
      unitsText = parts.join('；');
      unitsSpan = { start: unitsSpan?.start ?? first.start, end: last.end };
    }
    if (body.text.length === 0)
      warnings.push({ line: raw.line, message: `measure ${raw.marker.number} has no text` });

    const value = raw.marker.value;
    let key =
      restarting && raw.sectionPath !== null
        ? `${documentKey}/s${raw.sectionPath}/m${value}`
        : `${documentKey}/m${value}`;
    if (usedKeys.has(key)) {
      warnings.push({
        line: raw.line,
        message: `measure number ${raw.marker.number} repeats in the same section; key made unique`,
      });
      key = `${key}-${i + 1}`;
    }
    usedKeys.add(key);
    let reference = referenceOf(raw);
    const seen = (references.get(reference) ?? 0) + 1;
    references.set(reference, seen);
    if (seen > 1) reference = `${reference}#${seen}`;
    return {
      key,
      number: raw.marker.number,
      reference,
      ordinal: i + 1,
      sectionKey: raw.section?.key ?? documentKey,
      text: body.text,
      span: { start: raw.marker.start, end: raw.end },
      segments: body.segments,
      unitsText,
      unitsSpan,
      leaders: raw.leaders,
    };
  });

  warnings.push(...numberingWarnings(raws, restarting));
  return { measures, warnings, restarting };
}

/** Longest text a cut-short last item may have. */
const TRUNCATED = 12;

function withoutTruncatedTail(raws: readonly RawMeasure[], warnings: ParseWarning[]): readonly RawMeasure[] {
  const last = raws[raws.length - 1];
  if (!last || raws.length < 2) return raws;
  const body = last.body.text.trim();
  if ([...body].length > TRUNCATED || SENTENCE_END.test(body) || findTrailingUnits(body)) return raws;
  warnings.push({
    line: last.line,
    message: `last item ${last.marker.number} is cut short (${body || 'no text'}): not a measure, left out`,
  });
  return raws.slice(0, -1);
}

/** `三（一）` + `16` → `三（一）16`; a bare numeral before digits takes a 、: `三、16`. */
function referenceOf(raw: RawMeasure): string {
  const n = raw.marker.number;
  const own =
    raw.style === 'paren-cn'
      ? `（${n}）`
      : raw.style === 'paren-arabic'
        ? `（${toAsciiDigits(n)}）`
        : toAsciiDigits(n);
  const prefix = raw.section?.reference ?? '';
  const separator = /[〇零一二两兩三四五六七八九十百]$/u.test(prefix) && /^[0-9]/u.test(own) ? '、' : '';
  return `${prefix}${separator}${own}`;
}

/** Gaps and jumps in the numbering usually mean a measure was missed or misread. */
function numberingWarnings(raws: readonly RawMeasure[], restarting: boolean): ParseWarning[] {
  const out: ParseWarning[] = [];
  let prev: RawMeasure | null = null;
  for (const raw of raws) {
    const v = raw.marker.value;
    const expected = prev ? prev.marker.value + 1 : 1;
    const ok = v === expected || (restarting && v === 1);
    if (restarting && v === 1 && prev !== null) {
      out.push({
        line: raw.line,
        message: `numbering restarts at ${raw.marker.number}; measures are told apart by their references (${referenceOf(raw)})`,
      });
    } else if (!ok) {
      const after = prev ? ` after ${prev.marker.number}` : ' as the first measure';
      out.push({
        line: raw.line,
        message: `measure numbered ${raw.marker.number}${after}; expected ${expected}`,
      });
    }
    prev = raw;
  }
  return out;
}
