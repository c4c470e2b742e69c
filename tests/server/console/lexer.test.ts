/**
 * The console's lexer follows Cypher's lexical rules as Neo4j 5 applies them (read off a running
 * Neo4j; see server/console/lexer.ts): what separates tokens, where comments end, how strings and
 * names escape.
 */
import { controlCharacter, dottedName, lineAndColumn, tokenize } from '../../../server/console/lexer';

const words = (query: string) => tokenize(query).map((t) => t.value);

/** Every character Neo4j 5.26 takes for whitespace between `RETURN` and `1`. */
const CYPHER_WHITESPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

describe('tokenize', () => {
  it.each(CYPHER_WHITESPACE.map((c) => [c.toString(16).padStart(4, '0'), c]))(
    'takes U+%s as whitespace, as Cypher does',
    (_hex, code) => {
      expect(words(`LOAD${String.fromCharCode(code)}CSV`)).toEqual(['LOAD', 'CSV']);
    },
  );

  it('does not take characters for whitespace that Cypher reads otherwise', () => {
    // U+0085 and U+FEFF are \s-like elsewhere but not Cypher whitespace.
    expect(tokenize('LOAD\u0085CSV').length).not.toBe(2);
    expect(tokenize('LOAD\uFEFFCSV').length).not.toBe(2);
  });

  it('ends a // comment at LF or CR, and nowhere else', () => {
    expect(words('// hidden\rLOAD CSV')).toEqual(['LOAD', 'CSV']);
    expect(words('// hidden\nLOAD CSV')).toEqual(['LOAD', 'CSV']);
    expect(words('// hidden\u2028LOAD CSV')).toEqual([]);
    expect(words('// hidden\u0085LOAD CSV')).toEqual([]);
  });

  it('does not nest block comments', () => {
    expect(words('/* a /* b */ LOAD CSV */')).toEqual(['LOAD', 'CSV', '*', '/']);
    expect(words('/* unterminated LOAD CSV')).toEqual([]);
  });

  it('reads strings with backslash escapes and names with doubled backticks', () => {
    const [string] = tokenize(String.raw`'it\'s // not a comment'`);
    expect(string).toMatchObject({ kind: 'string', value: "it's // not a comment" });
    const [name] = tokenize('`a``b`');
    expect(name).toMatchObject({ kind: 'quoted', value: 'a`b' });
    expect(words("RETURN 'LOAD CSV' AS x")).toEqual(['RETURN', 'LOAD CSV', 'AS', 'x']);
  });

  it('reads parameters, numbers and ranges', () => {
    expect(tokenize('$name $`odd name` $0').map((t) => [t.kind, t.value])).toEqual([
      ['parameter', 'name'],
      ['parameter', 'odd name'],
      ['parameter', '0'],
    ]);
    expect(words('[*1..3]')).toEqual(['[', '*', '1', '.', '.', '3', ']']);
    expect(words('1.5e+3')).toEqual(['1.5e+3']);
  });

  it('reads dotted names, backticked or not', () => {
    const tokens = tokenize('CALL `dbms`.listConfig()');
    expect(dottedName(tokens, 1)).toEqual({ name: 'dbms.listConfig', next: 4 });
  });
});

describe('controlCharacter and lineAndColumn', () => {
  it('finds control characters other than tab, LF and CR', () => {
    expect(controlCharacter('MATCH\t(n)\r\nRETURN n')).toBeNull();
    expect(controlCharacter('MATCH\u001f(n)')).toEqual({ offset: 5, codePoint: 0x1f });
    expect(controlCharacter('RETURN 1\u0000')).toEqual({ offset: 8, codePoint: 0 });
    expect(controlCharacter('RETURN 1\u0085')).toEqual({ offset: 8, codePoint: 0x85 });
  });

  it('counts lines as Neo4j does (LF, CR, CRLF)', () => {
    expect(lineAndColumn('a\nb\r\nc\rd', 7)).toEqual({ line: 4, column: 1 });
  });
});
