/**
 * The state in the URL's query string and back. Only what differs from the defaults is written, so a
 * plain `/` is the whole graph; anything unreadable in a link falls back to the default rather than
 * failing. Parameters: view, node (selected), types, rels, doc, sec, yr (a year), deg, ego + depth, expand
 * (repeated), labels, cam (x,y,ratio), lang, q (the Cypher console's query), path (from,to) +
 * pathvia=places, nq (a named query) + p.<parameter> (repeated, one per parameter) + run, cmp
 * (from,to: the Compare view's plans), hide (hidden nodes, comma-separated), pick (the nodes chosen
 * with the selected one, comma-separated), pin (pinned nodes, `key@x@y` comma-separated; coordinates
 * to 0.1 graph units), style (colour,size: what the nodes are coloured and sized by), comm (only
 * these communities, comma-separated numbers), top (only the N nodes of highest PageRank), pr (only
 * nodes of PageRank at least this), of (the node whose measures the Measures view shows), script
 * (the content script: written, traditional or simplified).
 */
import { parseContentScript } from '../script/choice';
import { isNodeLabel, isRelType, NODE_LABELS, REL_TYPES } from '../graph/schema';
import { DEFAULT_FILTERS, EGO_DEPTHS, type Filters } from '../graph/visibility';
import {
  LABEL_DENSITIES,
  VIEW_IDS,
  type ExplorerState,
  type GraphPoint,
  type LabelDensity,
  type NamedQueryState,
  type PathState,
  type StyleState,
  type ViewId,
  OPTIONAL_KEYS,
} from './types';

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

/** A path end in `path=from,to`: `%` and `,` inside a key are escaped so the comma stays the separator. */
const escapeEnd = (key: string | null) => (key ?? '').replace(/%/g, '%25').replace(/,/g, '%2C');

function unescapeEnd(text: string): string | null {
  if (!text) return null;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function readPath(params: URLSearchParams): PathState | null {
  const value = params.get('path');
  if (value === null) return null;
  const parts = value.split(',');
  if (parts.length > 2) return null;
  const [from, to] = parts.map(unescapeEnd);
  if (!from && !to) return null;
  return { from: from ?? null, to: to ?? null, places: params.get('pathvia') === 'places' };
}

/** `hide=a,b` (and `pick=a,b`): keys escaped as path ends are. */
function readKeys(params: URLSearchParams, name: string): string[] {
  const value = params.get(name);
  if (!value) return [];
  return [...new Set(value.split(',').map(unescapeEnd))].filter((key): key is string => !!key);
}

/** `pin=key@x@y,…`: the coordinates are the last two `@` fields, so a key may hold `@` itself. */
function readPins(params: URLSearchParams): Record<string, GraphPoint> {
  const pins: Record<string, GraphPoint> = {};
  for (const item of (params.get('pin') ?? '').split(',')) {
    const parts = item.split('@');
    if (parts.length < 3) continue;
    const y = Number(parts.pop());
    const x = Number(parts.pop());
    const key = unescapeEnd(parts.join('@'));
    if (key && Number.isFinite(x) && Number.isFinite(y)) pins[key] = { x, y };
  }
  return pins;
}

/** `style=community,pagerank`: two names; which ones mean something is the graph view's business. */
const STYLE_NAME = /^[a-z]{1,30}$/;

function readStyle(params: URLSearchParams): StyleState | null {
  const [color, size, ...rest] = (params.get('style') ?? '').split(',');
  return color && size && !rest.length && STYLE_NAME.test(color) && STYLE_NAME.test(size)
    ? { color, size }
    : null;
}

/** `comm=0,2`, `top=10`, `pr=0.01`: the filters by statistics; anything else in them is left out. */
function readStatsFilters(params: URLSearchParams): Pick<Filters, 'communities' | 'topRank' | 'minRank'> {
  const communities = [
    ...new Set(
      (params.get('comm') ?? '')
        .split(',')
        .filter((c) => /^\d{1,6}$/.test(c))
        .map(Number),
    ),
  ];
  const top = /^\d{1,7}$/.test(params.get('top') ?? '') ? Number(params.get('top')) : undefined;
  const min = Number(params.get('pr') ?? '');
  return {
    ...(communities.length ? { communities } : {}),
    ...(top !== undefined ? { topRank: top } : {}),
    ...(params.get('pr') && Number.isFinite(min) && min >= 0 ? { minRank: min } : {}),
  };
}

function writePins(pins: Record<string, GraphPoint>): string {
  return Object.entries(pins)
    .map(([key, { x, y }]) => `${escapeEnd(key)}@${round(x, 1)}@${round(y, 1)}`)
    .join(',');
}

/** Named queries are files in cypher/ (`measures-touching`); parameters are Cypher identifiers. */
const QUERY_NAME = /^[A-Za-z0-9][\w-]{0,99}$/;
const PARAM_NAME = /^[A-Za-z_]\w{0,99}$/;
const PARAM_PREFIX = 'p.';
const MAX_PARAM_LENGTH = 2000;

function readNamed(params: URLSearchParams): NamedQueryState | null {
  const name = params.get('nq');
  if (!name || !QUERY_NAME.test(name)) return null;
  const values: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!key.startsWith(PARAM_PREFIX)) continue;
    const param = key.slice(PARAM_PREFIX.length);
    if (PARAM_NAME.test(param) && value.length <= MAX_PARAM_LENGTH && !(param in values))
      values[param] = value;
  }
  const run = params.get('run');
  return { name, params: values, run: run === '1' || run === 'true' };
}

export function stateToSearch(state: ExplorerState, defaults: ExplorerState): string {
  const params = new URLSearchParams();
  const { filters } = state;
  if (state.view !== defaults.view) params.set('view', state.view);
  if (state.selected) params.set('node', state.selected);
  if (filters.labels.length !== NODE_LABELS.length) params.set('types', filters.labels.join(','));
  if (filters.rels.length !== REL_TYPES.length) params.set('rels', filters.rels.join(','));
  if (filters.document) params.set('doc', filters.document);
  if (filters.section) params.set('sec', filters.section);
  if (filters.year !== null) params.set('yr', String(filters.year));
  if (filters.minDegree > 0) params.set('deg', String(filters.minDegree));
  if (filters.communities?.length) params.set('comm', filters.communities.join(','));
  if (filters.topRank !== undefined) params.set('top', String(filters.topRank));
  if (filters.minRank !== undefined) params.set('pr', String(filters.minRank));
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
  if (state.path && (state.path.from || state.path.to)) {
    params.set('path', `${escapeEnd(state.path.from)},${escapeEnd(state.path.to)}`);
    if (state.path.places) params.set('pathvia', 'places');
  }
  if (state.named) {
    params.set('nq', state.named.name);
    for (const [name, value] of Object.entries(state.named.params))
      params.set(`${PARAM_PREFIX}${name}`, value);
    if (state.named.run) params.set('run', '1');
  }
  if (state.hidden?.length) params.set('hide', state.hidden.map(escapeEnd).join(','));
  if (state.picked?.length) params.set('pick', state.picked.map(escapeEnd).join(','));
  if (state.style) params.set('style', `${state.style.color},${state.style.size}`);
  if (state.pins && Object.keys(state.pins).length) params.set('pin', writePins(state.pins));
  if (state.measuresOf) params.set('of', state.measuresOf);
  if (state.script) params.set('script', state.script);
  if (state.compare && (state.compare.from || state.compare.to))
    params.set('cmp', `${escapeEnd(state.compare.from)},${escapeEnd(state.compare.to)}`);
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
  const path = readPath(params);
  const named = readNamed(params);
  const [cmpFrom, cmpTo] = (params.get('cmp') ?? '').split(',').map(unescapeEnd);
  const hidden = readKeys(params, 'hide');
  const picked = readKeys(params, 'pick');
  const style = readStyle(params);
  const pins = readPins(params);
  const measuresOf = params.get('of');
  const script = parseContentScript(params.get('script'));
  return {
    view: VIEW_IDS.includes(view as ViewId) ? (view as ViewId) : defaults.view,
    selected: params.get('node') || null,
    filters: {
      labels: labels ?? defaults.filters.labels,
      rels: rels ?? defaults.filters.rels,
      document: params.get('doc') || null,
      section: params.get('sec') || null,
      year: /^\d{4}$/.test(params.get('yr') ?? '') ? Number(params.get('yr')) : null,
      minDegree: Number.isFinite(degree) && degree > 0 ? degree : 0,
      ...readStatsFilters(params),
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
    ...(path ? { path } : {}),
    ...(named ? { named } : {}),
    ...(hidden.length ? { hidden } : {}),
    ...(picked.length ? { picked } : {}),
    ...(style ? { style } : {}),
    ...(Object.keys(pins).length ? { pins } : {}),
    ...(measuresOf ? { measuresOf } : {}),
    ...(script ? { script } : {}),
    ...(cmpFrom || cmpTo ? { compare: { from: cmpFrom ?? null, to: cmpTo ?? null } } : {}),
  };
}

/**
 * The whole state a link holds, for replacing the store's (Back/Forward, a saved view): the keys the
 * link leaves out are cleared, since the store keeps the keys a patch does not name (a path or hidden
 * nodes stayed on after Back to an entry without them).
 */
export function linkState(search: string, defaults: ExplorerState, langs: string[]): ExplorerState {
  const cleared = Object.fromEntries(OPTIONAL_KEYS.map((key) => [key, undefined]));
  return { ...cleared, ...stateFromSearch(search, defaults, langs) };
}
