import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import {
  CYPHER_DIR,
  coerceParams,
  formatCypherLiteral,
  loadQueries,
  parseCypherLiteral,
  parseQueryFile,
  usedParameters,
  type NamedQuery,
} from '../../../server/queries/registry';
import { ApiError } from '../../../server/http/errors';

const NAMED = [
  'co-mentions',
  'connection',
  'document-outline',
  'entity-profile',
  'measures-touching',
  'overlaps',
  'unit-overlaps',
  'unit-workload',
];

/** A minimal valid file, with `header` lines replacing the default ones where given. */
function file(header: Partial<Record<'name' | 'description' | 'params' | 'example', string>>, body?: string) {
  return [
    header.name ?? '// name: sample',
    header.description ?? '// description: A sample query.',
    header.params ?? '// param: name (string): who\n// param: limit (integer, default 10, 1..100): how many',
    header.example ?? ":param {name: 'x', limit: 5}",
  ]
    .map((line) => (line.startsWith('//') || line === '' ? line : `// example: ${line}`))
    .filter((line) => line !== '')
    .concat(body ?? 'MATCH (e:Entity {name: $name}) RETURN e LIMIT $limit;')
    .join('\n');
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('the named query files in cypher/', () => {
  const queries = loadQueries();

  it('are every .cypher file directly in cypher/ (not the migrations), each named after its file', () => {
    const files = readdirSync(CYPHER_DIR).filter((f) => f.endsWith('.cypher'));
    expect([...queries.keys()]).toEqual(files.map((f) => f.replace(/\.cypher$/, '')).sort());
    expect([...queries.keys()]).toEqual(expect.arrayContaining(NAMED));
    for (const query of queries.values()) expect(query.file).toBe(`cypher/${query.name}.cypher`);
    expect(readdirSync(path.join(CYPHER_DIR, 'migrations')).length).toBeGreaterThan(0);
  });

  it.each(NAMED)('%s has a header: description, typed parameters and an example setting each', (name) => {
    const query = queries.get(name)!;
    const text = readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8');
    expect(query.cypher).toBe(text); // what runs is the file, unchanged
    expect(text.startsWith(`// name: ${name}\n// description: `)).toBe(true);
    expect(query.description.length).toBeGreaterThan(40);
    expect(query.description).not.toMatch(/\/\//); // continuation lines are joined without their //
    for (const param of query.parameters) {
      expect(['string', 'integer', 'float', 'boolean']).toContain(param.type);
      expect(param.description).not.toBe('');
      expect(param.required).toBe(!('default' in param));
    }
    // The parameters declared are exactly those the query uses, and the example sets them all.
    expect(new Set(query.parameters.map((p) => p.name))).toEqual(usedParameters(text));
    expect(Object.keys(query.example).sort()).toEqual(query.parameters.map((p) => p.name).sort());
    expect(() => coerceParams(query, query.example)).not.toThrow();
    // The example line is what Neo4j Browser takes (and cypher-shell after -P).
    expect(text).toMatch(/^\/\/ example: :params \{.*\}$/m);
  });

  it('declare the parameters the issue asks for', () => {
    const names = (q: string) => queries.get(q)!.parameters.map((p) => p.name);
    expect(names('measures-touching')).toEqual(['name', 'includeContained']);
    expect(queries.get('measures-touching')!.parameters[1]).toMatchObject({
      type: 'boolean',
      required: false,
      default: false,
    });
    expect(names('connection')).toEqual(expect.arrayContaining(['from', 'to']));
    expect(names('entity-profile')).toEqual(['name']);
    expect(names('document-outline')).toEqual(['document']);
    expect(queries.get('overlaps')!.parameters.find((p) => p.name === 'by')).toMatchObject({
      values: ['section', 'document'],
      default: 'section',
    });
    expect(queries.get('overlaps')!.parameters.find((p) => p.name === 'limit')).toMatchObject({
      type: 'integer',
      default: 25,
      min: 1,
      max: 500,
    });
  });
});

describe('parseQueryFile', () => {
  it('reads name, multi-line description, parameters (type, default, range, values) and example', () => {
    const query = parseQueryFile(
      [
        '// name: sample',
        '// description: First line',
        '//   and its continuation.',
        '//',
        "// param: by (string, default 'a', one of a|b): what to group by,",
        '//   continued',
        '// param: n (integer, default 3, 1..9): how many',
        '// param: ratio (float, default 0.5, 0..1): a share',
        '// param: doc (string, default null): optional',
        '// param: flag (boolean): required',
        "// example: :param {by: 'b', n: 2, ratio: 0.25, doc: null, flag: true}",
        'RETURN $by, $n, $ratio, $doc, $flag;',
      ].join('\n'),
      'cypher/sample.cypher',
    );
    expect(query.description).toBe('First line and its continuation.');
    expect(query.parameters).toEqual([
      {
        name: 'by',
        type: 'string',
        required: false,
        default: 'a',
        values: ['a', 'b'],
        description: 'what to group by, continued',
      },
      { name: 'n', type: 'integer', required: false, default: 3, min: 1, max: 9, description: 'how many' },
      { name: 'ratio', type: 'float', required: false, default: 0.5, min: 0, max: 1, description: 'a share' },
      { name: 'doc', type: 'string', required: false, default: null, description: 'optional' },
      { name: 'flag', type: 'boolean', required: true, description: 'required' },
    ]);
    expect(query.example).toEqual({ by: 'b', n: 2, ratio: 0.25, doc: null, flag: true });
  });

  it.each([
    ['no name', { name: '//' }, /exactly one "name:"/],
    ['a name other than the file’s', { name: '// name: other' }, /must match the file name "sample"/],
    ['no description', { description: '//' }, /exactly one "description:"/],
    [
      'an unknown type',
      { params: '// param: name (text): who\n// param: limit (integer): n' },
      /unknown type "text"/,
    ],
    [
      'a default of the wrong type',
      { params: "// param: name (string): who\n// param: limit (integer, default 'x'): n" },
      /limit: must be a number/,
    ],
    [
      'a malformed param line',
      { params: '// param: name string who\n// param: limit (integer): n' },
      /expected "param: <name> \(<type>/,
    ],
    [
      'a parameter used but not declared',
      { params: '// param: name (string): who', example: ":param {name: 'x'}" },
      /\$limit used but not declared/,
    ],
    [
      'a parameter declared but not used',
      {
        params: '// param: name (string): who\n// param: limit (integer): n\n// param: extra (boolean): x',
        example: ":param {name: 'x', limit: 1, extra: true}",
      },
      /extra declared but not used/,
    ],
    [
      'an example missing a parameter',
      { example: ":param {name: 'x'}" },
      /must set every parameter.*missing limit/,
    ],
    [
      'an example with a bad value',
      { example: ":param {name: 'x', limit: 500}" },
      /example: limit: must be between 1 and 100/,
    ],
    ['an example that is not a map', { example: ":param 'x'" }, /example must be a map/],
    [
      'an unreadable example',
      { example: ":param {name: 'x', limit: }" },
      /example: expected a Cypher literal/,
    ],
    [
      'a stray header line',
      { description: '// description: ok\n// stray words' },
      /sample.cypher:3: unexpected header line/,
    ],
  ])('refuses a file with %s, naming the file', (_what, header, message) => {
    expect(() => parseQueryFile(file(header), 'cypher/sample.cypher')).toThrow(message);
    expect(() => parseQueryFile(file(header), 'cypher/sample.cypher')).toThrow(/^cypher\/sample\.cypher/);
  });

  it('refuses a file with no query after the header', () => {
    expect(() => parseQueryFile(file({}, ''), 'cypher/sample.cypher')).toThrow(/no query after the header/);
  });

  it('ignores $names in comments and strings', () => {
    expect([...usedParameters('// $a\nRETURN \'$b\', "$c", $d /* $e */')]).toEqual(['d']);
  });
});

describe('Cypher literals', () => {
  it.each([
    ["'港珠澳大桥'", '港珠澳大桥'],
    ['"it\\\'s \\u00e9"', "it's é"],
    ['-12', -12],
    ['2.5e1', 25],
    ['TRUE', true],
    ['null', null],
    ["[1, 'a', [false]]", [1, 'a', [false]]],
    ["{name: 'x', `odd key`: 1, nested: {list: []}}", { name: 'x', 'odd key': 1, nested: { list: [] } }],
  ])('parses %s', (text, value) => {
    expect(parseCypherLiteral(text)).toEqual(value);
  });

  it.each(['', "'open", '{a 1}', '[1,', '{a: 1} trailing', 'MATCH'])('refuses %j', (text) => {
    expect(() => parseCypherLiteral(text)).toThrow();
  });

  it('formats values back as literals cypher-shell reads', () => {
    const value = { name: "O'Brien", n: 3, on: false, none: null, list: ['a'] };
    expect(formatCypherLiteral(value)).toBe("{name: 'O\\'Brien', n: 3, on: false, none: null, list: ['a']}");
    expect(parseCypherLiteral(formatCypherLiteral(value))).toEqual(value);
  });
});

describe('coerceParams', () => {
  const query: NamedQuery = parseQueryFile(
    [
      '// name: sample',
      '// description: A sample.',
      '// param: name (string): the entity',
      '// param: include (boolean, default false): more',
      '// param: limit (integer, default 25, 1..500): how many',
      '// param: share (float, default 0.5, 0..1): a share',
      "// param: by (string, default 'section', one of section|document): grouping",
      '// param: document (string, default null): only this document',
      "// example: :param {name: 'x', include: true, limit: 3, share: 0.1, by: 'document', document: null}",
      'RETURN $name, $include, $limit, $share, $by, $document',
    ].join('\n'),
    'cypher/sample.cypher',
  );

  it('fills in defaults and turns integers into Cypher integers', () => {
    const params = coerceParams(query, { name: '香港' });
    expect(params).toEqual({
      name: '香港',
      include: false,
      limit: neo4j.int(25),
      share: 0.5,
      by: 'section',
      document: null,
    });
    expect(neo4j.isInt(params.limit)).toBe(true);
  });

  it('accepts numbers and booleans given as text', () => {
    const params = coerceParams(query, { name: 'x', include: 'TRUE', limit: '7', share: '0.25' });
    expect(params).toMatchObject({ include: true, limit: neo4j.int(7), share: 0.25 });
  });

  it('accepts a missing or null params object when nothing is required', () => {
    const optional = { ...query, parameters: query.parameters.filter((p) => !p.required) };
    expect(coerceParams(optional, undefined)).toMatchObject({ limit: neo4j.int(25) });
    expect(coerceParams(optional, null)).toMatchObject({ by: 'section' });
  });

  it.each([
    [{}, 'name', /name: required \(string\): the entity/],
    [{ name: '  ' }, 'name', /must not be empty/],
    [{ name: 3 }, 'name', /must be a string, got 3/],
    [{ name: null }, 'name', /must be a string, not null/],
    [{ name: 'x', include: 'yes' }, 'include', /must be a boolean \(true or false\), got "yes"/],
    [{ name: 'x', limit: 0 }, 'limit', /must be between 1 and 500, got 0/],
    [{ name: 'x', limit: 2.5 }, 'limit', /must be a whole number/],
    [{ name: 'x', limit: 'many' }, 'limit', /must be a number, got "many"/],
    [{ name: 'x', limit: [1] }, 'limit', /must be a number, got a list/],
    [{ name: 'x', share: 2 }, 'share', /between 0 and 1/],
    [{ name: 'x', by: 'year' }, 'by', /must be one of section, document; got "year"/],
    [{ name: 'x', nmae: 'y' }, 'nmae', /unknown parameter of sample; it takes name, include, limit/],
  ])('refuses %j with a 400 naming %s', (input, param, message) => {
    const error = apiError(() => coerceParams(query, input));
    expect(error).toMatchObject({ status: 400, code: 'BAD_PARAMETER', param });
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${param}: `)).toBe(true);
  });

  it('refuses params that are not an object', () => {
    expect(apiError(() => coerceParams(query, ['x']))).toMatchObject({ status: 400, param: 'params' });
    expect(apiError(() => coerceParams(query, 'x'))).toMatchObject({ status: 400, param: 'params' });
  });
});
