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
 * Like the UI language (`t`), the script shown is one current value: main.ts follows the state with
 * it (`followContentScript`) before any view hears of a change; views call `showName` and
 * `showMeasureText` and re-render on `onShownScriptChange`. Simplified → Traditional needs the
 * library's phrase table (~1 MB), loaded the first time it is shown (dynamic import), so a user who
 * never switches never downloads it; until it has loaded, content stays in the script it was in.
 */
import { Converter as toSimplifiedBuild } from 'opencc-js/t2cn';
import {
  inContentScript,
  readStoredContentScript,
  resolveContentScript,
  storeContentScript,
  type ContentScript,
} from './choice';
import { onceRetrying } from '../once';

type Convert = (text: string) => string;
type Target = Exclude<ContentScript, 'written'>;

const converters: Partial<Record<Target, Convert>> = {};
/** The Simplified → Traditional build (~1 MB), fetched once when Traditional is first shown. */
const loadTraditional = onceRetrying(() =>
  import('opencc-js/cn2t').then(({ Converter }) => {
    converters.traditional = Converter({ from: 'cn', to: 'hk' });
  }),
);
const memos: Record<Target, Map<string, string>> = { traditional: new Map(), simplified: new Map() };
/** A memo is emptied at this size, so memory stays bounded whatever is converted. */
const MEMO_MAX = 20_000;

/** The Traditional → Simplified converter, made when first needed (its build is already loaded). */
function simplifiedConverter(): Convert {
  return (converters.simplified ??= toSimplifiedBuild({ from: 'hk', to: 'cn' }));
}

/**
 * Loads what showing names in `script` needs: nothing for "as written", the converter at once for
 * Simplified (the Traditional → Simplified build is in the main bundle already: the 简体中文 UI is
 * converted with it, locales/zh-Hans.ts), and the Simplified → Traditional build, ~1 MB, by dynamic
 * import the first time Traditional is shown.
 */
export function loadConverter(script: ContentScript): Promise<void> {
  if (script === 'written' || converters[script]) return Promise.resolve();
  if (script === 'simplified') {
    simplifiedConverter();
    return Promise.resolve();
  }
  return loadTraditional();
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

const listeners = new Set<() => void>();
/** The state `followContentScript` was last given: a converter that arrives late applies only to it. */
let latest: { script?: ContentScript; lang: string } | null = null;

/** Calls `listener` whenever the script shown changes; views re-render their names and texts on it. */
export function onShownScriptChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function show(script: ContentScript): void {
  if (script === current) return;
  current = script;
  for (const listener of [...listeners]) listener();
}

/**
 * Shows content in the state's script (main.ts, at start and on every change of script or language,
 * before the views hear of the change). What needs no download is shown at once; Simplified →
 * Traditional is shown once its converter has loaded, until then content stays in the script it
 * was in (a failed load leaves it there).
 */
export function followContentScript(state: { script?: ContentScript; lang: string }): void {
  latest = state;
  const wanted = shownScript(state);
  if (wanted === 'simplified') simplifiedConverter();
  if (wanted !== 'traditional' || converters.traditional) return show(wanted);
  loadConverter(wanted).then(
    () => {
      if (latest && shownScript(latest) === wanted) show(wanted);
    },
    () => undefined,
  );
}

/** Shows content in the state's script now, its converter loaded or not (tests). */
export function applyContentScript(state: { script?: ContentScript; lang: string }): void {
  latest = state;
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
