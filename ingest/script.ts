/**
 * Script conversion with OpenCC (Hong Kong Traditional ⇄ Mainland Simplified). Later stages match
 * on Simplified text while every offset must still point into the original, so a conversion is
 * only accepted when it keeps the length; otherwise the text is converted character by character,
 * which always does.
 */
import * as OpenCC from 'opencc-js';
import type { Script } from './types';

const hk2cn = OpenCC.Converter({ from: 'hk', to: 'cn' });
const cn2hk = OpenCC.Converter({ from: 'cn', to: 'hk' });

function lengthPreserving(convert: (text: string) => string, text: string): string {
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const converted = convert(ch);
    out += converted.length === ch.length ? converted : ch;
  }
  if (out.length !== text.length) throw new Error('script conversion changed the text length');
  return out;
}

/** Simplified form of `text`, exactly as long as `text` (offsets carry over). */
export function toSimplified(text: string): string {
  return lengthPreserving(hk2cn, text);
}

/** Hong Kong Traditional form of `text`, exactly as long as `text`. */
export function toTraditional(text: string): string {
  return lengthPreserving(cn2hk, text);
}

/** Which script a text is written in: counts the characters that only one script uses. */
export function detectScript(text: string): Script {
  let traditional = 0;
  let simplified = 0;
  for (const ch of text) {
    if (!/\p{Script=Han}/u.test(ch)) continue;
    if (hk2cn(ch) !== ch) traditional++;
    else if (cn2hk(ch) !== ch) simplified++;
  }
  return simplified > traditional ? 'simplified' : 'traditional';
}

/**
 * The form text is matched in: Simplified, full-width forms folded (NFKC, character by character so
 * the length never changes), Latin lower-cased. Offsets in it are offsets in the original.
 */
export function matchForm(text: string): string {
  let folded = '';
  for (const ch of text) {
    const n = ch.normalize('NFKC');
    folded += n.length === ch.length ? n : ch;
  }
  return toSimplified(folded).toLowerCase();
}

/** Script-independent key of a name: its match form without spaces. */
export function canonicalKey(name: string): string {
  return matchForm(name).replace(/\s+/g, '');
}
