/**
 * The responsible-units parenthesis that may close a measure: `…合作。（省商務廳牽頭）` or
 * `…合作（省教育厅、人力资源社会保障厅，广州、佛山市政府牵头）。`. Content parentheses such as
 * `香港科技大學（廣州）` or `（含副學士和高級文憑）` must stay in the text, so the content has to
 * read like a list of government units.
 */
import { trailingSpaces } from './spaces';

/** Words that mark responsibility. */
const LEAD_WORD = /牽頭|牵头|負責|负责|配合|參與|参与|分工/u;
/** Words found in the names of government units. */
const UNIT_WORD =
  /廳|厅|局|委|辦|办|政府|中心|部門|部门|署|海關|海关|銀行|银行|集團|集团|公司|協會|协会|商會|商会|聯合會|联合会|貿促會|贸促会|工商聯|工商联/u;
/** How the name of a unit ends (after any 牽頭/負責). */
const UNIT_END =
  /(?:廳|厅|局|委|委員會|委员会|辦|办|辦公室|办公室|政府|中心|部|部門|部门|署|管委會|管委会|海關|海关|分行|銀行|银行|集團|集团|公司|協會|协会|商會|商会|聯合會|联合会|貿促會|贸促会|工商聯|工商联|市|省|區|区|各市|等)$/u;
const ITEM_SEPARATOR = /[、，,;；\s]+/u;

/** A parenthesised group inside a unit name: `省市場監管局（知識產權局）`. */
const INNER_PAREN = /[（(][^（()）]*[）)]/gu;
const SENTENCE_END = /[。！？；.!?;]$/u;

export interface UnitsMatch {
  /** Text range to delete from the measure text. */
  remove: { start: number; end: number };
  /** Text range of the parenthesis content (trimmed). */
  content: { start: number; end: number };
}

export interface TrailingParen {
  /** Offset of the opening parenthesis. */
  open: number;
  /** Offset of the matching closing parenthesis. */
  close: number;
  /** Punctuation printed after it (`。`), or ''. */
  punct: string;
}

/**
 * The parenthesised group that ends `text` (before an optional final 。/；), matched with nesting
 * taken into account: in `…（省市場監管局（知識產權局）牽頭）` it is the outer group. Null when the
 * text does not end with a closing parenthesis or it has no matching opening one.
 */
export function findTrailingParen(text: string): TrailingParen | null {
  const m = trailingClose(text);
  if (!m) return null;
  const { close } = m;
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = text[i];
    if (c === '）' || c === ')') depth++;
    else if (c === '（' || c === '(') {
      depth--;
      if (depth === 0) return { open: i, close, punct: m.punct };
    }
  }
  return null;
}

const CLOSE_MARKS = new Set(['）', ')']);
const FINAL_PUNCT = new Set(['。', '.', '；', ';']);

/**
 * Where `/[）)]([。.；;]?)\s*$/u` matches (a closing parenthesis, optional final punctuation, end of
 * text), read from the end: the text must end (before whitespace) with a closing parenthesis, or with
 * one and a final stop. Only one offset can match, so this is the regexp's own answer, without trying
 * it at every offset of a long measure.
 */
function trailingClose(text: string): { close: number; punct: string } | null {
  const end = text.length - trailingSpaces(text);
  const last = text.charAt(end - 1);
  if (CLOSE_MARKS.has(last)) return { close: end - 1, punct: '' };
  if (FINAL_PUNCT.has(last) && CLOSE_MARKS.has(text.charAt(end - 2))) return { close: end - 2, punct: last };
  return null;
}

export function findTrailingUnits(text: string): UnitsMatch | null {
  const paren = findTrailingParen(text);
  if (!paren) return null;
  const { open } = paren;
  const rawContent = text.slice(open + 1, paren.close);
  const lead = /^\s*/u.exec(rawContent)?.[0].length ?? 0;
  const content = rawContent.trim();
  if (content.length === 0) return null;
  const before = text.slice(0, open - trailingSpaces(text, 0, open));
  if (before.length === 0) return null;
  // `。（…）`: a parenthesis standing after the sentence is a note on it, most likely the units.
  const afterSentence = SENTENCE_END.test(before);
  if (!(afterSentence ? looksLikeUnits(content, true) : looksLikeUnits(content, false))) return null;
  const contentStart = open + 1 + lead;
  const closeEnd = open + 1 + rawContent.length + 1;
  return {
    remove: { start: before.length, end: afterSentence ? text.length : closeEnd },
    content: { start: contentStart, end: contentStart + content.length },
  };
}

function looksLikeUnits(content: string, afterSentence: boolean): boolean {
  if (LEAD_WORD.test(content)) return true;
  // A unit's own parenthesis (`省市場監管局（知識產權局）`) does not decide how its name ends.
  const items: string[] = [];
  for (const part of content.split(ITEM_SEPARATOR)) {
    const item = part.replace(INNER_PAREN, '');
    if (item.length > 0) items.push(item);
  }
  const allUnits = items.length > 0 && items.every((s) => UNIT_END.test(s));
  // Inside the sentence (`…合作（…）。`) demand more: every item must be a unit.
  return afterSentence ? allUnits || UNIT_WORD.test(content) : allUnits && UNIT_WORD.test(content);
}
