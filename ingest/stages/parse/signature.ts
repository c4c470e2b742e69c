/**
 * The block after the last measure: signing bodies with their signatories' titles, the date
 * (often printed more than once) and boilerplate such as （此件公開發布）.
 */
import type { ParseWarning, Signatory, Span } from '../../types';
import { contentOf, isBlank, type Line } from './lines';
import { DATE_PATTERN, parseDate } from './numerals';

/** Endings of the name of a government body. */
const BODY_SUFFIXES = [
  ...['人民政府', '政府', '委員會', '委员会', '管委會', '管委会', '辦公室', '办公室', '辦公廳', '办公厅'],
  ...['聯席會議', '联席会议', '廳', '厅', '局', '署', '部', '委'],
];
const BODY_SUFFIX = `(?:${BODY_SUFFIXES.join('|')})`;
/** Signatory titles; 副/常務副 prefixes allowed. */
const ROLES = [
  ...['省長', '省长', '行政長官', '行政长官', '主任', '主席', '市長', '市长', '局長', '局长', '廳長', '厅长'],
  ...['署長', '署长', '司長', '司长', '部長', '部长', '秘書長', '秘书长', '書記', '书记', '總理', '总理'],
  ...['區長', '区长', '代表'],
];
const ROLE = `(?:(?:常務|常务)?副)?(?:${ROLES.join('|')})`;
/**
 * The last characters a body or a role can end with: a word ending otherwise is neither, which is
 * seen without trying the patterns below (slow on the long words of a title line).
 */
const BODY_OR_ROLE_ENDS = new Set([...BODY_SUFFIXES, ...ROLES].map((w) => w.charAt(w.length - 1)));
/** Anything that makes a line a sentence rather than a name. */
const SENTENCE_PUNCT = /[，。、；：！？,;:!?「」《》]/u;
const MAX_BODY_LENGTH = 40;

const BODY_TOKEN = new RegExp(`^(\\S{2,${MAX_BODY_LENGTH}}?${BODY_SUFFIX})(${ROLE})?$`, 'u');
const ROLE_TOKEN = new RegExp(`^${ROLE}$`, 'u');
/** A signatory's name after the role (`行政長官 林鄭月娥`). */
const NAME_TOKEN = /^\S{2,8}$/u;
const DATE_LINE = new RegExp(`^[（(]?\\s*${DATE_PATTERN.source}\\s*[）)]?$`, 'u');
/** Publication notes printed after the text: （此件公開發布）, （此件主动公开）. */
const BOILERPLATE_LINE = /^[（(]此件[^（()）]*[）)]$/u;

/** Offsets relative to the line's content. */
interface Token {
  text: string;
  start: number;
  end: number;
}

export interface BodyEntry extends Token {
  body: string;
  role: string | null;
}

export type TrailerLine =
  /** One or more bodies side by side (`廣東省人民政府  澳門特別行政區政府`), each perhaps with its role. */
  | { kind: 'bodies'; entries: BodyEntry[] }
  /** Roles for the bodies on the line before (`省長  行政長官`). */
  | { kind: 'roles'; roles: Token[] }
  | { kind: 'date'; date: string | null }
  | { kind: 'boilerplate' };

/** What a line is within a signature block, or null when it is none of those things. */
export function classifyTrailerLine(content: string): TrailerLine | null {
  if (DATE_LINE.test(content)) return { kind: 'date', date: parseDate(content) };
  if (BOILERPLATE_LINE.test(content)) return { kind: 'boilerplate' };
  if (SENTENCE_PUNCT.test(content)) return null;
  const entries: BodyEntry[] = [];
  const roles: Token[] = [];
  let afterRole = false;
  for (const m of content.matchAll(/\S+/gu)) {
    const tok: Token = { text: m[0], start: m.index, end: m.index + m[0].length };
    const bodyOrRole = BODY_OR_ROLE_ENDS.has(tok.text.charAt(tok.text.length - 1));
    const body = bodyOrRole ? BODY_TOKEN.exec(tok.text) : null;
    const last = entries[entries.length - 1];
    if (body?.[1]) {
      entries.push({ ...tok, body: body[1], role: body[2] ?? null });
      afterRole = body[2] !== undefined;
    } else if (bodyOrRole && ROLE_TOKEN.test(tok.text)) {
      if (last && last.role === null) {
        last.role = tok.text;
        last.end = tok.end;
      } else if (!last) roles.push(tok);
      else return null;
      afterRole = true;
    } else if (afterRole && NAME_TOKEN.test(tok.text)) {
      afterRole = false; // the signatory's name: not kept
    } else return null;
  }
  if (entries.length > 0) return roles.length === 0 ? { kind: 'bodies', entries } : null;
  return roles.length > 0 ? { kind: 'roles', roles } : null;
}

/** Whether a line can open a signature block (a role line alone cannot). */
export function opensTrailer(content: string): boolean {
  const kind = classifyTrailerLine(content)?.kind;
  return kind === 'bodies' || kind === 'date' || kind === 'boilerplate';
}

export interface Trailer {
  signatories: Signatory[];
  /** ISO dates in order of appearance. */
  dates: string[];
  warnings: ParseWarning[];
}

/** Reads a signature block: each body takes the role printed with it or on the next line. */
export function parseTrailer(text: string, lines: readonly Line[]): Trailer {
  const signatories: Signatory[] = [];
  const dates: string[] = [];
  const warnings: ParseWarning[] = [];
  /** Bodies still waiting for the role line below them. */
  let open: Signatory[] = [];
  for (const line of lines) {
    if (isBlank(line)) continue;
    const content = contentOf(text, line);
    const at = (t: Token): Span => ({ start: line.content.start + t.start, end: line.content.start + t.end });
    const t = classifyTrailerLine(content);
    if (t?.kind === 'bodies') {
      const added = t.entries.map((e): Signatory => ({ body: e.body, role: e.role, span: at(e) }));
      signatories.push(...added);
      open = added.filter((s) => s.role === null);
      continue;
    }
    if (t?.kind === 'roles' && open.length > 0) {
      t.roles.forEach((r, k) => {
        const s = open[k];
        if (!s) return;
        s.role = r.text;
        s.span = { start: s.span.start, end: at(r).end };
      });
    } else if (t?.kind === 'date') {
      if (t.date) dates.push(t.date);
      else warnings.push({ line: line.no, message: `not a valid date: ${content}` });
    } else if (t?.kind !== 'boilerplate') {
      warnings.push({
        line: line.no,
        message: `unrecognised line after the last measure, ignored: ${content}`,
      });
    }
    open = [];
  }
  const distinct = [...new Set(dates)];
  if (distinct.length > 1) {
    const first = lines.find((l) => !isBlank(l));
    warnings.push({
      line: first?.no ?? 1,
      message: `different dates in the signature block: ${distinct.join(', ')}; using ${distinct[0]}`,
    });
  }
  return { signatories, dates, warnings };
}
