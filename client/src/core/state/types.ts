/** The explorer's whole state: what the URL holds, so a link reproduces the view. */
import type { Ego, Filters } from '../graph/visibility';

export const VIEW_IDS = ['graph', 'overlaps', 'cypher'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const LABEL_DENSITIES = ['few', 'normal', 'many'] as const;
export type LabelDensity = (typeof LABEL_DENSITIES)[number];

export interface CameraView {
  x: number;
  y: number;
  ratio: number;
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
}
