/**
 * The content script (issue 17): which script measure texts and names are shown or exported in, and
 * which of a measure's two texts that is. Shared by the explorer (client/src/core/script/) and the
 * server's CSV of the measures table, so both choose the same text.
 */

export type ContentScript = 'written' | 'traditional' | 'simplified';

export const CONTENT_SCRIPTS: readonly ContentScript[] = ['written', 'traditional', 'simplified'];

/**
 * `text` in the chosen script. `written` is the script `text` is in (the document's; null when
 * unknown) and `alt` the same text in the other script. The alternative is used only when it has
 * exactly the length of `text`, so every character offset (mention spans, search highlights) taken
 * on `text` still covers the same characters; otherwise `text` is shown as written.
 */
export function inContentScript(
  text: string,
  alt: string | null | undefined,
  written: string | null | undefined,
  chosen: ContentScript,
): string {
  if (chosen === 'written' || alt == null || written == null || written === chosen) return text;
  if (written !== 'traditional' && written !== 'simplified') return text;
  return alt.length === text.length ? alt : text;
}
