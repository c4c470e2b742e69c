/**
 * The locale registry: each locale's name in its own language and its messages. `t` reads the current
 * locale, falling back to English for a key a locale lacks (the type system already forbids that).
 */
import { en, type MessageKey, type Messages } from './en';
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

/** The user's preferred locale among ours: a Chinese browser gets 繁體中文, any other English. */
export function preferredLocale(languages: readonly string[]): string {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-Hant' : 'en';
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = current.messages[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type { MessageKey };
