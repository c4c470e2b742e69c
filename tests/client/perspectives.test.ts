/**
 * Saved views (client/src/views/graph/perspectives/) and the browser history (core/state/history.ts
 * with undo.ts), without a browser: the versioned file read back and its faults named, imports that
 * lose nothing, a saved view's link round-tripping the whole graph view, and Back/Forward walking
 * the same steps as undo/redo (a fake session history stands in for the browser's).
 */
import { asHistoryEntry, syncWithUrl } from '../../client/src/core/state/history';
import { Store } from '../../client/src/core/state/store';
import type { ExplorerState } from '../../client/src/core/state/types';
import { UndoHistory } from '../../client/src/core/state/undo';
import { defaultState, linkState, stateFromSearch, stateToSearch } from '../../client/src/core/state/url';
import { captureSearch, openPatch } from '../../client/src/views/graph/perspectives/capture';
import {
  FORMAT,
  VERSION,
  defaultName,
  merge,
  parse,
  serialize,
  type Perspective,
} from '../../client/src/views/graph/perspectives/format';
import { PerspectiveStorage, STORAGE_KEY } from '../../client/src/views/graph/perspectives/storage';

const defaults = defaultState('en');
const view = (id: string, name: string, search = '?types=Port'): Perspective => ({
  id,
  name,
  savedAt: '2026-01-02T03:04:05.000Z',
  search,
});

describe('saved-views file', () => {
  it('reads back what it writes', () => {
    const views = [view('a', 'Ports'), view('b', '港口 and cities', '')];
    const text = serialize(views);
    expect(JSON.parse(text)).toEqual({ format: FORMAT, version: VERSION, views });
    expect(parse(text)).toEqual({ ok: true, views });
  });

  it.each([
    ['not JSON', '{"format":', 'json'],
    ['another JSON file', JSON.stringify({ nodes: [] }), 'format'],
    ['a later version', JSON.stringify({ format: FORMAT, version: VERSION + 1, views: [] }), 'version'],
    ['views not a list', JSON.stringify({ format: FORMAT, version: 1, views: {} }), 'views'],
  ])('names what is wrong with %s', (_what, text, problem) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problem).toBe(problem);
  });

  it('names the view and the field that is wrong', () => {
    const file = (views: unknown[]) => JSON.stringify({ format: FORMAT, version: 1, views });
    expect(parse(file([view('a', 'ok'), { id: 'b', search: '' }]))).toEqual({
      ok: false,
      error: { problem: 'field', values: { n: 2, field: 'name' } },
    });
    expect(parse(file([{ name: 'x', search: 'types=Port' }]))).toMatchObject({
      error: { values: { n: 1, field: 'search' } },
    });
    expect(parse(file([{ name: 'x', search: '', savedAt: 'yesterday' }]))).toMatchObject({
      error: { values: { n: 1, field: 'savedAt' } },
    });
  });
});

describe('importing saved views', () => {
  let counter = 0;
  const newId = () => `new-${++counter}`;

  it('adds what is new and replaces nothing already saved', () => {
    const saved = [view('a', 'Ports'), view('b', 'Cities', '?types=City')];
    const incoming = [view('a', 'Ports'), view('b', 'Other', '?deg=2'), view('', 'No id')];
    const { views, added } = merge(saved, incoming, newId);
    expect(added).toBe(2);
    expect(views.slice(0, 2)).toEqual(saved);
    expect(views.slice(2).map((v) => v.name)).toEqual(['Other', 'No id']);
    expect(new Set(views.map((v) => v.id)).size).toBe(4);
  });

  it('gives the first free default name', () => {
    const name = (n: number) => `View ${n}`;
    expect(defaultName([], name)).toBe('View 1');
    expect(defaultName([view('a', 'View 2')], name)).toBe('View 3');
  });
});

describe('saved views in localStorage', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key: string) => items.get(key) ?? null,
      removeItem: (key: string) => void items.delete(key),
      setItem: (key: string, value: string) => void items.set(key, value),
    };
  };

  it('keeps an unreadable store under a key of its own before anything is written', () => {
    const storage = memory();
    const later = JSON.stringify({ format: FORMAT, version: 99, views: [{ name: 'x', search: '' }] });
    storage.setItem(STORAGE_KEY, later);
    const store = new PerspectiveStorage(storage);
    expect(store.load()).toEqual([]);
    expect(store.problem).toBe('version');
    store.save([view('a', 'New')]);
    const kept = [...storage.items.keys()].filter((key) => key.startsWith(`${STORAGE_KEY}.unreadable.`));
    expect(kept.map((key) => storage.getItem(key))).toEqual([later]);
    expect(new PerspectiveStorage(storage).load()).toEqual([view('a', 'New')]);
  });
});

describe('a saved view as a link', () => {
  const full: ExplorerState = {
    ...defaults,
    view: 'measures',
    selected: '香港',
    picked: ['深圳', 'a,b'],
    filters: { ...defaults.filters, labels: ['Port', 'City'], minDegree: 2, year: 2020 },
    ego: { center: '香港', depth: 2 },
    expanded: ['港珠澳大桥'],
    hidden: ['澳門'],
    pins: { 香港: { x: 1.5, y: -2 } },
    labelDensity: 'many',
    style: { color: 'community', size: 'pagerank' },
    query: 'MATCH (n) RETURN n',
    lang: 'zh-Hant',
  };

  it('holds the graph view and its camera, not the language, the view shown or the console', () => {
    const search = captureSearch(full, { x: 0.25, y: 0.75, ratio: 0.5 });
    const params = new URLSearchParams(search);
    expect(params.get('view')).toBeNull();
    expect(params.get('lang')).toBeNull();
    expect(params.get('q')).toBeNull();
    const patch = openPatch(search, 'en');
    expect(patch).toEqual({
      selected: full.selected,
      picked: full.picked,
      filters: full.filters,
      ego: full.ego,
      expanded: full.expanded,
      hidden: full.hidden,
      pins: full.pins,
      path: undefined,
      style: full.style,
      labelDensity: 'many',
      camera: { x: 0.25, y: 0.75, ratio: 0.5 },
    });
  });

  it('opens onto exactly its view: what it does not hold is cleared', () => {
    const patch = openPatch('?types=Port', 'en');
    expect(patch.hidden).toBeUndefined();
    expect(patch.pins).toBeUndefined();
    expect(patch.selected).toBeNull();
    expect('hidden' in patch && 'pins' in patch && 'style' in patch).toBe(true);
  });

  it('writes and reads the chosen nodes and the style in the URL', () => {
    const search = stateToSearch(full, defaults);
    expect(new URLSearchParams(search).get('style')).toBe('community,pagerank');
    const back = stateFromSearch(search, defaults, ['en', 'zh-Hant']);
    expect(back.picked).toEqual(full.picked);
    expect(back.style).toEqual(full.style);
    expect(stateFromSearch('?style=a,b,c', defaults, ['en']).style).toBeUndefined();
    expect(linkState('', defaults, ['en'])).toMatchObject({ hidden: undefined, path: undefined });
  });
});

/** A session history like the browser's, with Back and Forward firing popstate. */
class FakeBrowser {
  entries: string[] = [''];
  index = 0;
  readonly window = new EventTarget();
  readonly location = { pathname: '/', hash: '', search: '' };
  readonly history = {
    pushState: (_s: unknown, _t: string, url: string) => {
      this.entries = [...this.entries.slice(0, this.index + 1), this.searchOf(url)];
      this.index++;
      this.location.search = this.entries[this.index] as string;
    },
    replaceState: (_s: unknown, _t: string, url: string) => {
      this.entries[this.index] = this.searchOf(url);
      this.location.search = this.entries[this.index] as string;
    },
  };
  private searchOf(url: string): string {
    return url.slice('/'.length);
  }
  go(delta: number): void {
    this.index += delta;
    this.location.search = this.entries[this.index] as string;
    this.window.dispatchEvent(new Event('popstate'));
  }
}

describe('browser history and undo', () => {
  const globals = globalThis as unknown as Record<string, unknown>;
  let browser: FakeBrowser;
  let store: Store<ExplorerState>;
  let undo: UndoHistory;

  beforeEach(() => {
    browser = new FakeBrowser();
    globals.addEventListener = browser.window.addEventListener.bind(browser.window);
    globals.location = browser.location;
    globals.history = browser.history;
    store = new Store<ExplorerState>(defaults);
    syncWithUrl(store, defaults, ['en']);
    undo = new UndoHistory(store);
  });
  afterEach(() => {
    delete globals.addEventListener;
    delete globals.location;
    delete globals.history;
  });

  it('makes each view change an entry, and Back and Forward undo and redo it', () => {
    store.update({ filters: { ...defaults.filters, minDegree: 2 } });
    store.update({ selected: '香港' });
    store.update({ hidden: ['澳門'] });
    store.update({ camera: { x: 0.1, y: 0.2, ratio: 1 } });
    expect(browser.entries).toHaveLength(4);
    browser.go(-1);
    expect(store.get().hidden).toBeUndefined();
    expect(store.get().selected).toBe('香港');
    browser.go(-1);
    expect(store.get().selected).toBeNull();
    expect(store.get().filters.minDegree).toBe(2);
    // Back walked the undo steps: undo goes on from there, redo is Forward's.
    expect(undo.canRedo).toBe(true);
    browser.go(1);
    expect(store.get().selected).toBe('香港');
    undo.undo();
    expect(store.get().selected).toBeNull();
    expect(store.get().filters.minDegree).toBe(2);
    undo.undo();
    expect(store.get().filters.minDegree).toBe(0);
    expect(undo.canUndo).toBe(false);
  });

  it('clears on Back what the earlier entry does not hold (a path, chosen nodes)', () => {
    store.update({ path: { from: '香港', to: '澳門', places: false } });
    store.update({ selected: 'x', picked: ['y', 'z'] });
    browser.go(-1);
    expect(store.get().picked).toBeUndefined();
    browser.go(-1);
    expect(store.get().path).toBeUndefined();
    // The next change writes no stale path back into the address.
    store.update({ selected: 'q' });
    expect(new URLSearchParams(browser.location.search).get('path')).toBeNull();
  });

  it('makes opening a saved view one entry and one undo step, camera included', () => {
    store.update({ selected: 'a', camera: { x: 0.5, y: 0.5, ratio: 1 } });
    const before = browser.entries.length;
    const patch = openPatch('?types=Port&node=b&cam=0.1,0.2,0.3', 'en');
    asHistoryEntry(() => undo.jump(patch));
    expect(browser.entries).toHaveLength(before + 1);
    expect(store.get().camera).toEqual({ x: 0.1, y: 0.2, ratio: 0.3 });
    undo.undo();
    expect(store.get().selected).toBe('a');
    expect(store.get().filters.labels).toEqual(defaults.filters.labels);
    expect(store.get().camera).toEqual({ x: 0.5, y: 0.5, ratio: 1 });
  });

  it('makes a camera-only saved view an entry too', () => {
    const before = browser.entries.length;
    asHistoryEntry(() => undo.jump(openPatch('?cam=0.1,0.2,0.3', 'en')));
    expect(browser.entries).toHaveLength(before + 1);
  });
});
