/**
 * Filtering by the graph's statistics (issue 17): the rule in core/graph/visibility.ts and its URL;
 * the Measures view on one node (`of`) in the URL.
 */
import { byStats, DEFAULT_FILTERS, filtersByStats } from '../../client/src/core/graph/visibility';
import { defaultState, stateFromSearch, stateToSearch } from '../../client/src/core/state/url';

const defaults = defaultState('en');
const stats = {
  pagerank: new Map([
    ['a', 0.4],
    ['b', 0.3],
    ['c', 0.2],
    ['d', 0.1],
  ]),
  community: new Map([
    ['a', 0],
    ['b', 1],
    ['c', 0],
    ['d', 1],
  ]),
  top: ['a', 'b', 'c', 'd'],
};
const nodes = new Set(['a', 'b', 'c', 'd']);

describe('filters by statistics', () => {
  it('keeps everything when there is no such filter', () => {
    expect(filtersByStats(DEFAULT_FILTERS)).toBe(false);
    expect(byStats(nodes, stats, DEFAULT_FILTERS)).toEqual(nodes);
  });

  it('keeps the chosen communities, the top N, those above a PageRank, all of them at once', () => {
    expect([...byStats(nodes, stats, { ...DEFAULT_FILTERS, communities: [1] })]).toEqual(['b', 'd']);
    expect([...byStats(nodes, stats, { ...DEFAULT_FILTERS, topRank: 3 })]).toEqual(['a', 'b', 'c']);
    expect([...byStats(nodes, stats, { ...DEFAULT_FILTERS, topRank: 0 })]).toEqual([]);
    expect([...byStats(nodes, stats, { ...DEFAULT_FILTERS, minRank: 0.25 })]).toEqual(['a', 'b']);
    const all = { ...DEFAULT_FILTERS, communities: [0], topRank: 3, minRank: 0.25 };
    expect([...byStats(nodes, stats, all)]).toEqual(['a']);
  });

  it('keeps the selection whatever they say, if the other filters show it', () => {
    const filters = { ...DEFAULT_FILTERS, communities: [0] };
    expect([...byStats(nodes, stats, filters, ['d', null, 'z'])].sort()).toEqual(['a', 'c', 'd']);
  });

  it('round-trips through the URL and ignores what does not read', () => {
    const filters = { ...DEFAULT_FILTERS, communities: [0, 3], topRank: 10, minRank: 0.0125 };
    const search = stateToSearch({ ...defaults, filters }, defaults);
    expect(search).toBe('?comm=0%2C3&top=10&pr=0.0125');
    expect(stateFromSearch(search, defaults, ['en']).filters).toEqual(filters);
    expect(stateFromSearch('?comm=x,-1,2,2&top=ten&pr=-1', defaults, ['en']).filters).toEqual({
      ...DEFAULT_FILTERS,
      communities: [2],
    });
    // No filter by statistics: the filters read as before (no keys set to undefined).
    expect(stateFromSearch('?deg=2', defaults, ['en']).filters).toEqual({ ...DEFAULT_FILTERS, minDegree: 2 });
  });
});

describe('the Measures view on one node in the URL', () => {
  it('round-trips `of`, keys with / and CJK included', () => {
    for (const measuresOf of ['港珠澳大桥', '2020-plan/s3.1']) {
      const state = { ...defaults, view: 'measures' as const, measuresOf };
      const search = stateToSearch(state, defaults);
      expect(new URLSearchParams(search).get('of')).toBe(measuresOf);
      expect(stateFromSearch(search, defaults, ['en'])).toEqual(state);
    }
    expect(stateFromSearch('?view=measures&of=', defaults, ['en']).measuresOf).toBeUndefined();
  });
});
