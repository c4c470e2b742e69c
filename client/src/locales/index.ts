/**
 * The locale registry: each locale's name in its own language and its messages. `t` reads the current
 * locale, falling back to English for a key a locale lacks (the type system already forbids that).
 * 简体中文 is generated from 繁體中文 (zh-Hans.ts).
 */
import { en, type MessageKey, type Messages } from './en';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

export interface Locale {
  id: string;
  /** BCP 47 tag for <html lang>. */
  tag: string;
  name: string;
  messages: Messages;
}

export const LOCALES: Locale[] = [
  { id: 'zh-Hant', tag: 'zh-Hant', name: '繁體中文', messages: zhHant },
  { id: 'zh-Hans', tag: 'zh-Hans', name: '简体中文', messages: zhHans },
  { id: 'en', tag: 'en', name: 'English', messages: en },
];

export const LOCALE_IDS = LOCALES.map((l) => l.id);

let current: Locale = LOCALES[0] as Locale;

export function setLocale(id: string): Locale {
  current = LOCALES.find((l) => l.id === id) ?? current;
  return current;
}

export function currentLocale(): Locale {
  return current;
}

/**
 * The locale for a browser language tag, or null when we have none for it: Chinese written in
 * Traditional (zh-TW, zh-HK, zh-MO, zh-Hant…) gets 繁體中文, any other Chinese (zh-CN, zh-SG,
 * zh-Hans, bare zh) 简体中文, English English.
 */
export function localeForTag(tag: string): string | null {
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-'))
    return /^zh-(hant|tw|hk|mo)\b/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

/** The user's preferred locale among ours: the first of their languages we have, else English. */
export function preferredLocale(languages: readonly string[]): string {
  for (const tag of languages) {
    const id = localeForTag(tag);
    if (id) return id;
  }
  return 'en';
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = current.messages[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type { MessageKey };
