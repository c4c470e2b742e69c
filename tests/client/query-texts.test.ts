/**
 * The named queries read in the UI language: every query of cypher/ has an English title and a
 * 繁體中文 title, description and help for each of its parameters (简体中文 converted from them),
 * nothing is translated that cypher/ does not have, and a query without a translation falls back to
 * its file's English.
 */
import {
  EN_QUERY_TITLES,
  ZH_HANT_QUERY_TEXTS,
  paramHelp,
  queryDescription,
  queryTitle,
} from '../../client/src/locales/queries';
import { loadQueries } from '../../server/queries/registry';

const queries = [...loadQueries().values()];
const han = /\p{Script=Han}/u;

describe('named-query texts', () => {
  it('has an English title for every query in cypher/, and for nothing else', () => {
    expect(queries.length).toBeGreaterThan(10);
    expect(Object.keys(EN_QUERY_TITLES).sort()).toEqual(queries.map((q) => q.name).sort());
  });

  it('translates every query and every parameter into 繁體中文, and nothing else', () => {
    expect(Object.keys(ZH_HANT_QUERY_TEXTS).sort()).toEqual(queries.map((q) => q.name).sort());
    for (const query of queries) {
      const text = ZH_HANT_QUERY_TEXTS[query.name]!;
      expect([query.name, Object.keys(text.params).sort()]).toEqual([
        query.name,
        query.parameters.map((p) => p.name).sort(),
      ]);
      for (const written of [text.title, text.description, ...Object.values(text.params)])
        expect([query.name, han.test(written)]).toEqual([query.name, true]);
    }
  });

  it('shows each language its own words, 简体中文 converted from 繁體中文', () => {
    const query = queries.find((q) => q.name === 'measures-touching')!;
    const name = query.parameters.find((p) => p.name === 'name')!;
    expect(queryTitle(query, 'en')).toBe('Measures touching an entity');
    expect(queryDescription(query, 'en')).toBe(query.description);
    expect(paramHelp(query, name, 'en')).toBe(name.description);
    expect(queryTitle(query, 'zh-Hant')).toBe('涉及某實體的措施');
    expect(queryTitle(query, 'zh-Hans')).toBe('涉及某实体的措施');
    expect(queryDescription(query, 'zh-Hans')).toContain('实体');
    expect(queryDescription(query, 'zh-Hans')).not.toContain('實體');
    expect(paramHelp(query, name, 'zh-Hant')).toContain('港珠澳大橋');
  });

  it("falls back to the file's English for a query or parameter it does not know", () => {
    const unknown = { name: 'added-later', description: 'A query added without a translation.' };
    const param = { name: 'x', description: 'Some help.' };
    expect(queryTitle(unknown, 'zh-Hant')).toBe('added-later');
    expect(queryDescription(unknown, 'zh-Hant')).toBe(unknown.description);
    expect(paramHelp(unknown, param, 'zh-Hans')).toBe('Some help.');
    const known = queries[0]!;
    expect(paramHelp(known, param, 'zh-Hant')).toBe('Some help.');
  });
});
