/**
 * Content in the chosen script (issue 17), the one module every view asks. Measure texts carry
 * mention spans, so they are shown in the other script only through the ingest's `textAlt` (same
 * length, `inContentScript` in choice.ts). Names and titles (entities, sections, documents, units,
 * canvas labels) have no such twin: they are converted here with OpenCC, Hong Kong Traditional ⇄
 * Mainland Simplified as the ingest converts (ingest/opencc.ts), and kept to their length the same
 * way (the whole text when the library keeps its length, else character by character), so an
 * offset taken on a name (a search highlight) still covers the same characters. "As written" is
 * the text as stored.
 *
 * The converters load on first use (dynamic import): Simplified → Traditional needs the library's
 * phrase table (~1 MB), which a user who never switches never downloads. `loadConverter` is awaited
 * before the store changes to a script (boot, the header's switches), so every render after it
 * converts synchronously; until then a name stays as written.
 *
 * Like the UI language (`t`), the script shown is one current value: main.ts sets it from the state
 * (`applyContentScript`) before any view re-renders, and views call `showName` / `showMeasureText`.
 */
import {
  inContentScript,
  readStoredContentScript,
  resolveContentScript,
  storeContentScript,
  type ContentScript,
} from './choice';

type Convert = (text: string) => string;
type Target = Exclude<ContentScript, 'written'>;

const converters: Partial<Record<Target, Convert>> = {};
const loading = new Map<Target, Promise<void>>();
const memos: Record<Target, Map<string, string>> = { traditional: new Map(), simplified: new Map() };
/** A memo is emptied at this size, so memory stays bounded whatever is converted. */
const MEMO_MAX = 20_000;

/** The library's converter for `script` (the Hong Kong ⇄ Mainland pair the ingest uses). */
async function importConverter(script: Target): Promise<Convert> {
  if (script === 'simplified') {
    const { Converter } = await import('opencc-js/t2cn');
    return Converter({ from: 'hk', to: 'cn' });
  }
  const { Converter } = await import('opencc-js/cn2t');
  return Converter({ from: 'cn', to: 'hk' });
}

/** Loads what showing names in `script` needs; resolves at once when that is nothing or done. */
export function loadConverter(script: ContentScript): Promise<void> {
  if (script === 'written' || converters[script]) return Promise.resolve();
  let pending = loading.get(script);
  if (!pending) {
    pending = importConverter(script).then(
      (convert) => {
        converters[script] = convert;
      },
      (error: unknown) => {
        loading.delete(script);
        throw error;
      },
    );
    loading.set(script, pending);
  }
  return pending;
}

/** `convert(text)` when it keeps the length, else each character converted alone where that keeps it. */
export function keepingLength(convert: Convert, text: string): string {
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const converted = convert(ch);
    out += converted.length === ch.length ? converted : ch;
  }
  return out;
}

/**
 * A name or title in `script`: as stored for "as written" or while its converter is not loaded.
 * Views call `showName`, which passes the script shown.
 */
export function nameIn(text: string, script: ContentScript): string {
  if (script === 'written' || !text) return text;
  const convert = converters[script];
  if (!convert) return text;
  const memo = memos[script];
  let out = memo.get(text);
  if (out === undefined) {
    out = keepingLength(convert, text);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(text, out);
  }
  return out;
}

let current: ContentScript = 'written';

/** The script content is shown in now. */
export function currentScript(): ContentScript {
  return current;
}

/** Shows content in the state's script from now on (main.ts, on every change of script or language). */
export function applyContentScript(state: { script?: ContentScript; lang: string }): void {
  current = shownScript(state);
}

/** A name or title (entity, unit, section, document, canvas label) in the script shown. */
export function showName(text: string): string {
  return nameIn(text, current);
}

/**
 * A measure's text in the script shown: its `textAlt` when the document is in the other script
 * (same length, so mention spans and highlights stay on their characters), else as written.
 */
export function showMeasureText(text: string, textAlt: unknown, documentScript: unknown): string {
  return inContentScript(
    text,
    typeof textAlt === 'string' ? textAlt : null,
    typeof documentScript === 'string' ? documentScript : null,
    current,
  );
}

/**
 * The `lang` of content shown from a document in `documentScript`: Simplified Chinese when it is
 * shown in Simplified, else Traditional (the corpus's usual script, and what the pages said before).
 */
export function contentLang(documentScript: unknown): 'zh-Hans' | 'zh-Hant' {
  const shown = current === 'written' ? documentScript : current;
  return shown === 'simplified' ? 'zh-Hans' : 'zh-Hant';
}

/** localStorage, or null where there is none (tests in Node) or reading it throws. */
type KeyValueStore = { getItem(key: string): string | null; setItem(key: string, value: string): void };
function storage(): KeyValueStore | null {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage ?? null;
  } catch {
    return null;
  }
}

/** The stored choice, read once (undefined until then). */
let stored: ContentScript | null | undefined;

/** The script content is shown in: the link's choice, else the stored one, else the UI language's. */
export function shownScript(state: { script?: ContentScript; lang: string }): ContentScript {
  if (stored === undefined) {
    const store = storage();
    stored = store ? readStoredContentScript(store) : null;
  }
  return resolveContentScript({ url: state.script ?? null, stored, uiLocale: state.lang });
}

/** Keeps the user's choice for their next visit. */
export function rememberContentScript(script: ContentScript): void {
  stored = script;
  const store = storage();
  if (store) storeContentScript(store, script);
}
