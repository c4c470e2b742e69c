/**
 * Undo and redo of the graph view's changes (core/state/undo.ts) and the hidden and pinned nodes in
 * the URL (core/state/url.ts).
 */
import { Store } from '../../client/src/core/state/store';
import type { ExplorerState } from '../../client/src/core/state/types';
import { UndoHistory } from '../../client/src/core/state/undo';
import { defaultState, stateFromSearch, stateToSearch } from '../../client/src/core/state/url';

const defaults = defaultState('en');
const LANGS = ['en', 'zh-Hant'];

describe('undo history', () => {
  const setup = () => {
    const store = new Store<ExplorerState>(defaults);
    return { store, history: new UndoHistory(store) };
  };

  it('undoes and redoes view changes in order, and a new change drops the redo', () => {
    const { store, history } = setup();
    expect(history.canUndo).toBe(false);
    store.update({ selected: 'a' });
    store.update({ hidden: ['b'] });
    store.update({ filters: { ...defaults.filters, minDegree: 2 } });
    expect(history.undo()).toBe(true);
    expect(store.get().filters.minDegree).toBe(0);
    expect(history.undo()).toBe(true);
    expect(store.get().hidden).toBeUndefined();
    expect(store.get().selected).toBe('a');
    expect(history.redo()).toBe(true);
    expect(store.get().hidden).toEqual(['b']);
    store.update({ pins: { a: { x: 1, y: 2 } } });
    expect(history.canRedo).toBe(false);
    history.undo();
    expect(store.get().pins).toBeUndefined();
    expect(store.get().hidden).toEqual(['b']);
  });

  it('does not make a step of a camera the user pans to, but does of one they ask for', () => {
    const { store, history } = setup();
    store.update({ camera: { x: 0.1, y: 0.1, ratio: 1 } });
    store.update({ camera: { x: 0.2, y: 0.1, ratio: 1 } });
    expect(history.canUndo).toBe(false);
    history.askCamera();
    store.update({ camera: { x: 0.5, y: 0.5, ratio: 2 } });
    expect(history.canUndo).toBe(true);
    history.undo();
    expect(store.get().camera).toEqual({ x: 0.2, y: 0.1, ratio: 1 });
    history.redo();
    expect(store.get().camera).toEqual({ x: 0.5, y: 0.5, ratio: 2 });
  });

  it('leaves the camera alone when it undoes a change that was not a camera move', () => {
    const { store, history } = setup();
    store.update({ selected: 'a' });
    store.update({ camera: { x: 0.3, y: 0.3, ratio: 1 } });
    history.undo();
    expect(store.get().selected).toBeNull();
    expect(store.get().camera).toEqual({ x: 0.3, y: 0.3, ratio: 1 });
  });

  it('tells its listeners, and says when a store change is a restore', () => {
    const { store, history } = setup();
    const seen: boolean[] = [];
    store.subscribe(() => seen.push(history.restoring));
    let told = 0;
    history.onChange(() => told++);
    store.update({ selected: 'a' });
    history.undo();
    expect(seen).toEqual([false, true]);
    expect(told).toBe(2);
  });
});

describe('hidden and pinned nodes in the URL', () => {
  it('round-trips keys with commas, percent signs and @, coordinates to 0.1', () => {
    const state: ExplorerState = {
      ...defaults,
      hidden: ['香港', 'a,b', '50%'],
      pins: { 港珠澳大桥: { x: 12.345, y: -6.78 }, 'x@y': { x: 0, y: 1 } },
    };
    const search = stateToSearch(state, defaults);
    expect(search).toContain('hide=');
    expect(search).toContain('pin=');
    const back = stateFromSearch(search, defaults, LANGS);
    expect(back.hidden).toEqual(['香港', 'a,b', '50%']);
    expect(back.pins).toEqual({ 港珠澳大桥: { x: 12.3, y: -6.8 }, 'x@y': { x: 0, y: 1 } });
  });

  it('writes nothing when none are hidden or pinned, and drops what it cannot read', () => {
    expect(stateToSearch({ ...defaults, hidden: [], pins: {} }, defaults)).toBe('');
    const back = stateFromSearch('?pin=a@1,b@x@2,c@3@4&hide=,,', defaults, LANGS);
    expect(back.pins).toEqual({ c: { x: 3, y: 4 } });
    expect(back.hidden).toBeUndefined();
  });
});
