/**
 * The three UI languages stay in sync: every English key in 繁體中文 and 简体中文 with the same
 * placeholders, 简体中文 really Simplified (generated from 繁體中文 by OpenCC), and the browser's
 * language choosing the locale.
 */
import { en, type MessageKey } from '../../client/src/locales/en';
import { LOCALES, localeForTag, preferredLocale } from '../../client/src/locales';
import { ZH_HANS_REVIEWED, toSimplified, zhHans } from '../../client/src/locales/zh-Hans';
import { zhHant } from '../../client/src/locales/zh-Hant';

const KEYS = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the UI languages', () => {
  it('has every key in all three, with the same placeholders', () => {
    expect(LOCALES.map((l) => l.id)).toEqual(['zh-Hant', 'zh-Hans', 'en']);
    for (const locale of LOCALES) {
      expect(Object.keys(locale.messages).sort()).toEqual([...KEYS].sort());
      for (const key of KEYS) {
        const text = locale.messages[key];
        expect(typeof text === 'string' && text.length > 0 ? key : `${locale.id} lacks ${key}`).toBe(key);
        expect([locale.id, key, placeholders(text)]).toEqual([locale.id, key, placeholders(en[key])]);
      }
    }
  });

  it('writes 简体中文 in Simplified, converted from 繁體中文 with the reviewed corrections', () => {
    expect(zhHans['app.title']).toBe('政策知识图谱');
    expect(zhHans['view.graph']).toBe('关系图');
    // A plan stays a 文件 (OpenCC's Taiwan phrases would make it a computer 文档).
    expect(zhHans['label.Document']).toBe('文件');
    for (const key of KEYS) {
      if (key in ZH_HANS_REVIEWED) continue;
      // Converting again changes nothing: no Traditional character is left.
      expect([key, toSimplified(zhHans[key])]).toEqual([key, zhHans[key]]);
      if (zhHant[key] !== en[key] && /[\u4e00-\u9fff]/.test(zhHant[key]))
        expect([key, zhHans[key]]).not.toEqual([key, undefined]);
    }
    // The search's examples keep both scripts.
    expect(zhHans['search.placeholder']).toContain('港珠澳大桥');
    expect(zhHans['search.placeholder']).toContain('港珠澳大橋');
  });

  it('chooses the locale from the browser’s languages', () => {
    expect(preferredLocale(['zh-CN', 'en'])).toBe('zh-Hans');
    expect(preferredLocale(['zh-SG'])).toBe('zh-Hans');
    expect(preferredLocale(['zh-Hans-HK'])).toBe('zh-Hans');
    expect(preferredLocale(['zh'])).toBe('zh-Hans');
    expect(preferredLocale(['zh-TW'])).toBe('zh-Hant');
    expect(preferredLocale(['zh-HK', 'zh-CN'])).toBe('zh-Hant');
    expect(preferredLocale(['zh-Hant'])).toBe('zh-Hant');
    expect(preferredLocale(['zh-MO'])).toBe('zh-Hant');
    expect(preferredLocale(['en-GB', 'zh-TW'])).toBe('en');
    expect(preferredLocale(['fr-FR', 'zh-TW'])).toBe('zh-Hant');
    expect(preferredLocale(['fr-FR'])).toBe('en');
    expect(localeForTag('de')).toBeNull();
  });
});
