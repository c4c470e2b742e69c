/**
 * Graph events in batches: graphology fires `nodeAdded` once per node, and a panel that re-renders
 * or a filter that recomputes on each would do a whole graph's work per node when many arrive at
 * once (an expansion, the corpus reloaded). The listener runs once, a microtask after the last.
 */
import type Graph from 'graphology';

export function afterNodesAdded(graph: Pick<Graph, 'on'>, listener: () => void): void {
  let pending = false;
  graph.on('nodeAdded', () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      listener();
    });
  });
}
