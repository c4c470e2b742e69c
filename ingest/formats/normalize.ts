/**
 * Characters that look like Chinese characters but are not the ones a reader means: Kangxi radicals
 * (`⼴` U+2F34 for `广`), CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F) and the two
 * radicals-supplement characters with a decomposition. PDF text layers are full of them, and
 * nothing later (the gazetteer, jieba, search) would match them. Each is replaced by its Unicode
 * compatibility equivalent (NFKC of that character alone); full-width numbers and punctuation,
 * which the parser reads, are left as they are.
 */
const LOOKALIKE = /[\u2E9F\u2EF3\u2F00-\u2FD5\uF900-\uFAFF]|\uD87E[\uDC00-\uDE1F]/g;

export function normalizeLookalikes(text: string): string {
  return text.replace(LOOKALIKE, (ch) => ch.normalize('NFKC'));
}

/** How many characters normalizeLookalikes would replace (for the read report). */
export function countLookalikes(text: string): number {
  return text.match(LOOKALIKE)?.length ?? 0;
}
