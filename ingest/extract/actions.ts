/**
 * A measure's actions: the lead verbs that open its clauses (研究, 推進, 支持, 爭取 …), after
 * adverbs such as 積極/進一步/共同. Returned in Traditional script, the form the seed and the
 * issue use, so the same action is one value whatever the document's script.
 */
import { toTraditional } from '../script';
import type { Token } from '../types';
import { patterns } from './patterns';

const CLAUSE_END = /^[。；;，,：:！？]$/;

export function leadActions(tokens: Token[]): string[] {
  const actions: string[] = [];
  let atClauseStart = true;
  for (const token of tokens) {
    if (CLAUSE_END.test(token.word)) {
      atClauseStart = true;
      continue;
    }
    if (!atClauseStart) continue;
    if (patterns.leadVerbs.has(token.word)) {
      const action = toTraditional(token.word);
      if (!actions.includes(action)) actions.push(action);
      atClauseStart = false;
    } else if (!(token.tag === 'd' || patterns.boundaryWords.has(token.word) || /^\s+$/.test(token.word))) {
      atClauseStart = false;
    }
  }
  return actions;
}
