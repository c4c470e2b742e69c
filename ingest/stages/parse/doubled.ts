/**
 * Is a character printed on both sides of a page break (`…合作` / `作園…`) a typesetting
 * artefact, or a genuine repeat (`紛` / `紛紛…`, `合作` / `作用`)? Wrongly dropping a character
 * corrupts the text, so the answer is "artefact" only when the evidence is clear:
 *
 * 1. the pair is not a known reduplication (small list below), nor read as one word in its context;
 * 2. segmenting the joined context leaves one of the two copies as a one-character word of its
 *    own (合作|作|園), while in the repaired context the character belongs to a longer word
 *    (合作|園) — i.e. removing it is what makes the text read normally.
 *
 * jieba's dictionary is Simplified, so the context is converted first (length-preserving, so
 * positions carry over).
 */
import { cut } from 'nodejieba';
import { toSimplified } from '../../opencc';

/** Reduplications that are words even where jieba's dictionary lacks them (Simplified forms). */
const REDUPLICATIONS = new Set(
  [
    '常常 人人 纷纷 渐渐 各各 年年 月月 日日 天天 时时 处处 事事 家家 户户 个个 件件 项项 条条 层层',
    '步步 种种 样样 多多 好好 慢慢 一一 刚刚 仅仅 稍稍 往往 默默 屡屡 频频 统统 通通 深深 久久 悄悄',
    '代代 世世 声声 句句 字字 点点 片片 丝丝 轻轻 紧紧 牢牢 实实 踏踏 切切 密密 重重 明明 恰恰 生生',
  ]
    .join(' ')
    .split(' '),
);

/** Characters of context used on each side of the break. */
const CONTEXT = 6;

const IDEOGRAPH = /^\p{Script=Han}$/u;

/**
 * `before` is the text up to the break (ending with `ch`), `after` the text after it (starting
 * with `ch`). True when the second copy of `ch` should be dropped.
 */
export function isDoubledArtefact(before: string, after: string): boolean {
  const ch = [...after][0];
  if (ch === undefined || !IDEOGRAPH.test(ch) || !before.endsWith(ch) || !after.startsWith(ch)) return false;
  const pair = toSimplified(ch + ch);
  if (REDUPLICATIONS.has(pair)) return false;

  const left = clause(before, 'end');
  const right = clause(after, 'start');
  const joined = toSimplified(left + right);
  const firstCopy = left.length - ch.length;
  const secondCopy = left.length;
  const tokens = tokenSpans(joined);
  // The pair read as one word in its context (紛紛), not just a word somewhere in the dictionary
  // (合合 is one, yet 深度合|合作區 reads 合 + 合作).
  if (tokens.some((t) => t.start <= firstCopy && t.end >= secondCopy + ch.length)) return false;
  const orphan = tokens.some(
    (t) => (t.start === firstCopy || t.start === secondCopy) && t.end - t.start === ch.length,
  );
  if (!orphan) return false;

  const repaired = toSimplified(left + right.slice(ch.length));
  return tokenSpans(repaired).some(
    (t) => t.start <= firstCopy && t.end >= left.length && t.end - t.start > ch.length,
  );
}

/** The last (or first) few characters of `s`, stopping at punctuation: one clause of context. */
function clause(s: string, side: 'start' | 'end'): string {
  const chars = [...s];
  const piece = side === 'end' ? chars.slice(-CONTEXT) : chars.slice(0, CONTEXT);
  const text = piece.join('');
  const parts = text.split(/[^\p{L}\p{N}]/u);
  return (side === 'end' ? parts[parts.length - 1] : parts[0]) ?? '';
}

function tokenSpans(s: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let pos = 0;
  for (const word of cut(s)) {
    spans.push({ start: pos, end: pos + word.length });
    pos += word.length;
  }
  return spans;
}
