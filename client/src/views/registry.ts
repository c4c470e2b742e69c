/**
 * The views the header switches between. The graph view is here; the overlap view and the Cypher
 * console are separate pieces of work: each will add a `create` here (and its folder under views/),
 * and its tab becomes active. Until then their tabs say they are not available yet.
 */
import type { ViewId } from '../core/state/types';

export interface ViewEntry {
  id: ViewId;
  available: boolean;
}

export const VIEWS: ViewEntry[] = [
  { id: 'graph', available: true },
  { id: 'overlaps', available: false },
  { id: 'cypher', available: false },
];

export function availableView(id: ViewId): ViewId {
  return VIEWS.find((v) => v.id === id)?.available ? id : 'graph';
}
