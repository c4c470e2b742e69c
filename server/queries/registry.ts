/**
 * The named queries: one `.cypher` file each in cypher/ (the schema's migrations, in cypher/migrations/,
 * are not among them: only files directly in cypher/ are read), the same text an
 * analyst runs in Neo4j Browser or cypher-shell. Each file opens with a header comment:
 *
 *   // name: measures-touching                      the file's name without .cypher
 *   // description: Measures that mention …         continued on lines indented two spaces or more
 *   //   … more description
 *   // param: name (string): the entity …           one line per $parameter the query uses
 *   // param: includeContained (boolean, default false): …
 *   // param: limit (integer, default 25, 1..500): …
 *   // param: by (string, default 'section', one of section|document): …
 *   // example: :params {name: '港珠澳大桥', includeContained: false}
 *
 * Types are string, integer, float and boolean; a parameter without a default is required, one whose
 * default is null may be null; `a..b` bounds a number, `one of x|y` lists a string's values. Defaults
 * and the example are Cypher literals; the example, with a value for every parameter, is the Neo4j
 * Browser command that sets them (its map is what cypher-shell takes after -P). The loader checks
 * all of this, and that the parameters declared are exactly the `$parameters` the query uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { CYPHER_DIR } from '../../store/repo';
import { ApiError, badRequest } from '../http/errors';
import { tokenize } from '../console/lexer';

export { CYPHER_DIR };

export type ParamType = 'string' | 'integer' | 'float' | 'boolean';
const PARAM_TYPES: readonly ParamType[] = ['string', 'integer', 'float', 'boolean'];

export type Literal = null | boolean | number | string | Literal[] | { [key: string]: Literal };

export interface QueryParameter {
  name: string;
  type: ParamType;
  required: boolean;
  /** Present when not required; null means the parameter may be null. */
  default?: Literal;
  description: string;
  min?: number;
  max?: number;
  /** The values a string parameter may take. */
  values?: string[];
}

export interface NamedQuery {
  name: string;
  description: string;
  parameters: QueryParameter[];
  /** Example parameters: a value for every parameter. */
  example: Record<string, Literal>;
  /** Path relative to the repository, e.g. cypher/overlaps.cypher */
  file: string;
  /** The whole file, header included: what runs. */
  cypher: string;
}

export class QueryFileError extends Error {
  constructor(file: string, line: number | undefined, message: string) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'QueryFileError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Cypher literals (defaults and examples)

class LiteralParser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new Error(`${message} at column ${this.pos + 1} of ${JSON.stringify(this.text)}`);
  }

  skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  value(): Literal {
    this.skip();
    const c = this.text[this.pos];
    if (c === '{') return this.map();
    if (c === '[') return this.list();
    if (c === "'" || c === '"') return this.string(c);
    const number = /^-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    const word = /^[A-Za-z]+/.exec(this.text.slice(this.pos))?.[0];
    const words: Record<string, Literal> = { true: true, false: false, null: null };
    if (word && word.toLowerCase() in words) {
      this.pos += word.length;
      return words[word.toLowerCase()]!;
    }
    return this.fail('expected a Cypher literal');
  }

  string(quote: string): string {
    let out = '';
    this.pos++;
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      const c = this.text[this.pos]!;
      if (c === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        if (next === 'u') {
          out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else {
          out += escapes[next] ?? next;
          this.pos += 2;
        }
      } else {
        out += c;
        this.pos++;
      }
    }
    if (this.text[this.pos] !== quote) this.fail('unterminated string');
    this.pos++;
    return out;
  }

  expect(c: string): void {
    this.skip();
    if (this.text[this.pos] !== c) this.fail(`expected "${c}"`);
    this.pos++;
  }

  list(): Literal[] {
    const out: Literal[] = [];
    this.expect('[');
    this.skip();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skip();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      this.expect(',');
    }
  }

  key(): string {
    this.skip();
    if (this.text[this.pos] === '`') {
      const end = this.text.indexOf('`', this.pos + 1);
      if (end === -1) this.fail('unterminated `name`');
      const key = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return key;
    }
    const key = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0];
    if (!key) return this.fail('expected a key');
    this.pos += key.length;
    return key;
  }

  map(): { [key: string]: Literal } {
    const out: { [key: string]: Literal } = {};
    this.expect('{');
    this.skip();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      const key = this.key();
      this.expect(':');
      out[key] = this.value();
      this.skip();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      this.expect(',');
    }
  }
}

/** Parses a Cypher literal: a string, number, boolean, null, list or map (`{name: 'x', n: 2}`). */
export function parseCypherLiteral(text: string): Literal {
  const parser = new LiteralParser(text);
  const value = parser.value();
  parser.skip();
  if (parser.pos < text.length) parser.fail('unexpected text after the literal');
  return value;
}

/** Formats a value as a Cypher literal (for `:param` lines in docs and messages). */
export function formatCypherLiteral(value: Literal): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatCypherLiteral).join(', ')}]`;
  const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `\`${k}\``);
  return `{${Object.entries(value)
    .map(([k, v]) => `${key(k)}: ${formatCypherLiteral(v)}`)
    .join(', ')}}`;
}

// ---------------------------------------------------------------------------------------------------
// Parameter values

/**
 * Checks one parameter's value and converts it for the driver: integers become Cypher integers;
 * "true"/"false" and numeric strings (as from a query string or a form) are accepted for booleans
 * and numbers. Throws a 400 naming the parameter.
 */
export function coerceParam(param: QueryParameter, value: unknown): unknown {
  const fail = (message: string): never => {
    throw badRequest(param.name, message);
  };
  if (value === undefined) {
    if (param.required) fail(`required (${param.type}): ${param.description}`);
    value = param.default;
  }
  if (value === null) {
    if (param.default === null) return null;
    return fail(`must be ${article(param.type)} ${param.type}, not null`);
  }
  switch (param.type) {
    case 'string': {
      if (typeof value !== 'string') return fail(`must be a string, got ${describe(value)}`);
      if (value.trim() === '') return fail('must not be empty');
      if (param.values && !param.values.includes(value))
        return fail(`must be one of ${param.values.join(', ')}; got "${value}"`);
      return value;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true';
      return fail(`must be a boolean (true or false), got ${describe(value)}`);
    }
    case 'integer':
    case 'float': {
      let n = value;
      if (typeof n === 'string' && n.trim() !== '' && Number.isFinite(Number(n))) n = Number(n);
      if (typeof n !== 'number' || !Number.isFinite(n))
        return fail(`must be a number, got ${describe(value)}`);
      if (param.type === 'integer' && !Number.isSafeInteger(n))
        return fail(`must be a whole number, got ${describe(value)}`);
      if ((param.min !== undefined && n < param.min) || (param.max !== undefined && n > param.max))
        return fail(`must be between ${param.min ?? '-∞'} and ${param.max ?? '∞'}, got ${n}`);
      return param.type === 'integer' ? neo4j.int(n) : n;
    }
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value}"`;
  if (value && typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * The driver parameters for a run of `query` from a request's `params`: every parameter checked and
 * converted, defaults filled in, unknown names refused. Throws a 400 naming the parameter.
 */
export function coerceParams(query: NamedQuery, input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw badRequest('params', 'must be an object of parameter values, e.g. {"name": "香港"}');
  const given = input as Record<string, unknown>;
  const known = new Set(query.parameters.map((p) => p.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name))
      throw badRequest(
        name,
        `unknown parameter of ${query.name}; it takes ${[...known].join(', ') || 'no parameters'}`,
      );
  }
  return Object.fromEntries(query.parameters.map((p) => [p.name, coerceParam(p, given[p.name])]));
}

// ---------------------------------------------------------------------------------------------------
// Header parsing

const FIELD = /^\/\/ ?(name|description|param|example):\s*(.*)$/;
const CONTINUATION = /^\/\/\s{2,}(\S.*)$/;
const PARAM = /^([A-Za-z_][A-Za-z0-9_]*)\s*\((.*?)\):\s*(.+)$/;

function parseParamSpec(spec: string): Omit<QueryParameter, 'name' | 'description'> {
  const parser = new LiteralParser(spec);
  const type = /^\s*(\w+)/.exec(spec)?.[1] ?? '';
  if (!PARAM_TYPES.includes(type as ParamType))
    throw new Error(`unknown type "${type}" (expected ${PARAM_TYPES.join(', ')})`);
  const param: Omit<QueryParameter, 'name' | 'description'> = { type: type as ParamType, required: true };
  parser.pos = spec.indexOf(type) + type.length;
  for (;;) {
    parser.skip();
    if (parser.pos >= spec.length) break;
    parser.expect(',');
    parser.skip();
    const rest = spec.slice(parser.pos);
    let match: RegExpExecArray | null;
    if ((match = /^default\s+/.exec(rest))) {
      parser.pos += match[0].length;
      param.default = parser.value();
      param.required = false;
    } else if ((match = /^one of\s+([\w-]+(?:\s*\|\s*[\w-]+)*)/.exec(rest))) {
      parser.pos += match[0].length;
      param.values = match[1]!.split('|').map((v) => v.trim());
    } else if ((match = /^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)/.exec(rest))) {
      parser.pos += match[0].length;
      param.min = Number(match[1]);
      param.max = Number(match[2]);
    } else {
      throw new Error(`cannot read "${rest}" (expected default <literal>, a..b or one of x|y)`);
    }
  }
  if (param.values && param.type !== 'string') throw new Error('"one of" is only for strings');
  if (
    (param.min !== undefined || param.max !== undefined) &&
    param.type !== 'integer' &&
    param.type !== 'float'
  )
    throw new Error('a range a..b is only for numbers');
  return param;
}

/** The `$parameters` a query uses, outside comments and strings. */
export function usedParameters(cypher: string): Set<string> {
  const names = new Set<string>();
  for (const token of tokenize(cypher)) if (token.kind === 'parameter') names.add(token.value);
  return names;
}

/** Parses and checks one named query file. `file` is used in messages and as NamedQuery.file. */
export function parseQueryFile(text: string, file: string): NamedQuery {
  const lines = text.split(/\r?\n/);
  const fields: { key: string; value: string; line: number }[] = [];
  let bodyStart = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (!line.startsWith('//')) {
      bodyStart = i;
      break;
    }
    const field = FIELD.exec(line);
    const continuation = CONTINUATION.exec(line);
    if (field) fields.push({ key: field[1]!, value: field[2]!.trim(), line: i + 1 });
    else if (continuation && fields.length > 0)
      fields[fields.length - 1]!.value += ` ${continuation[1]!.trim()}`;
    else if (line.replace(/^\/\/\s*/, '') !== '')
      throw new QueryFileError(
        file,
        i + 1,
        'unexpected header line (expected name:, description:, param:, example: or an indented continuation)',
      );
  }
  const body = lines.slice(bodyStart).join('\n').trim();
  if (!body) throw new QueryFileError(file, undefined, 'no query after the header');

  const single = (key: string): { value: string; line: number } => {
    const found = fields.filter((f) => f.key === key);
    if (found.length !== 1)
      throw new QueryFileError(file, found[1]?.line, `the header needs exactly one "${key}:" line`);
    return found[0]!;
  };
  const name = single('name').value;
  const expectedName = path.basename(file, '.cypher');
  if (name !== expectedName)
    throw new QueryFileError(
      file,
      single('name').line,
      `name "${name}" must match the file name "${expectedName}"`,
    );
  const description = single('description').value;
  if (!description) throw new QueryFileError(file, single('description').line, 'empty description');

  const parameters: QueryParameter[] = [];
  for (const field of fields.filter((f) => f.key === 'param')) {
    const match = PARAM.exec(field.value);
    if (!match)
      throw new QueryFileError(file, field.line, 'expected "param: <name> (<type>[, …]): <description>"');
    const [, paramName, spec, paramDescription] = match as unknown as [string, string, string, string];
    if (parameters.some((p) => p.name === paramName))
      throw new QueryFileError(file, field.line, `parameter ${paramName} declared twice`);
    try {
      const param: QueryParameter = {
        name: paramName,
        ...parseParamSpec(spec),
        description: paramDescription,
      };
      if (!param.required && param.default !== null) coerceParam(param, param.default);
      parameters.push(param);
    } catch (error) {
      throw new QueryFileError(file, field.line, `parameter ${paramName}: ${(error as Error).message}`);
    }
  }

  const used = usedParameters(body);
  const declared = new Set(parameters.map((p) => p.name));
  const undeclared = [...used].filter((p) => !declared.has(p));
  if (undeclared.length)
    throw new QueryFileError(file, undefined, `$${undeclared.join(', $')} used but not declared`);
  const unused = [...declared].filter((p) => !used.has(p));
  if (unused.length) throw new QueryFileError(file, undefined, `${unused.join(', ')} declared but not used`);

  const exampleField = single('example');
  let example: Literal;
  try {
    example = parseCypherLiteral(exampleField.value.replace(/^:params?\s+/, ''));
  } catch (error) {
    throw new QueryFileError(file, exampleField.line, `example: ${(error as Error).message}`);
  }
  if (example === null || typeof example !== 'object' || Array.isArray(example))
    throw new QueryFileError(file, exampleField.line, 'example must be a map such as :param {name: 1}');
  const query: NamedQuery = { name, description, parameters, example, file, cypher: text };
  try {
    coerceParams(query, example);
  } catch (error) {
    throw new QueryFileError(file, exampleField.line, `example: ${(error as Error).message}`);
  }
  const missing = parameters.filter((p) => !(p.name in example)).map((p) => p.name);
  if (missing.length)
    throw new QueryFileError(
      file,
      exampleField.line,
      `example must set every parameter (cypher-shell needs them all); missing ${missing.join(', ')}`,
    );
  return query;
}

/** Reads every named query in `dir`, ordered by name. Throws QueryFileError for a malformed file. */
export function loadQueries(dir: string = CYPHER_DIR): Map<string, NamedQuery> {
  const root = path.resolve(dir, '..');
  // In order of the queries' names (`overlaps` before `overlaps-by-year`), not of the file names.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => f.replace(/\.cypher$/, ''))
    .sort()
    .map((name) => `${name}.cypher`);
  const queries = new Map<string, NamedQuery>();
  for (const f of files) {
    const full = path.join(dir, f);
    const query = parseQueryFile(readFileSync(full, 'utf8'), path.relative(root, full));
    queries.set(query.name, query);
  }
  return queries;
}

let registry: Map<string, NamedQuery> | undefined;

/** The named queries of cypher/, read once. */
export function queryRegistry(): Map<string, NamedQuery> {
  registry ??= loadQueries();
  return registry;
}

export function namedQuery(name: string): NamedQuery {
  const query = queryRegistry().get(name);
  if (!query)
    throw new ApiError(
      404,
      'NOT_FOUND',
      `No named query "${name}"; GET /api/queries lists them (${[...queryRegistry().keys()].join(', ')})`,
    );
  return query;
}
