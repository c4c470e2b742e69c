/**
 * The responsible-units parenthesis that may close a measure: `…合作。（省商務廳牽頭）` or
 * `…合作（省教育厅、人力资源社会保障厅，广州、佛山市政府牵头）。`. Content parentheses such as
 * `香港科技大學（廣州）` or `（含副學士和高級文憑）` must stay in the text, so the content has to
 * read like a list of government units.
 */

/** Words that mark responsibility. */
const LEAD_WORD = /牽頭|牵头|負責|负责|配合|參與|参与|分工/u;
/** Words found in the names of government units. */
const UNIT_WORD = /廳|厅|局|委|辦|办|政府|中心|部門|部门|署|海關|海关|銀行|银行/u;
/** How the name of a unit ends (after any 牽頭/負責). */
const UNIT_END =
  /(?:廳|厅|局|委|委員會|委员会|辦|办|辦公室|办公室|政府|中心|部|部門|部门|署|管委會|管委会|海關|海关|分行|銀行|银行|市|省|區|区|各市|等)$/u;
const ITEM_SEPARATOR = /[、，,;；\s]+/u;

/** The trailing parenthesis (no nesting), optional final punctuation, end of text. */
const TRAILING_PAREN = /[（(]([^（()）]*)[）)]([。.；;]?)\s*$/u;
const SENTENCE_END = /[。！？；.!?;]$/u;

export interface UnitsMatch {
  /** Text range to delete from the measure text. */
  remove: { start: number; end: number };
  /** Text range of the parenthesis content (trimmed). */
  content: { start: number; end: number };
}

export function findTrailingUnits(text: string): UnitsMatch | null {
  const m = TRAILING_PAREN.exec(text);
  if (!m || m[1] === undefined) return null;
  const open = m.index;
  const rawContent = m[1];
  const lead = /^\s*/u.exec(rawContent)?.[0].length ?? 0;
  const content = rawContent.trim();
  if (content.length === 0) return null;
  const before = text.slice(0, open).replace(/\s+$/u, '');
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
  const items = content.split(ITEM_SEPARATOR).filter((s) => s.length > 0);
  const allUnits = items.length > 0 && items.every((s) => UNIT_END.test(s));
  // Inside the sentence (`…合作（…）。`) demand more: every item must be a unit.
  return afterSentence ? allUnits || UNIT_WORD.test(content) : allUnits && UNIT_WORD.test(content);
}
