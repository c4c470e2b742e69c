import { escapeLucene, fold, luceneQuery, searchParams, words } from '../../../server/search/search';

describe('luceneQuery', () => {
  it('searches a Chinese word as a phrase of its bigrams and a lone character as a prefix', () => {
    expect(luceneQuery('港珠澳大桥')).toBe('"港珠澳大桥"');
    expect(luceneQuery('港')).toBe('港*');
  });

  it('matches Latin words whole (boosted) or as a prefix, all words required', () => {
    expect(luceneQuery('Hong Ko')).toBe('(hong^2 OR hong*) AND (ko^2 OR ko*)');
    expect(luceneQuery('HZMB')).toBe('(hzmb^2 OR hzmb*)');
  });

  it('splits on punctuation, folds full-width forms and drops stop words except a last, unfinished one', () => {
    expect(luceneQuery('《港珠澳大桥》、口岸')).toBe('"港珠澳大桥" AND "口岸"');
    expect(luceneQuery('ＣＥＰＡ')).toBe('(cepa^2 OR cepa*)');
    expect(luceneQuery('Hong Kong and Macao')).toBe(
      '(hong^2 OR hong*) AND (kong^2 OR kong*) AND (macao^2 OR macao*)',
    );
    expect(luceneQuery('Hong Kong an')).toBe('(hong^2 OR hong*) AND (kong^2 OR kong*) AND an*');
  });

  it('never lets Lucene syntax through', () => {
    for (const input of [
      'a:b',
      'x OR (y',
      '"quoted"',
      'AND',
      'wild*card?',
      'a\\b',
      'path/to',
      '[1 TO 2]',
      '~fuzzy^3',
    ]) {
      const query = luceneQuery(input);
      expect(query).not.toBeNull();
      // Only the operators and quoting this function writes itself remain.
      expect(query!.replace(/\^2 OR /g, ' ').replace(/[()*"]| AND /g, ' ')).not.toMatch(/[:\\/[\]~^!{}+-]/);
    }
  });

  it('is null when there is nothing to search for', () => {
    expect(luceneQuery('')).toBeNull();
    expect(luceneQuery('  ?!「」  ')).toBeNull();
  });
});

describe('escapeLucene', () => {
  it('escapes every special character', () => {
    expect(escapeLucene('+-&|!(){}[]^"~*?:\\/')).toBe(
      '\\+\\-\\&\\|\\!\\(\\)\\{\\}\\[\\]\\^\\"\\~\\*\\?\\:\\\\\\/',
    );
    expect(escapeLucene('港珠澳')).toBe('港珠澳');
  });
});

describe('fold and words', () => {
  it('lower-case, fold full-width forms and collapse spaces; words also drop punctuation', () => {
    expect(fold('  Ｈong   KONG ')).toBe('hong kong');
    expect(words('"Hong Kong-Zhuhai-Macao Bridge"')).toBe('hong kong zhuhai macao bridge');
    expect(words('《港珠澳大桥》')).toBe('港珠澳大桥');
  });
});

describe('searchParams', () => {
  it('turns `types` into which indexes to query and which entity labels to keep', () => {
    expect(searchParams('q')).toMatchObject({ entities: true, measures: true, labels: null });
    expect(searchParams('q', { types: ['Measure'] })).toMatchObject({ entities: false, measures: true });
    expect(searchParams('q', { types: ['Port', 'City'] })).toMatchObject({
      entities: true,
      measures: false,
      labels: ['Port', 'City'],
    });
    expect(searchParams('q', { limit: 80 }).candidates).toBe(160);
  });
});
