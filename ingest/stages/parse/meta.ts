/**
 * Document-level facts around the body: the title (first heading
 * or first line), the header between title and body (issuers or a date printed there), and
 * where the signature block starts.
 */
import type { PartnerRegion } from '../../../model/api';
import type { ParseWarning, Span } from '../../types';
import { SENTENCE_END } from './classify';
import { contentOf, isBlank, type Line } from './lines';
import { isStructural, type Resolved } from './line-roles';
import { DATE_PATTERN, parseDate } from './numerals';
import { classifyTrailerLine, opensTrailer } from './signature';
import { findTrailingUnits } from './units-parenthesis';

export interface Title {
  title: string;
  span: Span;
  /** Indices of the lines the title was read from. */
  lines: number[];
}

const MAX_TITLE_LINE = 40;

/**
 * The first Markdown heading before the body, else the first non-empty line that is not an
 * issuing body or a date. A plain-text title may wrap onto following lines (no blank line
 * between, no full stop).
 */
export function findTitle(
  text: string,
  lines: readonly Line[],
  resolved: readonly Resolved[],
  bodyStart: number,
): Title | null {
  const candidates = lines
    .slice(0, bodyStart)
    .map((l, i) => ({ l, i }))
    .filter(({ l, i }) => !isBlank(l) && resolved[i]?.kind === 'text');
  // An issuing body or a date printed above the title is header, not title.
  const plain = candidates.find(({ l }) => !isHeaderLine(contentOf(text, l)));
  const first = candidates.find(({ l }) => l.markdownHeading) ?? plain ?? candidates[0];
  if (!first) return null;
  const picked = [first.i];
  if (!first.l.markdownHeading) {
    for (let i = first.i + 1; i < bodyStart; i++) {
      const l = lines[i];
      if (!l || isBlank(l) || l.markdownHeading || resolved[i]?.kind !== 'text') break;
      const c = contentOf(text, l);
      if (c.length > MAX_TITLE_LINE || /[。；;，,]/u.test(c) || isHeaderLine(c)) break;
      picked.push(i);
    }
  }
  const picks = picked.map((i) => lines[i]).filter((l): l is Line => l !== undefined);
  const title = picks.map((l) => contentOf(text, l)).join('');
  const firstLine = picks[0];
  const lastLine = picks[picks.length - 1];
  if (!firstLine || !lastLine) return null;
  return { title, span: { start: firstLine.content.start, end: lastLine.content.end }, lines: picked };
}

/** Index of the first structural line (heading or measure), or -1. */
export function firstStructural(resolved: readonly Resolved[]): number {
  return resolved.findIndex(isStructural);
}

/**
 * Index where the signature block starts (lines.length when there is none): the first body or
 * date line after the last heading/measure that stands after a blank line or a finished sentence
 * — a line ending in 政府 in the middle of a broken sentence is still measure text.
 */
export function findTrailerStart(
  text: string,
  lines: readonly Line[],
  resolved: readonly Resolved[],
): number {
  let last = -1;
  resolved.forEach((r, i) => {
    if (isStructural(r)) last = i;
  });
  for (let i = last + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line || isBlank(line) || !opensTrailer(contentOf(text, line))) continue;
    const prev = lines[i - 1];
    if (!prev || isBlank(prev)) return i;
    const p = contentOf(text, prev);
    if (SENTENCE_END.test(p) || findTrailingUnits(p) !== null) return i;
  }
  return lines.length;
}

export interface Header {
  issuers: string[];
  dates: string[];
  warnings: ParseWarning[];
}

/** Lines before the body other than the title: issuing bodies or a date, else reported. */
export function parseHeader(
  text: string,
  lines: readonly Line[],
  skip: ReadonlySet<number>,
  end: number,
): Header {
  const header: Header = { issuers: [], dates: [], warnings: [] };
  for (let i = 0; i < end; i++) {
    const line = lines[i];
    if (!line || isBlank(line) || skip.has(i)) continue;
    const content = contentOf(text, line);
    const t = classifyTrailerLine(content);
    const imprint = t === null ? parseImprint(content) : null;
    if (t?.kind === 'bodies') header.issuers.push(...t.entries.map((e) => e.body));
    else if (t?.kind === 'date' && t.date) header.dates.push(t.date);
    else if (imprint) {
      header.issuers.push(...imprint.issuers);
      header.dates.push(imprint.date);
    } else if (t?.kind !== 'boilerplate') {
      header.warnings.push({
        line: line.no,
        message: `text before the first section, ignored: ${content.length > 24 ? `${content.slice(0, 24)}…` : content}`,
      });
    }
  }
  return header;
}

/** Words that may follow the date on an imprint line: 印發, 發布, … */
const IMPRINT_VERB = /^(?:印發|印发|發布|发布|發佈|公布|印|發|发)?$/u;

export interface Imprint {
  issuers: string[];
  /** ISO date. */
  date: string;
}

/**
 * A header line giving the issuing bodies and the date together:
 * `廣東省人民政府港澳事務辦公室 2019 年 4 月 16 日印發`. Null when the line is anything else.
 */
export function parseImprint(content: string): Imprint | null {
  const m = DATE_PATTERN.exec(content);
  if (!m) return null;
  const date = parseDate(m[0]);
  if (!date) return null;
  const before = content.slice(0, m.index).trim();
  const after = content.slice(m.index + m[0].length).trim();
  if (!IMPRINT_VERB.test(after)) return null;
  if (before.length === 0) return { issuers: [], date };
  const t = classifyTrailerLine(before);
  return t?.kind === 'bodies' ? { issuers: t.entries.map((e) => e.body), date } : null;
}

/** An issuing body, a date, both, or boilerplate: header material, never the title. */
function isHeaderLine(content: string): boolean {
  return classifyTrailerLine(content) !== null || parseImprint(content) !== null;
}

/**
 * The document number (文號) as printed in the header or the signature block, `粵府函〔2017〕179號`:
 * an issuer's abbreviation, the year in brackets (〔〕, [], （）), a number and 號/号. Numbers cited
 * inside measures are not the document's own, so only `head` and `tail` are searched.
 */
const DOCUMENT_NUMBER =
  /[\u3400-\u9fff]{1,12}\s*[〔［[（(]\s*(?:19|20)\d{2}\s*[〕］\]）)]\s*第?\s*\d{1,5}\s*[號号]/u;

export function findDocumentNumber(head: string, tail: string): string | null {
  const found = DOCUMENT_NUMBER.exec(head) ?? DOCUMENT_NUMBER.exec(tail);
  return found ? found[0].replace(/\s+/g, '') : null;
}

/** Which of Hong Kong and Macao a plan is with, read from its title; null when it names neither. */
export function partnerRegion(title: string): PartnerRegion | null {
  // The plan's own words first: a document it implements (《粵港澳大灣區發展規劃綱要》) names a wider
  // region than a Shenzhen–Hong Kong plan works with. Only a title that is all quotation is read whole.
  return regionIn(title.replace(/《[^》]*》/gu, '')) ?? regionIn(title);
}

function regionIn(text: string): PartnerRegion | null {
  const hk = /[粵粤深穗莞珠]港|港深|香港|港澳|大灣區|大湾区/.test(text);
  const macao = /[粵粤珠琴深穗]澳|澳門|澳门|港澳|大灣區|大湾区/.test(text);
  if (hk && macao) return 'both';
  if (hk) return 'hong-kong';
  if (macao) return 'macao';
  return null;
}
