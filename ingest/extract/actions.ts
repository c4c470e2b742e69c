/**
 * A measure's actions: the lead verbs that open its clauses (研究, 推進, 支持, 爭取 …), after
 * adverbs such as 積極/進一步/共同, and after a qualifying verb (加快推進 → 推進). Returned in Traditional script, the form the seed and the
 * issue use, so the same action is one value whatever the document's script.
 */
import { toTraditional } from '../opencc';
import type { Token } from '../types';
import { patterns } from './patterns';

/** Words that end a clause: each of these marks alone (what `/^[。；;，,：:！？]$/` matches). */
const CLAUSE_END = new Set([...'。；;，,：:！？']);
/** `/^\s+$/`: a word of whitespace only. */
const ALL_SPACE = /^\s+$/;

export function leadActions(tokens: Token[]): string[] {
  const actions: string[] = [];
  let atClauseStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (CLAUSE_END.has(token.word)) {
      atClauseStart = true;
      continue;
    }
    if (!atClauseStart) continue;
    // 加快推進 → 推進: a qualifying verb right before a clause verb is not the action (加快皇崗口岸改造 is).
    const qualifies =
      patterns.verbQualifiers.has(token.word) && patterns.leadVerbs.has(tokens[i + 1]?.word ?? '');
    if (patterns.leadVerbs.has(token.word) && !qualifies) {
      const action = toTraditional(token.word);
      if (!actions.includes(action)) actions.push(action);
      atClauseStart = false;
    } else if (!(token.tag === 'd' || patterns.boundaryWords.has(token.word) || ALL_SPACE.test(token.word))) {
      atClauseStart = false;
    }
  }
  return actions;
}
