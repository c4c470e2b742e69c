/**
 * 简体中文, generated from 繁體中文 (zh-Hant.ts) by OpenCC (Taiwan phrases → Mainland, `twp` → `cn`)
 * when a message is first read, so every key added to zh-Hant.ts is in Simplified too without a
 * second copy to keep in sync. What the conversion gets wrong here was reviewed and is corrected
 * below: a few phrases the phrase table changes that mean something else in this app, and messages
 * that must keep both scripts.
 */
import { Converter } from 'opencc-js/t2cn';
import type { MessageKey, Messages } from './en';
import { zhHant } from './zh-Hant';

/** Messages written for Simplified readers where converting the Traditional one is not right. */
export const ZH_HANS_REVIEWED: Partial<Messages> = {
  // The examples show both scripts on purpose: either finds the bridge.
  'search.placeholder': '搜索：港珠澳大桥、港珠澳大橋或 “bridge”　( / )',
  'search.nothing': '找不到“{q}”。请试试另一种字形（繁体或简体）或英文名称，例如 港珠澳大桥 或 “bridge”。',
};

/**
 * Phrases the Taiwan→Mainland table rewrites that are right as they are here: a plan is a 文件
 * (政策文件), not a computer 文档.
 */
const KEEP: readonly (readonly [string, string])[] = [['文档', '文件']];

let converter: ((text: string) => string) | null = null;

/** Traditional text as Mainland Simplified (the reviewed phrase corrections applied). */
export function toSimplified(text: string): string {
  converter ??= Converter({ from: 'twp', to: 'cn' });
  return KEEP.reduce((out, [from, to]) => out.split(from).join(to), converter(text));
}

const converted = new Map<string, string>();

/** Every zh-Hant key, each converted once when first read. */
export const zhHans: Messages = new Proxy(zhHant, {
  get(target, key) {
    if (typeof key !== 'string' || !(key in target)) return undefined;
    const reviewed = ZH_HANS_REVIEWED[key as MessageKey];
    if (reviewed !== undefined) return reviewed;
    let text = converted.get(key);
    if (text === undefined) {
      text = toSimplified(target[key as MessageKey]);
      converted.set(key, text);
    }
    return text;
  },
});
