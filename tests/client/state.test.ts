/** The explorer's state in the URL and back, and the store that holds it. */
import { Store } from '../../client/src/core/state/store';
import { defaultState, stateFromSearch, stateToSearch } from '../../client/src/core/state/url';
import type { ExplorerState } from '../../client/src/core/state/types';
import type { QueryParameter as QueryParam } from '../../model/api';
import { readParamValue, valuesFromLink } from '../../client/src/views/cypher/params';

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
        year: 2020,
        minDegree: 2,
      },
      ego: { center: '2020-plan/m2', depth: 3 },
      expanded: ['香港', 'a,b'],
      labelDensity: 'many',
      camera: { x: 0.5, y: 0.25, ratio: 0.125 },
      lang: 'zh-Hant',
      query: 'MATCH (n) RETURN n',
      path: { from: '港珠澳大桥', to: '香港国际机场', places: true },
      named: {
        name: 'measures-touching',
        params: { name: '港珠澳大橋', includeContained: 'true' },
        run: true,
      },
    };
    const search = stateToSearch(state, defaults);
    expect(search).toContain('node=%E6%B8%AF');
    expect(stateFromSearch(search, defaults, LANGS)).toEqual(state);
  });

  describe('the path between two entities', () => {
    const read = (search: string) => stateFromSearch(search, defaults, LANGS).path;
    const write = (path: ExplorerState['path']) => stateToSearch({ ...defaults, path }, defaults);

    it('is `path=from,to` (+ `pathvia=places`), readable as written', () => {
      const search = write({ from: '港珠澳大桥', to: '香港', places: false });
      expect(new URLSearchParams(search).get('path')).toBe('港珠澳大桥,香港');
      expect(search).not.toContain('pathvia');
      expect(read(search)).toEqual({ from: '港珠澳大桥', to: '香港', places: false });
      const places = write({ from: '港珠澳大桥', to: '香港', places: true });
      expect(new URLSearchParams(places).get('pathvia')).toBe('places');
      expect(read(places)).toEqual({ from: '港珠澳大桥', to: '香港', places: true });
    });

    it('keeps keys with commas, percent signs and slashes whole', () => {
      for (const path of [
        { from: 'a,b', to: '100%,c/d', places: false },
        { from: '2020-plan/m2', to: '%2C', places: true },
      ])
        expect(read(write(path))).toEqual(path);
    });

    it('holds one end while the other is still being chosen', () => {
      const search = write({ from: null, to: '香港', places: false });
      expect(new URLSearchParams(search).get('path')).toBe(',香港');
      expect(read(search)).toEqual({ from: null, to: '香港', places: false });
      expect(read('?path=%E9%A6%99%E6%B8%AF')).toEqual({ from: '香港', to: null, places: false });
      expect(write({ from: null, to: null, places: true })).toBe('');
    });

    it('ignores what a link gets wrong', () => {
      expect(read('?path=')).toBeUndefined();
      expect(read('?path=,')).toBeUndefined();
      expect(read('?path=a,b,c')).toBeUndefined();
      expect(read('?pathvia=places')).toBeUndefined();
      expect(read('?path=a,b&pathvia=everything')).toEqual({ from: 'a', to: 'b', places: false });
      // A bare % (not an escape) is kept as written.
      expect(read('?path=100%25,b')).toEqual({ from: '100%', to: 'b', places: false });
    });
  });

  describe('the Cypher console’s named query', () => {
    const read = (search: string) => stateFromSearch(search, defaults, LANGS).named;

    it('is `nq` with one `p.<name>` per parameter and `run` once run', () => {
      const search = stateToSearch(
        {
          ...defaults,
          view: 'cypher',
          named: {
            name: 'measures-touching',
            params: { name: '港珠澳大橋', includeContained: 'false' },
            run: false,
          },
        },
        defaults,
      );
      const params = new URLSearchParams(search);
      expect(params.get('nq')).toBe('measures-touching');
      expect(params.get('p.name')).toBe('港珠澳大橋');
      expect(params.get('p.includeContained')).toBe('false');
      expect(params.has('run')).toBe(false);
      expect(read(search)).toEqual({
        name: 'measures-touching',
        params: { name: '港珠澳大橋', includeContained: 'false' },
        run: false,
      });
      expect(read('?nq=overlaps&run=1')).toEqual({ name: 'overlaps', params: {}, run: true });
      expect(read('?nq=overlaps&run=true')?.run).toBe(true);
      expect(read('?nq=overlaps&run=yes please')?.run).toBe(false);
    });

    it('ignores bad names, parameters without a query, repeats and oversized values', () => {
      expect(read('?p.name=x')).toBeUndefined();
      expect(read('?nq=')).toBeUndefined();
      expect(read('?nq=../etc/passwd')).toBeUndefined();
      expect(read(`?nq=${'x'.repeat(101)}`)).toBeUndefined();
      const named = read(
        `?nq=overlaps&p.limit=5&p.limit=6&p.=1&p.1x=2&p.a-b=3&p.by=section&p.huge=${'x'.repeat(2001)}`,
      );
      expect(named).toEqual({ name: 'overlaps', params: { limit: '5', by: 'section' }, run: false });
    });
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

describe('named-query values from a link, read against the parameters', () => {
  const description = '';
  const params: QueryParam[] = [
    { name: 'name', type: 'string', required: true, description },
    { name: 'includeContained', type: 'boolean', required: false, default: false, description },
    { name: 'limit', type: 'integer', required: false, default: 25, min: 1, max: 500, description },
    { name: 'weight', type: 'float', required: false, default: null, min: 0, max: 1, description },
    {
      name: 'by',
      type: 'string',
      required: false,
      default: 'section',
      values: ['section', 'document'],
      description,
    },
    { name: 'document', type: 'string', required: false, default: null, description },
  ];
  const param = (name: string) => params.find((p) => p.name === name) as QueryParam;

  it('keeps values that fit', () => {
    expect(
      valuesFromLink(params, {
        name: '港珠澳大橋',
        includeContained: 'true',
        limit: '40',
        weight: '0.5',
        by: 'document',
        document: '',
      }),
    ).toEqual({
      values: {
        name: '港珠澳大橋',
        includeContained: true,
        limit: '40',
        weight: '0.5',
        by: 'document',
        document: '',
      },
      ignored: [],
    });
    expect(readParamValue(param('includeContained'), '0')).toBe(false);
  });

  it('leaves out, and names, values that do not fit, so the form keeps its defaults', () => {
    expect(
      valuesFromLink(params, {
        name: '  ',
        includeContained: 'maybe',
        limit: '9999',
        weight: 'heavy',
        by: 'nope',
        bogus: '1',
      }),
    ).toEqual({ values: {}, ignored: ['name', 'includeContained', 'limit', 'weight', 'by', 'bogus'] });
    expect(readParamValue(param('limit'), '2.5')).toBeUndefined();
    expect(readParamValue(param('limit'), '0')).toBeUndefined();
    expect(readParamValue(param('limit'), '1e3')).toBeUndefined();
    expect(readParamValue(param('weight'), '2')).toBeUndefined();
    expect(readParamValue(param('weight'), 'Infinity')).toBeUndefined();
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
