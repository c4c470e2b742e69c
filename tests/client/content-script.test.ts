/**
 * The content-script choice (client/src/core/script/choice.ts): the link beats the stored choice,
 * which beats the UI language; a broken storage is no choice; a text is shown in the other script
 * only when that keeps every character offset.
 */
import {
  CONTENT_SCRIPT_STORAGE_KEY,
  defaultContentScript,
  inContentScript,
  parseContentScript,
  readStoredContentScript,
  resolveContentScript,
  storeContentScript,
} from '../../client/src/core/script/choice';

describe('content script choice', () => {
  it('follows the UI language when nothing was chosen', () => {
    expect(defaultContentScript('zh-Hans')).toBe('simplified');
    expect(defaultContentScript('zh-Hant')).toBe('traditional');
    expect(defaultContentScript('en')).toBe('written');
  });

  it('takes the link first, then the stored choice, ignoring values that are not ours', () => {
    expect(resolveContentScript({ url: 'traditional', stored: 'simplified', uiLocale: 'zh-Hans' })).toBe(
      'traditional',
    );
    expect(resolveContentScript({ url: 'bogus', stored: 'simplified', uiLocale: 'en' })).toBe('simplified');
    expect(resolveContentScript({ url: null, stored: 'zh', uiLocale: 'zh-Hans' })).toBe('simplified');
    expect(resolveContentScript({ url: null, stored: null, uiLocale: 'en' })).toBe('written');
    expect(parseContentScript('written')).toBe('written');
    expect(parseContentScript(undefined)).toBeNull();
  });

  it('stores the choice and reads it back; a throwing storage is no choice and no crash', () => {
    const values = new Map<string, string>();
    const storage = {
      getItem: (k: string) => values.get(k) ?? null,
      setItem: (k: string, v: string) => void values.set(k, v),
    };
    storeContentScript(storage, 'simplified');
    expect(values.get(CONTENT_SCRIPT_STORAGE_KEY)).toBe('simplified');
    expect(readStoredContentScript(storage)).toBe('simplified');
    const broken = {
      getItem: (): string | null => {
        throw new Error('blocked');
      },
      setItem: (): void => {
        throw new Error('blocked');
      },
    };
    expect(readStoredContentScript(broken)).toBeNull();
    expect(() => storeContentScript(broken, 'traditional')).not.toThrow();
  });

  it('shows the other script only where the text is in the other one', () => {
    const text = '港珠澳大橋';
    const alt = '港珠澳大桥';
    expect(inContentScript(text, alt, 'traditional', 'simplified')).toBe(alt);
    expect(inContentScript(text, alt, 'traditional', 'traditional')).toBe(text);
    expect(inContentScript(text, alt, 'traditional', 'written')).toBe(text);
    expect(inContentScript(alt, text, 'simplified', 'traditional')).toBe(text);
    expect(inContentScript(text, null, 'traditional', 'simplified')).toBe(text);
    expect(inContentScript(text, alt, null, 'simplified')).toBe(text);
  });

  it('keeps the text as written when the other script would move character offsets', () => {
    // A mention span [3, 5) marks 大橋; an alternative of another length would mark other characters.
    expect(inContentScript('港珠澳大橋', '港珠澳大大桥', 'traditional', 'simplified')).toBe('港珠澳大橋');
  });
});
