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
/** OPEN as a Map: looking a character up in it is much cheaper than as an object key. */
const CLOSE_OF = new Map(Object.entries(OPEN));

/**
 * Matched pairs are found first (a closing mark matches the nearest open mark of its kind; marks
 * left open in between are dropped, so one unclosed 「 never hides a later 《…》), then only the
 * outermost pairs are kept.
 */
export function findQuoted(text: string): Quoted[] {
  const pairs: Array<{ open: string; start: number; end: number }> = [];
  const stack: Array<{ open: string; at: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (CLOSE_OF.has(ch)) {
      stack.push({ open: ch, at: i });
      continue;
    }
    let match = stack.length - 1;
    while (match >= 0 && CLOSE_OF.get(stack[match]!.open) !== ch) match--;
    if (match >= 0) {
      const { open, at } = stack[match]!;
      stack.length = match;
      pairs.push({ open, start: at, end: i + 1 });
    } else if (ch === '。') {
      stack.length = 0; // an unbalanced mark never spans sentences
    }
  }
  const outermost = pairs.filter((p) => !pairs.some((q) => q !== p && q.start <= p.start && q.end >= p.end));
  return outermost
    .sort((a, b) => a.start - b.start)
    .map((p) => ({
      kind: p.open === '《' || p.open === '〈' ? ('book' as const) : ('quote' as const),
      start: p.start,
      end: p.end,
      name: text
        .slice(p.start + 1, p.end - 1)
        .replace(MARKS, '')
        .trim(),
    }))
    .filter((q) => q.name.length > 0);
}
