/**
 * The `script` stage: which script the document is in, and each measure's match form (Simplified,
 * folded; see ingest/opencc.ts) for the later stages. The match form has exactly the length of the
 * original, so every offset found in it is an offset in the original text.
 */
import { detectScript, matchForm } from '../opencc';
import type { Doc } from '../types';

export function script(doc: Doc): Doc {
  // The measures' texts, joined (no array of them in between).
  let all = '';
  for (const measure of doc.measures) all += measure.text;
  doc.script = detectScript(all);
  for (const measure of doc.measures) {
    const form = matchForm(measure.text);
    if (form.length !== measure.text.length) {
      throw new Error(
        `${doc.source.path}: script conversion changed the length of measure ${measure.number}`,
      );
    }
    measure.textHans = form;
  }
  return doc;
}
