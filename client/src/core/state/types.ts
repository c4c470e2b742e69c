/** The explorer's whole state: what the URL holds, so a link reproduces the view. */
import type { Ego, Filters } from '../graph/visibility';
import type { ContentScript } from '../script/choice';

export const VIEW_IDS = ['graph', 'measures', 'compare', 'overlaps', 'cypher', 'documents'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const LABEL_DENSITIES = ['few', 'normal', 'many'] as const;
export type LabelDensity = (typeof LABEL_DENSITIES)[number];

/** A node's place in graph coordinates (a pinned node's). */
export interface GraphPoint {
  x: number;
  y: number;
}

export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

/**
 * The path panel: two entities (either may still be unchosen) and whether the path may also go
 * through places (LOCATED_IN, PART_OF) besides measures.
 */
export interface PathState {
  from: string | null;
  to: string | null;
  places: boolean;
}

/**
 * The Cypher console's named query: its name, its form's values as typed (text; the console reads
 * them against the query's parameter types) and whether it was run, so a link runs it again.
 */
export interface NamedQueryState {
  name: string;
  params: Record<string, string>;
  run: boolean;
}

export interface ExplorerState {
  view: ViewId;
  selected: string | null;
  filters: Filters;
  ego: Ego | null;
  expanded: string[];
  labelDensity: LabelDensity;
  camera: CameraView | null;
  lang: string;
  /** The Cypher console's query (view `cypher`). */
  query?: string;
  /** The path between two entities shown in the graph view. */
  path?: PathState;
  /** The Cypher console's named query and its parameters. */
  named?: NamedQueryState;
  /** Nodes chosen with the selected one (shift-click, box selection, "select neighbours"). */
  picked?: string[];
  /** Nodes the user hid from the graph view (the canvas's context menu), whatever the filters say. */
  hidden?: string[];
  /** Nodes the user dragged: they keep these places through layouts and refreshes until unpinned. */
  pins?: Record<string, GraphPoint>;
  /** The Compare view's two plans (document keys); either may still be unchosen. */
  compare?: { from: string | null; to: string | null };
  /**
   * Colour and size by attribute (views/graph/stats/styling.ts names the choices); absent for the
   * default (by type, by measures).
   */
  style?: StyleState;
  /** The Measures view shows only this node's measures (the graph's "Show in measures table"). */
  measuresOf?: string;
  /**
   * The content script the user or the link chose (`script=`); absent, content follows the stored
   * choice, else the UI language (core/script/convert.ts `shownScript`).
   */
  script?: ContentScript;
}

export interface StyleState {
  color: string;
  size: string;
}

/** The keys that are absent when a link does not name them (`linkState` clears them on Back). */
export const OPTIONAL_KEYS = [
  'query',
  'path',
  'named',
  'picked',
  'hidden',
  'pins',
  'compare',
  'style',
  'measuresOf',
  'script',
] as const satisfies readonly (keyof ExplorerState)[];

/** Every optional key of the state: a new one must be listed in OPTIONAL_KEYS (tsc names it here). */
type OptionalKey = {
  [K in keyof ExplorerState]-?: undefined extends ExplorerState[K] ? K : never;
}[keyof ExplorerState];
type Unlisted = Exclude<OptionalKey, (typeof OPTIONAL_KEYS)[number]>;
export const OPTIONAL_KEYS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
