/**
 * The Cypher editor: CodeMirror 6 with the Cypher mode of @codemirror/legacy-modes for highlighting,
 * completion of labels and relationship types (after `:`), property keys (after `.`) and keywords,
 * and Ctrl-Enter (Cmd-Enter) to run. Running closes an open completion (it would cover the results);
 * Escape with a completion open closes it and keeps the editor focused: the page's own Escape
 * (main.ts: leave the field, clear the selection) does not hear it, so the next keys still type.
 */
import {
  autocompletion,
  closeCompletion,
  completionStatus,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { StreamLanguage } from '@codemirror/language';
import { cypher } from '@codemirror/legacy-modes/mode/cypher';
import { Prec } from '@codemirror/state';
import { keymap, placeholder } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';

export interface CypherSchema {
  labels: string[];
  relationshipTypes: string[];
  propertyKeys: string[];
}

export const KEYWORDS = [
  'MATCH',
  'OPTIONAL MATCH',
  'WHERE',
  'RETURN',
  'WITH',
  'UNWIND',
  'ORDER BY',
  'SKIP',
  'LIMIT',
  'DISTINCT',
  'AS',
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS NULL',
  'IS NOT NULL',
  'STARTS WITH',
  'ENDS WITH',
  'CONTAINS',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'CALL',
  'YIELD',
  'UNION',
  'EXISTS',
  'COUNT',
  'COLLECT',
  'count',
  'collect',
  'size',
  'labels',
  'type',
  'keys',
  'properties',
  'nodes',
  'relationships',
  'shortestPath',
  'allShortestPaths',
  'coalesce',
  'toLower',
  'toUpper',
  'toInteger',
  'db.labels()',
  'db.relationshipTypes()',
  'db.propertyKeys()',
];

/** The completion source: labels and types after `:`, property keys after `.`, keywords elsewhere. */
export function cypherCompletions(schema: () => CypherSchema) {
  return (context: CompletionContext): CompletionResult | null => {
    const afterColon = context.matchBefore(/:`?[\p{L}\p{N}_]*$/u);
    if (afterColon) {
      const { labels, relationshipTypes } = schema();
      const options: Completion[] = [
        ...labels.map((label) => ({ label, type: 'class', detail: 'label' })),
        ...relationshipTypes.map((label) => ({ label, type: 'type', detail: 'relationship' })),
      ];
      return {
        from: afterColon.from + 1 + (afterColon.text.startsWith(':`') ? 1 : 0),
        options,
        validFor: /^[\p{L}\p{N}_]*$/u,
      };
    }
    const afterDot = context.matchBefore(/\.[\p{L}\p{N}_]*$/u);
    if (afterDot && !/\d$/.test(context.state.sliceDoc(afterDot.from - 1, afterDot.from))) {
      const options = schema().propertyKeys.map((label) => ({ label, type: 'property' }));
      return { from: afterDot.from + 1, options, validFor: /^[\p{L}\p{N}_]*$/u };
    }
    const word = context.matchBefore(/[A-Za-z_][\w.]*$/);
    if (!word && !context.explicit) return null;
    return {
      from: word?.from ?? context.pos,
      options: KEYWORDS.map((label) => ({ label, type: /^[a-z]/.test(label) ? 'function' : 'keyword' })),
      validFor: /^[\w.]*$/,
    };
  };
}

export function createEditor(options: {
  parent: HTMLElement;
  doc: string;
  placeholder: string;
  schema: () => CypherSchema;
  run: () => void;
}): EditorView {
  const run = (view: EditorView) => {
    closeCompletion(view);
    options.run();
    return true;
  };
  return new EditorView({
    parent: options.parent,
    doc: options.doc,
    extensions: [
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run }])),
      Prec.highest(
        EditorView.domEventHandlers({
          keydown(event, view) {
            if (event.key !== 'Escape' || completionStatus(view.state) === null) return false;
            closeCompletion(view);
            event.preventDefault();
            event.stopPropagation();
            return true;
          },
        }),
      ),
      basicSetup,
      StreamLanguage.define(cypher),
      autocompletion({ override: [cypherCompletions(options.schema)], activateOnTyping: true }),
      placeholder(options.placeholder),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': options.placeholder, 'data-cypher-editor': 'true' }),
    ],
  });
}
