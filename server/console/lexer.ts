/**
 * Cypher's lexical rules, as Neo4j 5 applies them, for the console's first line of defence
 * (guard.ts): the query split into tokens with comments and whitespace dropped, so that keywords are
 * found exactly where Cypher reads them and nowhere else.
 *
 * The rules were read off a running Neo4j 5.26, one character at a time:
 *  - whitespace is tab, LF, VT, FF, CR, U+001C–U+001F, space, U+00A0, U+1680, U+2000–U+200A,
 *    U+2028, U+2029, U+202F, U+205F and U+3000 (JavaScript's `\s` differs: it lacks U+001C–U+001F
 *    and has U+FEFF);
 *  - `//` comments end at LF or CR; `/* … *\/` comments do not nest;
 *  - strings are quoted with ' or " and escape with a backslash; `` `names` `` escape a backtick by
 *    doubling it;
 *  - identifiers start with a letter or connector punctuation and go on with letters, digits,
 *    connector punctuation and currency signs.
 * Control characters other than tab, LF and CR are refused before any of this (`controlCharacter`):
 * Neo4j treats some as whitespace and ignores others inside names, and no query needs them.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'parameter' | 'symbol';

export interface Token {
  kind: TokenKind;
  /** For words the text as written; for quoted names and strings the unescaped value. */
  value: string;
  /** Offsets in the query: [start, end). */
  start: number;
  end: number;
}

// eslint-disable-next-line no-control-regex -- these control characters are Cypher whitespace
const WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const IDENTIFIER_START = /[\p{ID_Start}\p{Pc}]/u;
const IDENTIFIER_PART = /[\p{ID_Continue}\p{Pc}\p{Sc}]/u;
/** Control characters (general category Cc) other than tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\0-\x08\v\f\x0e-\x1f\x7f-\x9f]/u;

export function isCypherWhitespace(char: string): boolean {
  return WHITESPACE.test(char);
}

/** The first control character other than tab, LF and CR, with its offset; null when there is none. */
export function controlCharacter(query: string): { offset: number; codePoint: number } | null {
  const match = CONTROL.exec(query);
  return match ? { offset: match.index, codePoint: match[0].codePointAt(0)! } : null;
}

/** 1-based line and column of an offset, counting LF, CR and CRLF as line ends like Neo4j. */
export function lineAndColumn(query: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = query[i];
    if (c === '\n' || (c === '\r' && query[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function charAt(query: string, i: number): string {
  const code = query.codePointAt(i);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** End of a quoted run that starts after the opening `quote` at `from`; backslash escapes. */
function endOfString(query: string, from: number, quote: string): { end: number; value: string } {
  let value = '';
  let i = from;
  while (i < query.length && query[i] !== quote) {
    if (query[i] === '\\' && i + 1 < query.length) {
      value += query[i + 1];
      i += 2;
    } else {
      value += query[i];
      i++;
    }
  }
  return { end: Math.min(i + 1, query.length), value };
}

/** End of a backtick name that starts after the opening backtick at `from`; `` `` `` is a backtick. */
function endOfQuotedName(query: string, from: number): { end: number; value: string } {
  let value = '';
  let i = from;
  for (;;) {
    if (i >= query.length) return { end: query.length, value };
    if (query[i] === '`') {
      if (query[i + 1] === '`') {
        value += '`';
        i += 2;
        continue;
      }
      return { end: i + 1, value };
    }
    value += query[i];
    i++;
  }
}

function endOfIdentifier(query: string, from: number): number {
  let i = from;
  for (;;) {
    const c = charAt(query, i);
    if (!c || !IDENTIFIER_PART.test(c)) return i;
    i += c.length;
  }
}

/** The query's tokens in order; an unterminated string, name or comment runs to the end, as in Cypher. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = charAt(query, i);
    const next = query[i + 1];
    if (WHITESPACE.test(c)) {
      i += c.length;
    } else if (c === '/' && next === '/') {
      i += 2;
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '/' && next === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end === -1 ? query.length : end + 2;
    } else if (c === "'" || c === '"') {
      const { end, value } = endOfString(query, i + 1, c);
      tokens.push({ kind: 'string', value, start: i, end });
      i = end;
    } else if (c === '`') {
      const { end, value } = endOfQuotedName(query, i + 1);
      tokens.push({ kind: 'quoted', value, start: i, end });
      i = end;
    } else if (c === '$') {
      let end: number;
      let value: string;
      if (query[i + 1] === '`') {
        ({ end, value } = endOfQuotedName(query, i + 2));
      } else {
        end = endOfIdentifier(query, i + 1);
        value = query.slice(i + 1, end);
      }
      tokens.push({ kind: 'parameter', value, start: i, end });
      i = end;
    } else if (/[0-9]/.test(c)) {
      // Digits, then letters, digits and underscores (0x1F, 1e5, 1_000); a '.' only before a digit,
      // so that the range `1..3` stays three tokens.
      let end = i + 1;
      while (end < query.length) {
        if (/[0-9A-Za-z_]/.test(query[end]!)) end++;
        else if (query[end] === '.' && /[0-9]/.test(query[end + 1] ?? '')) end += 2;
        else if (/[eE]/.test(query[end - 1]!) && /[+-]/.test(query[end]!)) end++;
        else break;
      }
      tokens.push({ kind: 'number', value: query.slice(i, end), start: i, end });
      i = end;
    } else if (IDENTIFIER_START.test(c)) {
      const end = endOfIdentifier(query, i + c.length);
      tokens.push({ kind: 'word', value: query.slice(i, end), start: i, end });
      i = end;
    } else {
      tokens.push({ kind: 'symbol', value: c, start: i, end: i + c.length });
      i += c.length;
    }
  }
  return tokens;
}

/** Whether the token is the keyword `keyword` (words are case-insensitive; quoted names never are keywords). */
export function isKeyword(token: Token | undefined, ...keywords: string[]): boolean {
  if (token?.kind !== 'word') return false;
  const upper = token.value.toUpperCase();
  return keywords.includes(upper);
}

export function isSymbol(token: Token | undefined, symbol: string): boolean {
  return token?.kind === 'symbol' && token.value === symbol;
}

/**
 * A dotted name starting at token `from` (`db.index.fulltext.queryNodes`, `` `dbms`.`listConfig` ``):
 * its parts joined with '.', and the index of the token after it. Null when no name starts there.
 */
export function dottedName(tokens: readonly Token[], from: number): { name: string; next: number } | null {
  const parts: string[] = [];
  let i = from;
  for (;;) {
    const token = tokens[i];
    if (token?.kind !== 'word' && token?.kind !== 'quoted') break;
    parts.push(token.value);
    i++;
    if (!isSymbol(tokens[i], '.')) break;
    i++;
  }
  return parts.length ? { name: parts.join('.'), next: i } : null;
}
