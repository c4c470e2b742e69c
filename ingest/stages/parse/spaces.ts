/**
 * Whitespace as `\s` matches it in a regular expression, looked up per UTF-16 code unit. Trimming
 * with `/\s*$/u` tries the pattern at every offset of the text; counting spaces back from the end
 * reads only the spaces.
 */

/** Per code unit: 0 until asked, then 1 (a `\s`) or 2 (not). Filled by the regexp itself, so it agrees with it. */
const kind = new Uint8Array(0x10000);
const SPACE = /\s/u;

export function isSpaceUnit(unit: number): boolean {
  let k = kind[unit]!;
  // A surrogate alone is never `\s` (no space lies outside the Basic Multilingual Plane).
  if (k === 0) kind[unit] = k = SPACE.test(String.fromCharCode(unit)) ? 1 : 2;
  return k === 1;
}

/** How many of the characters of text[start, end) at its end are whitespace. */
export function trailingSpaces(text: string, start = 0, end = text.length): number {
  let e = end;
  while (e > start && isSpaceUnit(text.charCodeAt(e - 1))) e--;
  return end - e;
}

/** How many of the characters of text[start, end) at its start are whitespace. */
export function leadingSpaces(text: string, start = 0, end = text.length): number {
  let s = start;
  while (s < end && isSpaceUnit(text.charCodeAt(s))) s++;
  return s - start;
}
