/**
 * Quoted names: 《…》 (titles of laws, plans, agreements) and 「…」/“…”/『…』 (named policies,
 * schemes, events). Quotes nest (《關於〈…〉的意見》, 「『一帶一路』高峰論壇」); only the outermost pair
 * makes a candidate, and its name drops every quote mark inside.
 */

export interface Quoted {
  kind: 'book' | 'quote';
  /** Span including the marks. */
  start: number;
  end: number;
  /** Name: the inner text without any quote marks or spaces at the ends. */
  name: string;
}

const OPEN: Record<string, string> = { '《': '》', '「': '」', '“': '”', '『': '』', '〈': '〉', '﹁': '﹂' };
const MARKS = /[《》「」“”『』〈〉﹁﹂]/g;
/** OPEN by UTF-16 code unit (every mark is one): every character of a measure is looked up. */
const CLOSE_OF = new Map(
  Object.entries(OPEN).map(([open, close]) => [open.charCodeAt(0), close.charCodeAt(0)]),
);
const FULL_STOP = '。'.charCodeAt(0);
/** What each code unit is to the scan below: most are nothing, and one table read says so. */
const NOTHING = 0;
const OPENING = 1;
const CLOSING = 2;
const STOP = 3;
const ROLE = new Uint8Array(0x10000);
for (const [open, close] of CLOSE_OF) {
  ROLE[open] = OPENING;
  ROLE[close] = CLOSING;
}
ROLE[FULL_STOP] = STOP;
const BOOK_OPENS = new Set(['《', '〈'].map((mark) => mark.charCodeAt(0)));

/**
 * Matched pairs are found first (a closing mark matches the nearest open mark of its kind; marks
 * left open in between are dropped, so one unclosed 「 never hides a later 《…》), then only the
 * outermost pairs are kept.
 */
export function findQuoted(text: string): Quoted[] {
  const pairs: Array<{ open: number; start: number; end: number }> = [];
  const stack: Array<{ open: number; at: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    const role = ROLE[ch]!;
    if (role === NOTHING) continue;
    if (role === OPENING) {
      stack.push({ open: ch, at: i });
      continue;
    }
    // Only a closing mark can match an open one.
    let match = role === CLOSING ? stack.length - 1 : -1;
    while (match >= 0 && CLOSE_OF.get(stack[match]!.open) !== ch) match--;
    if (match >= 0) {
      const { open, at } = stack[match]!;
      stack.length = match;
      pairs.push({ open, start: at, end: i + 1 });
    } else if (role === STOP) {
      stack.length = 0; // an unbalanced mark never spans sentences
    }
  }
  const outermost: Array<{ open: number; start: number; end: number }> = [];
  for (const p of pairs) {
    let inside = false;
    for (const q of pairs) if (q !== p && q.start <= p.start && q.end >= p.end) inside = true;
    if (!inside) outermost.push(p);
  }
  outermost.sort((a, b) => a.start - b.start);
  const quoted: Quoted[] = [];
  for (const p of outermost) {
    const name = text
      .slice(p.start + 1, p.end - 1)
      .replace(MARKS, '')
      .trim();
    if (name.length > 0)
      quoted.push({ kind: BOOK_OPENS.has(p.open) ? 'book' : 'quote', start: p.start, end: p.end, name });
  }
  return quoted;
}
