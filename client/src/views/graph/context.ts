/** What the graph view's controllers and panels share: the one graph, its renderer and the store. */
import type Sigma from 'sigma';
import type { Toast } from '../../components/Toast';
import type { ExplorerGraph } from '../../core/graph/load';
import type { EdgeAttributes, NodeAttributes } from '../../core/graph/schema';
import type { Store } from '../../core/state/store';
import type { ExplorerState } from '../../core/state/types';

export type ExplorerSigma = Sigma<NodeAttributes, EdgeAttributes>;

/** The @sigma/* helpers are typed for sigma's default attributes; ours are a refinement of them. */
export function untyped(sigma: ExplorerSigma): Sigma {
  return sigma as unknown as Sigma;
}

export interface GraphContext {
  graph: ExplorerGraph;
  sigma: ExplorerSigma;
  store: Store<ExplorerState>;
  toast: Toast;
}
