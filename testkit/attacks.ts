/**
 * The fuzz corpus for the read-only console: every class of attack found against it (reading files
 * and URLs with LOAD CSV, reading and stopping other sessions' transactions, reading settings,
 * administration procedures, committing from a read, writing, leaving the database) as token lists,
 * and fast-check arbitraries that respell each one the ways Cypher allows: every whitespace and line
 * terminator, comments of both kinds (a `//` comment ended by CR), keyword case, backticked names,
 * string escapes, parameters, EXPLAIN/PROFILE/CYPHER prefixes and nesting in subqueries.
 */
import fc from 'fast-check';

export interface Attack {
  name: string;
  /** The statement as tokens; `{file}` and `{url}` are replaced by the test's own targets. */
  tokens: string[];
  /** Whether the statement may be wrapped as `CALL { … } RETURN …` (reads and writes can; SHOW cannot). */
  nestable: boolean;
  /** Whether the text check alone already refuses every spelling (the plan check stops the others). */
  refusedByText: boolean;
}

export const ATTACKS: Attack[] = [
  {
    name: 'LOAD CSV of a local file',
    tokens: ['LOAD', 'CSV', 'FROM', "'{file}'", 'AS', 'row', 'RETURN', 'row'],
    nestable: true,
    refusedByText: true,
  },
  {
    name: 'LOAD CSV WITH HEADERS of a URL',
    tokens: ['LOAD', 'CSV', 'WITH', 'HEADERS', 'FROM', "'{url}'", 'AS', 'row', 'RETURN', 'row'],
    nestable: true,
    refusedByText: true,
  },
  {
    name: 'LOAD CSV from a parameter',
    tokens: ['LOAD', 'CSV', 'FROM', '$source', 'AS', 'row', 'RETURN', 'row'],
    nestable: true,
    refusedByText: true,
  },
  {
    name: 'SHOW TRANSACTIONS',
    tokens: ['SHOW', 'TRANSACTIONS', 'YIELD', '*'],
    nestable: false,
    refusedByText: true,
  },
  {
    name: 'TERMINATE TRANSACTIONS',
    tokens: ['TERMINATE', 'TRANSACTIONS', "'neo4j-transaction-1'"],
    nestable: false,
    refusedByText: true,
  },
  { name: 'SHOW SETTINGS', tokens: ['SHOW', 'SETTINGS', 'YIELD', '*'], nestable: false, refusedByText: true },
  {
    name: 'SHOW SETTINGS filtered',
    tokens: ['SHOW', 'SETTINGS', 'YIELD', 'name', ',', 'value', 'WHERE', 'name', 'CONTAINS', "'directories'"],
    nestable: false,
    refusedByText: true,
  },
  { name: 'SHOW DATABASES', tokens: ['SHOW', 'DATABASES'], nestable: false, refusedByText: true },
  {
    name: 'dbms.listConfig',
    tokens: ['CALL', 'dbms', '.', 'listConfig', '(', ')'],
    nestable: true,
    refusedByText: true,
  },
  {
    name: 'dbms.listConnections',
    tokens: ['CALL', 'dbms', '.', 'listConnections', '(', ')'],
    nestable: true,
    refusedByText: true,
  },
  {
    name: 'db.stats.retrieve (reveals query texts)',
    tokens: ['CALL', 'db', '.', 'stats', '.', 'retrieve', '(', "'QUERIES'", ')'],
    nestable: true,
    refusedByText: true,
  },
  {
    name: 'CALL { … } IN TRANSACTIONS',
    tokens: [
      'UNWIND',
      '[1]',
      'AS',
      'i',
      'CALL',
      '(i)',
      '{',
      'RETURN',
      'i',
      'AS',
      'j',
      '}',
      'IN',
      'TRANSACTIONS',
      'RETURN',
      'j',
    ],
    nestable: false,
    refusedByText: true,
  },
  {
    name: 'USE another database',
    tokens: ['USE', 'system', 'MATCH', '(n)', 'RETURN', 'n'],
    nestable: false,
    refusedByText: true,
  },
  {
    name: 'CREATE',
    tokens: ['CREATE', '(:Intruder', '{', 'v:', '1', '})'],
    nestable: true,
    refusedByText: false,
  },
  {
    name: 'MERGE after a read',
    tokens: ['MATCH', '(n)', 'WITH', 'n', 'LIMIT', '1', 'MERGE', '(:Intruder)', 'RETURN', 'n'],
    nestable: true,
    refusedByText: false,
  },
  {
    name: 'SET a property',
    tokens: ['MATCH', '(e:Entity)', 'SET', 'e.name', '=', "'changed'"],
    nestable: true,
    refusedByText: false,
  },
  {
    name: 'DETACH DELETE',
    tokens: ['MATCH', '(n)', 'DETACH', 'DELETE', 'n'],
    nestable: true,
    refusedByText: false,
  },
  { name: 'DROP INDEX', tokens: ['DROP', 'INDEX', 'entity_name'], nestable: false, refusedByText: false },
];

/** Every character Neo4j 5 takes for whitespace, and characters it does not that look like it. */
const SEPARATORS = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u000b',
  '\u000c',
  '\u001c',
  '\u001d',
  '\u001e',
  '\u001f',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2005',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '/* c */',
  '/**/',
  '/* CREATE (x) */',
  ' //\r',
  ' // RETURN 1\n',
  ' // x\r\n',
];

const separator = fc
  .array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 3 })
  .map((s) => s.join(''));

/** A keyword in upper, lower or mixed case. */
function recase(word: string) {
  return fc.constantFrom(
    word,
    word.toLowerCase(),
    word[0]! + word.slice(1).toLowerCase(),
    word.toUpperCase(),
  );
}

const KEYWORDS = new Set([
  'LOAD',
  'CSV',
  'FROM',
  'WITH',
  'HEADERS',
  'AS',
  'RETURN',
  'SHOW',
  'TRANSACTIONS',
  'TERMINATE',
  'SETTINGS',
  'ALL',
  'DATABASES',
  'CALL',
  'UNWIND',
  'IN',
  'USE',
  'USERS',
  'CREATE',
  'MATCH',
  'LIMIT',
  'MERGE',
  'SET',
  'DETACH',
  'DELETE',
  'DROP',
  'INDEX',
  'YIELD',
  'WHERE',
  'CONTAINS',
]);

/** A procedure-name part written plainly or in backticks. */
function namePart(word: string) {
  return fc.constantFrom(word, `\`${word}\``);
}

/** `'file:///x'` spelled plainly or with \u escapes for its slashes. */
function stringLiteral(text: string) {
  const escaped = text.replace(/\//g, '\\u002F');
  return fc.constantFrom(`'${text}'`, `"${text}"`, `'${escaped}'`);
}

const PREFIXES = [
  '',
  'EXPLAIN ',
  'PROFILE ',
  'CYPHER 5 ',
  'CYPHER runtime=slotted ',
  'CYPHER 5 EXPLAIN ',
  '// lead\r',
];

export interface Targets {
  file: string;
  url: string;
}

/** One spelling of `attack`: every token respelled, joined by generated separators, maybe prefixed and nested. */
export function spelling(attack: Attack, targets: Targets): fc.Arbitrary<string> {
  const parts = attack.tokens.map((token, i) => {
    const inProcedureName = attack.tokens[i - 1] === '.' || attack.tokens[i + 1] === '.';
    if (inProcedureName) return namePart(token);
    if (KEYWORDS.has(token)) return recase(token);
    if (token.startsWith("'"))
      return stringLiteral(token.slice(1, -1).replace('{file}', targets.file).replace('{url}', targets.url));
    return fc.constant(token);
  });
  return fc
    .tuple(
      fc.tuple(...parts),
      fc.array(separator, { minLength: parts.length, maxLength: parts.length }),
      fc.constantFrom(...PREFIXES),
      fc.boolean(),
    )
    .map(([tokens, separators, prefix, nest]) => {
      // No separator around '.', which joins a dotted name.
      let body = '';
      tokens.forEach((token, i) => {
        const tight = token === '.' || tokens[i - 1] === '.' || token === '(' || token === ')';
        body += (i === 0 || tight ? '' : separators[i]!) + token;
      });
      const statement =
        nest && attack.nestable ? `CALL {${separators[0]}${body}${separators[0]}} RETURN 1 AS one` : body;
      return `${prefix}${statement}`;
    });
}

export function anyAttack(targets: Targets, filter: (attack: Attack) => boolean = () => true) {
  return fc.oneof(
    ...ATTACKS.filter(filter).map((attack) => spelling(attack, targets).map((query) => ({ attack, query }))),
  );
}
