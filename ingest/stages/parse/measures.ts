/**
 * From raw measures to `Measure`s: responsible units split off, keys assigned and the numbering
 * checked. Keys use the number alone when numbering runs through the document and the section
 * path plus number when it restarts (any repeated number means it restarts).
 */
import type { Measure, ParseWarning, Span } from '../../types';
import type { RawMeasure } from './structure';
import { removeRange, toSourceOffset, trimPieceText } from './segments';
import { findTrailingUnits } from './units-parenthesis';

export interface Measures {
  measures: Measure[];
  warnings: ParseWarning[];
  /** Whether numbering restarts in each section. */
  restarting: boolean;
}

export function finishMeasures(raws: readonly RawMeasure[], documentKey: string): Measures {
  const warnings: ParseWarning[] = [];
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
    return {
      key,
      number: raw.marker.number,
      ordinal: i + 1,
      sectionKey: raw.section?.key ?? documentKey,
      text: body.text,
      span: { start: raw.marker.start, end: raw.end },
      segments: body.segments,
      unitsText,
      unitsSpan,
    };
  });

  warnings.push(...numberingWarnings(raws, restarting));
  return { measures, warnings, restarting };
}

/** Gaps and jumps in the numbering usually mean a measure was missed or misread. */
function numberingWarnings(raws: readonly RawMeasure[], restarting: boolean): ParseWarning[] {
  const out: ParseWarning[] = [];
  let prev: RawMeasure | null = null;
  for (const raw of raws) {
    const v = raw.marker.value;
    const expected = prev ? prev.marker.value + 1 : 1;
    const ok = v === expected || (restarting && v === 1);
    if (!ok) {
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
