/**
 * The short label a measure carries on the canvas: its reference and the first clause of its text,
 * cut to a few characters (`三（一）16 支持兩地保險機構…`), so a measure reads as what it says rather
 * than as "Measure N" or an unlabelled dot. The full name stays in the details and the exports.
 */
import { measureReference } from '../../../../model/names';

/** Characters of the first clause a measure's label keeps. */
export const CLAUSE_CHARS = 10;

/** The text up to its first clause break (，。；：、 and their ASCII forms), trimmed. */
export function firstClause(text: string): string {
  const clause =
    text
      .trim()
      .split(/[，。；：,;:！？!?\n]/u)[0]
      ?.trim() ?? '';
  return clause.length > CLAUSE_CHARS ? `${clause.slice(0, CLAUSE_CHARS)}…` : clause;
}

export function measureShortLabel(measure: object): string {
  const properties = measure as { reference?: unknown; number?: unknown; text?: unknown };
  const text = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : undefined);
  const reference = measureReference({
    reference: text(properties.reference),
    number: text(properties.number),
  });
  const clause = firstClause(typeof properties.text === 'string' ? properties.text : '');
  return [reference, clause].filter(Boolean).join(' ');
}
