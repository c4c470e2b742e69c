/** The explorer's state in the URL and back, and the store that holds it. */
import { Store } from '../../client/src/core/state/store';
import { defaultState, stateFromSearch, stateToSearch } from '../../client/src/core/state/url';
import type { ExplorerState } from '../../client/src/core/state/types';

const LANGS = ['zh-Hant', 'en'];
const defaults = defaultState('en');

describe('state in the URL', () => {
  it('writes nothing for the default state', () => {
    expect(stateToSearch(defaults, defaults)).toBe('');
    expect(stateFromSearch('', defaults, LANGS)).toEqual(defaults);
  });

  it('round-trips a full state, keys with / and CJK included', () => {
    const state: ExplorerState = {
      view: 'graph',
      selected: '港珠澳大桥',
      filters: {
        labels: ['Measure', 'Port'],
        rels: ['MENTIONS'],
        document: '2020-plan',
        section: '2020-plan/s3.1',
        minDegree: 2,
      },
      ego: { center: '2020-plan/m2', depth: 3 },
      expanded: ['香港', 'a,b'],
      labelDensity: 'many',
      camera: { x: 0.5, y: 0.25, ratio: 0.125 },
      lang: 'zh-Hant',
    };
    const search = stateToSearch(state, defaults);
    expect(search).toContain('node=%E6%B8%AF');
    expect(stateFromSearch(search, defaults, LANGS)).toEqual(state);
  });

  it('falls back to the defaults for what a link gets wrong', () => {
    const state = stateFromSearch(
      '?view=nope&types=Port,Bogus&deg=-3&ego=x&depth=9&labels=loud&cam=1,2&lang=fr',
      defaults,
      LANGS,
    );
    expect(state.view).toBe('graph');
    expect(state.filters.labels).toEqual(['Port']);
    expect(state.filters.minDegree).toBe(0);
    expect(state.ego).toEqual({ center: 'x', depth: 1 });
    expect(state.labelDensity).toBe('normal');
    expect(state.camera).toBeNull();
    expect(state.lang).toBe('en');
  });
});

describe('store', () => {
  it('tells listeners of changes with the previous state, and not of no-ops', () => {
    const store = new Store({ a: 1, b: 'x' });
    const seen: [number, number][] = [];
    const stop = store.subscribe((state, previous) => seen.push([state.a, previous.a]));
    store.update({ a: 2 });
    store.update({ a: 2 });
    store.update((s) => ({ a: s.a + 1 }));
    stop();
    store.update({ a: 9 });
    expect(seen).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });
});
