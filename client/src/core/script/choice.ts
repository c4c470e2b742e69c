/**
 * The content script (issue 17): which script measure texts, names and titles are shown in, apart
 * from the UI language. "As written" shows each document's own script; 繁體 and 简体 show the
 * ingest's conversion (`textAlt`, OpenCC Hong Kong ⇄ Mainland, character for character) where a
 * text is in the other script. The choice comes from the link (`script=`), else what the user
 * chose before (localStorage), else the UI language: a Simplified UI reads Simplified content, a
 * Traditional UI Traditional, English the texts as written. Pure apart from the storage it is given.
 */

import { CONTENT_SCRIPTS, type ContentScript } from '../../../../model/script';

// The scripts and which text to show are shared with the server's CSV export (model/script.ts).
export { CONTENT_SCRIPTS, inContentScript, type ContentScript } from '../../../../model/script';

/** The localStorage key the user's choice is kept under. */
export const CONTENT_SCRIPT_STORAGE_KEY = 'policy-graph-explorer/content-script';

/** A value of the link's `script=` or of the store, or null when it is none of ours. */
export function parseContentScript(value: string | null | undefined): ContentScript | null {
  return CONTENT_SCRIPTS.find((script) => script === value) ?? null;
}

/** What the content follows when the user has not chosen: the UI language's script. */
export function defaultContentScript(uiLocale: string): ContentScript {
  if (uiLocale === 'zh-Hans') return 'simplified';
  if (uiLocale === 'zh-Hant') return 'traditional';
  return 'written';
}

/** The link's choice, else the stored one, else the UI language's. */
export function resolveContentScript(from: {
  url: string | null;
  stored: string | null;
  uiLocale: string;
}): ContentScript {
  return (
    parseContentScript(from.url) ?? parseContentScript(from.stored) ?? defaultContentScript(from.uiLocale)
  );
}

/** The user's stored choice; a storage that throws (private mode, blocked) reads as none. */
export function readStoredContentScript(storage: {
  getItem(key: string): string | null;
}): ContentScript | null {
  try {
    return parseContentScript(storage.getItem(CONTENT_SCRIPT_STORAGE_KEY));
  } catch {
    return null;
  }
}

/** Keeps the user's choice; a storage that throws keeps it for this page only. */
export function storeContentScript(
  storage: { setItem(key: string, value: string): void },
  script: ContentScript,
): void {
  try {
    storage.setItem(CONTENT_SCRIPT_STORAGE_KEY, script);
  } catch {
    // The choice still holds for this page.
  }
}
