/**
 * The state in the URL's query string and back. Only what differs from the defaults is written, so a
 * plain `/` is the whole graph; anything unreadable in a link falls back to the default rather than
 * failing. Parameters: view, node (selected), types, rels, doc, sec, deg, ego + depth, expand
 * (repeated), labels, cam (x,y,ratio), lang, q (the Cypher console's query).
 */
import { isNodeLabel, isRelType, NODE_LABELS, REL_TYPES } from '../graph/schema';
import { DEFAULT_FILTERS, EGO_DEPTHS } from '../graph/visibility';
import { LABEL_DENSITIES, VIEW_IDS, type ExplorerState, type LabelDensity, type ViewId } from './types';

export function defaultState(lang: string): ExplorerState {
  return {
    view: 'graph',
    selected: null,
    filters: DEFAULT_FILTERS,
    ego: null,
    expanded: [],
    labelDensity: 'normal',
    camera: null,
    lang,
  };
}

function list(params: URLSearchParams, name: string): string[] | null {
  const value = params.get(name);
  return value === null ? null : value.split(',').filter(Boolean);
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

export function stateToSearch(state: ExplorerState, defaults: ExplorerState): string {
  const params = new URLSearchParams();
  const { filters } = state;
  if (state.view !== defaults.view) params.set('view', state.view);
  if (state.selected) params.set('node', state.selected);
  if (filters.labels.length !== NODE_LABELS.length) params.set('types', filters.labels.join(','));
  if (filters.rels.length !== REL_TYPES.length) params.set('rels', filters.rels.join(','));
  if (filters.document) params.set('doc', filters.document);
  if (filters.section) params.set('sec', filters.section);
  if (filters.minDegree > 0) params.set('deg', String(filters.minDegree));
  if (state.ego) {
    params.set('ego', state.ego.center);
    params.set('depth', String(state.ego.depth));
  }
  for (const node of state.expanded) params.append('expand', node);
  if (state.labelDensity !== defaults.labelDensity) params.set('labels', state.labelDensity);
  if (state.camera) {
    const { x, y, ratio } = state.camera;
    params.set('cam', [round(x, 4), round(y, 4), round(ratio, 4)].join(','));
  }
  if (state.lang !== defaults.lang) params.set('lang', state.lang);
  if (state.query) params.set('q', state.query);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function stateFromSearch(search: string, defaults: ExplorerState, langs: string[]): ExplorerState {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const labels = list(params, 'types')?.filter(isNodeLabel);
  const rels = list(params, 'rels')?.filter(isRelType);
  const degree = Number.parseInt(params.get('deg') ?? '', 10);
  const egoCenter = params.get('ego');
  const depth = Number.parseInt(params.get('depth') ?? '1', 10);
  const density = params.get('labels');
  const camera = (params.get('cam') ?? '').split(',').map(Number);
  const lang = params.get('lang');
  const query = params.get('q');
  return {
    view: VIEW_IDS.includes(view as ViewId) ? (view as ViewId) : defaults.view,
    selected: params.get('node') || null,
    filters: {
      labels: labels ?? defaults.filters.labels,
      rels: rels ?? defaults.filters.rels,
      document: params.get('doc') || null,
      section: params.get('sec') || null,
      minDegree: Number.isFinite(degree) && degree > 0 ? degree : 0,
    },
    ego: egoCenter
      ? {
          center: egoCenter,
          depth: (EGO_DEPTHS as readonly number[]).includes(depth) ? depth : 1,
        }
      : null,
    expanded: params.getAll('expand').filter(Boolean),
    labelDensity: LABEL_DENSITIES.includes(density as LabelDensity)
      ? (density as LabelDensity)
      : defaults.labelDensity,
    camera:
      camera.length === 3 && camera.every(Number.isFinite) && (camera[2] as number) > 0
        ? { x: camera[0] as number, y: camera[1] as number, ratio: camera[2] as number }
        : null,
    lang: lang && langs.includes(lang) ? lang : defaults.lang,
    ...(query ? { query } : {}),
  };
}
