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
import {
  applyContentScript,
  contentLang,
  followContentScript,
  onShownScriptChange,
  currentScript,
  keepingLength,
  loadConverter,
  nameIn,
  showMeasureText,
  showName,
  shownScript,
} from '../../client/src/core/script/convert';
import { defaultState, stateFromSearch, stateToSearch } from '../../client/src/core/state/url';

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

describe('content in the chosen script (convert.ts)', () => {
  afterEach(() => applyContentScript({ lang: 'en' }));

  it('converts names with the converters the ingest uses, once they are loaded', async () => {
    // Not loaded yet: a name stays as stored rather than waiting.
    expect(nameIn('港珠澳大橋', 'simplified')).toBe('港珠澳大橋');
    await loadConverter('simplified');
    await loadConverter('traditional');
    expect(nameIn('港珠澳大橋', 'simplified')).toBe('港珠澳大桥');
    expect(nameIn('深圳湾口岸', 'traditional')).toBe('深圳灣口岸');
    expect(nameIn('港珠澳大橋', 'written')).toBe('港珠澳大橋');
    // Hong Kong forms, as the ingest's textAlt has them (hk ⇄ cn), not Taiwan's.
    expect(nameIn('里', 'traditional')).toHaveLength(1);
  });

  it('keeps every name its length, so offsets on it still hold', () => {
    const lengthening = (text: string) => text.replace(/a/g, 'aa').replace(/b/g, 'B');
    expect(keepingLength(lengthening, 'abc')).toBe('aBc');
    expect(keepingLength((text) => text.toUpperCase(), 'abc')).toBe('ABC');
  });

  it('follows the state: the link, then the stored choice, then the UI language', async () => {
    await loadConverter('simplified');
    applyContentScript({ lang: 'zh-Hans' });
    expect(currentScript()).toBe('simplified');
    expect(showName('港珠澳大橋')).toBe('港珠澳大桥');
    expect(contentLang('traditional')).toBe('zh-Hans');
    applyContentScript({ lang: 'zh-Hans', script: 'written' });
    expect(showName('港珠澳大橋')).toBe('港珠澳大橋');
    expect(contentLang('traditional')).toBe('zh-Hant');
    expect(shownScript({ lang: 'en' })).toBe('written');
  });

  it('tells the views when the script shown changes, Traditional once its converter has loaded', async () => {
    let heard = 0;
    const stop = onShownScriptChange(() => heard++);
    followContentScript({ lang: 'en', script: 'simplified' });
    expect([currentScript(), heard]).toEqual(['simplified', 1]);
    followContentScript({ lang: 'en', script: 'simplified' });
    expect(heard).toBe(1);
    followContentScript({ lang: 'en', script: 'traditional' });
    await loadConverter('traditional');
    await Promise.resolve();
    expect([currentScript(), heard]).toEqual(['traditional', 2]);
    expect(showName('深圳湾')).toBe('深圳灣');
    stop();
  });

  it('shows a measure in the other script only through its textAlt', () => {
    applyContentScript({ lang: 'en', script: 'simplified' });
    expect(showMeasureText('研究完善港珠澳大橋', '研究完善港珠澳大桥', 'traditional')).toBe(
      '研究完善港珠澳大桥',
    );
    // Without a textAlt or a known script the text is shown as written (its spans are on it).
    expect(showMeasureText('研究完善港珠澳大橋', null, 'traditional')).toBe('研究完善港珠澳大橋');
    expect(showMeasureText('研究完善港珠澳大橋', '研究完善港珠澳大桥', undefined)).toBe('研究完善港珠澳大橋');
  });

  it('carries the choice in the link (script=), and ignores a value that is not one', () => {
    const defaults = defaultState('en');
    const state = stateFromSearch('?script=simplified', defaults, ['en']);
    expect(state.script).toBe('simplified');
    expect(stateToSearch(state, defaults)).toBe('?script=simplified');
    expect(stateFromSearch('?script=klingon', defaults, ['en'])).not.toHaveProperty('script');
  });
});
