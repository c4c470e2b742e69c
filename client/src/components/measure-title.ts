/**
 * What a measure is called on screen, in every view: `Measure 2020·三（一）16` / `措施 2020·三（一）16`,
 * by its plan's year and its reference (unique in its document), or its printed number for a measure
 * loaded before references.
 */
import { measureLabel } from '../../../model/names';
import { t } from '../locales';

interface MeasureLike {
  reference?: unknown;
  number?: unknown;
  year?: unknown;
}

/** Graph attributes, an API hit or an outline row: anything that may carry `reference` and `number`. */
function referenceOf(value: object): string {
  const measure = value as MeasureLike;
  const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const year = typeof measure.year === 'number' ? measure.year : undefined;
  return measureLabel({ reference: text(measure.reference), number: text(measure.number), year }) || '?';
}

export function measureTitle(measure: object): string {
  return t('measure.title', { number: referenceOf(measure) });
}

export function openMeasureTitle(measure: object): string {
  return t('measure.open', { number: referenceOf(measure) });
}
