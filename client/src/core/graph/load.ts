/**
 * From /api/graph's answer (model/api.ts GraphResponse) to the graph the explorer renders: the
 * server's positions, sizes and measure counts as sent, a position near a neighbour for a node
 * without one, and the colour by label that sigma reads straight from the graph.
 */
import Graph from 'graphology';
import type { GraphResponse } from '../../../../model/api';
import { edgeKey } from '../../../../model/graph';
import { isNodeLabel, isRelType, type EdgeAttributes, type NodeAttributes } from './schema';
import { measureShortLabel } from './labels';
import { NODE_COLORS } from './style';

export type ExplorerGraph = Graph<NodeAttributes, EdgeAttributes>;

/** Distinct measures a node touches (entities), holds (sections, documents) or is (measures), as the server counted them. */
export function measureCount(graph: ExplorerGraph, node: string): number {
  return graph.getNodeAttribute(node, 'measures');
}

/** A spot near the node's placed neighbours (or on a circle), for nodes that come without x/y. */
function place(graph: ExplorerGraph, node: string, index: number): void {
  let x = 0;
  let y = 0;
  let n = 0;
  graph.forEachNeighbor(node, (_k, a) => {
    if (Number.isFinite(a.x) && Number.isFinite(a.y)) {
      x += a.x;
      y += a.y;
      n++;
    }
  });
  const angle = index * 2.399963; // golden angle: no two newcomers on the same spot
  graph.mergeNodeAttributes(node, {
    x: (n ? x / n : 0) + Math.cos(angle) * (n ? 20 : 100 + index),
    y: (n ? y / n : 0) + Math.sin(angle) * (n ? 20 : 100 + index),
  });
}

/**
 * Adds what `data` holds and `graph` lacks (nodes with a known label, edges with a known type and both
 * ends present); returns the keys of the nodes added.
 */
export function mergeSerialized(graph: ExplorerGraph, data: GraphResponse): string[] {
  const added: string[] = [];
  for (const { key, attributes } of data.nodes ?? []) {
    if (!attributes || !isNodeLabel(attributes.label) || graph.hasNode(key)) continue;
    graph.addNode(key, {
      ...attributes,
      color: NODE_COLORS[attributes.label],
      // What a measure is called on the canvas (labels.ts); other nodes draw their name.
      ...(attributes.label === 'Measure' ? { shortLabel: measureShortLabel(attributes) } : {}),
    });
    added.push(key);
  }
  for (const { key, source, target, attributes } of data.edges ?? []) {
    if (!attributes || !isRelType(attributes.type) || !graph.hasNode(source) || !graph.hasNode(target))
      continue;
    const keyOfEdge = key ?? edgeKey(source, attributes.type, target);
    if (graph.hasEdge(keyOfEdge)) continue;
    graph.addDirectedEdgeWithKey(keyOfEdge, source, target, attributes);
  }
  added.forEach((node, i) => {
    const { x, y } = graph.getNodeAttributes(node);
    if (!Number.isFinite(x) || !Number.isFinite(y)) place(graph, node, i);
  });
  return added;
}

export function createGraph(): ExplorerGraph {
  return new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed', multi: true, allowSelfLoops: false });
}

export function loadGraph(data: GraphResponse): ExplorerGraph {
  const graph = createGraph();
  // What the server says of the whole (the overview of a corpus: what it shows of what).
  if (data.attributes?.overview) graph.setAttribute('overview', data.attributes.overview);
  mergeSerialized(graph, data);
  return graph;
}
