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

export function findQuoted(text: string): Quoted[] {
  const found: Quoted[] = [];
  const stack: Array<{ open: string; at: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN[ch]) {
      stack.push({ open: ch, at: i });
      continue;
    }
    const top = stack[stack.length - 1];
    if (top && OPEN[top.open] === ch) {
      stack.pop();
      if (stack.length === 0) {
        const name = text
          .slice(top.at + 1, i)
          .replace(MARKS, '')
          .trim();
        if (name)
          found.push({
            kind: top.open === '《' || top.open === '〈' ? 'book' : 'quote',
            start: top.at,
            end: i + 1,
            name,
          });
      }
    } else if (ch === '。' && stack.length > 0) {
      stack.length = 0; // an unbalanced mark never spans sentences
    }
  }
  return found;
}
