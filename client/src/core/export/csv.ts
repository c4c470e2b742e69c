/**
 * Every CSV the app writes: a byte-order mark (so spreadsheet programs read the Chinese text as
 * UTF-8) and no cell a spreadsheet would run as a formula. The graph view's Export menu and the
 * Cypher console's frames both write through here. Pure (no DOM), so unit tests run it. csv-stringify's
 * browser build: its Node build reads `Buffer` on load, which a page lacks.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a
 * leading `'`, as OWASP advises for CSV: a name or a measure from a document, or a value a query
 * returns, must never become a formula on opening. Numbers are left as they are (a negative number
 * is no formula).
 */
export function csvCell(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV file's text: the header, then the rows, every cell guarded by csvCell. */
export function csv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${stringify([header, ...rows.map((row) => row.map(csvCell))])}`;
}
