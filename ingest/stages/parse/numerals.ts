/**
 * Numbers as printed in Chinese government documents: ASCII and full-width digits, Chinese
 * numerals (十一, 二十三, 一百零五) and digit-by-digit years (二〇二〇), and dates built from them.
 */

/** Digit values; 〇/零/○/Ｏ are all printed for zero, 两/兩 for two. */
const DIGIT: ReadonlyMap<string, number> = new Map(
  ['〇零○Ｏ', '一', '二两兩', '三', '四', '五', '六', '七', '八', '九'].flatMap((chars, value) =>
    [...chars].map((c) => [c, value] as const),
  ),
);
const UNIT: ReadonlyMap<string, number> = new Map([
  ['十', 10],
  ['百', 100],
  ['千', 1000],
]);

/** Characters that may appear in a Chinese numeral (for building regexps). */
export const CN_NUMERAL_CHARS = '〇零○Ｏ一二两兩三四五六七八九十百千';

const FULL_WIDTH_DIGIT = /[０-９]/u;
const FULL_WIDTH_DIGITS = /[０-９]/gu;

/** `１２` → `12`. */
export function toAsciiDigits(s: string): string {
  // Most strings hold no full-width digit: test before replacing (no callback, no copy).
  return FULL_WIDTH_DIGIT.test(s)
    ? s.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    : s;
}

/** ASCII or full-width digits → number, or null. */
export function parseDigits(s: string): number | null {
  const ascii = toAsciiDigits(s.trim());
  return /^[0-9]+$/u.test(ascii) ? Number(ascii) : null;
}

/**
 * A Chinese numeral → number, or null when it is not a well-formed one. Without 十/百/千 the
 * characters are read digit by digit (二〇二〇 → 2020), as years are printed.
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  const chars = [...s];
  if (!chars.some((c) => UNIT.has(c))) {
    let n = 0;
    for (const c of chars) {
      const d = DIGIT.get(c);
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    // A lone 〇 or a multi-digit run like 一二 is not a heading number; only years use this form.
    return chars.length === 1 || chars.length === 4 ? n : null;
  }
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (const c of chars) {
    const d = DIGIT.get(c);
    if (d !== undefined) {
      if (pending !== null && d !== 0) return null; // two digits in a row: 二三十
      pending = d === 0 ? null : d;
      continue;
    }
    const u = UNIT.get(c);
    if (u === undefined || u >= lastUnit) return null;
    total += (pending ?? 1) * u; // 十一: an omitted leading 一
    pending = null;
    lastUnit = u;
  }
  return total + (pending ?? 0);
}

/** 1 → 一, 12 → 十二, 21 → 二十一 (as headings print them, for 1–99). */
export function toChineseNumeral(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]!}十${ones === 0 ? '' : digits[ones]!}`;
}

/** 12 → `１２`. */
export function toFullWidthDigits(n: number): string {
  return String(n).replace(/[0-9]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** ASCII/full-width digits or a Chinese numeral → number, or null. */
export function parseNumber(s: string): number | null {
  return parseDigits(s) ?? parseChineseNumeral(s);
}

const YEAR = `[0-9０-９]{4}|[〇零○Ｏ一二三四五六七八九]{4}`;
const SMALL = `[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}`;
/** `2020 年 10 月 30 日`, `2020年10月30日`, `二〇二〇年十月三十日` (spaces allowed anywhere). */
export const DATE_PATTERN = new RegExp(`(${YEAR})\\s*年\\s*(${SMALL})\\s*月\\s*(${SMALL})\\s*日`, 'u');

/** The first valid date in `s` as ISO `YYYY-MM-DD`, or null. */
export function parseDate(s: string): string | null {
  const m = DATE_PATTERN.exec(s);
  if (!m) return null;
  const [y, mo, d] = [m[1], m[2], m[3]].map((x) => parseNumber(x ?? ''));
  if (y == null || mo == null || d == null) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first year printed as `2020 年` / `２０２０年` / `二〇二〇年` in `s`, or null. */
export function parseYear(s: string): number | null {
  const m = new RegExp(`(${YEAR})\\s*年`, 'u').exec(s);
  return m?.[1] ? parseNumber(m[1]) : null;
}
