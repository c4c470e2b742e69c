/**
 * From the API's serialized graphology JSON to the graph the explorer renders: spans as pairs, a
 * position for every node (the server's x/y; near a neighbour for a node without one) and the display
 * attributes that sigma reads straight from the graph: `size` by the measures touching the node,
 * `color` by label.
 */
import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import {
  isNodeLabel,
  isRelType,
  type EdgeAttributes,
  type NodeAttributes,
  type NodeLabel,
  type Span,
} from './schema';
import { NODE_COLORS, nodeSize } from './style';

export type ExplorerGraph = Graph<NodeAttributes, EdgeAttributes>;

/** Spans arrive as pairs (`[[s, e], …]`, the export) or flat (`[s, e, s, e]`, Neo4j's property). */
export function readSpans(value: unknown): Span[] {
  if (!Array.isArray(value)) return [];
  if (value.every((v) => Array.isArray(v)))
    return (value as unknown[][])
      .filter((p) => typeof p[0] === 'number' && typeof p[1] === 'number')
      .map((p) => [p[0] as number, p[1] as number]);
  const spans: Span[] = [];
  for (let i = 0; i + 1 < value.length; i += 2) {
    const [start, end] = [value[i], value[i + 1]];
    if (typeof start === 'number' && typeof end === 'number') spans.push([start, end]);
  }
  return spans;
}

/**
 * Distinct measures a node touches (entities), holds (sections, documents) or is (measures): the
 * server's count (`measures`, over the whole graph) when it sent one, else counted in this graph.
 */
export function measureCount(graph: ExplorerGraph, node: string): number {
  const { label, measures: counted } = graph.getNodeAttributes(node);
  if (typeof counted === 'number') return counted;
  if (label === 'Measure') return 1;
  if (label === 'Document') {
    let n = 0;
    graph.forEachNode((_k, a) => {
      if (a.label === 'Measure' && a.document === node) n++;
    });
    return n;
  }
  if (label === 'Section') {
    let n = 0;
    graph.forEachOutEdge(node, (_e, a, _s, target) => {
      if (a.type === 'HAS_MEASURE') n++;
      else if (a.type === 'HAS_SECTION') n += measureCount(graph, target);
    });
    return n;
  }
  const measures = new Set<string>();
  graph.forEachNeighbor(node, (neighbor, a) => {
    if (a.label === 'Measure') measures.add(neighbor);
  });
  return measures.size;
}

/** Adds or refreshes the display attributes of every node; called after each load or merge. */
export function applyDisplayAttributes(graph: ExplorerGraph): void {
  graph.forEachNode((node, attributes) => {
    const count = measureCount(graph, node);
    graph.mergeNodeAttributes(node, {
      measureCount: count,
      size: nodeSize(attributes.label, count),
      color: NODE_COLORS[attributes.label],
    });
  });
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

function labelOf(attributes: Record<string, unknown>): NodeLabel | null {
  const candidates = [attributes.label, ...(Array.isArray(attributes.labels) ? attributes.labels : [])];
  return candidates.find(isNodeLabel) ?? null;
}

/**
 * Adds what `data` holds and `graph` lacks (nodes with a known label, edges with a known type and both
 * ends present); returns the keys of the nodes added.
 */
export function mergeSerialized(graph: ExplorerGraph, data: SerializedGraph): string[] {
  const added: string[] = [];
  for (const { key, attributes = {} } of data.nodes ?? []) {
    const label = labelOf(attributes);
    if (!label || graph.hasNode(key)) continue;
    graph.addNode(key, { ...attributes, label } as NodeAttributes);
    added.push(key);
  }
  for (const { key, source, target, attributes = {} } of data.edges ?? []) {
    if (!isRelType(attributes.type) || !graph.hasNode(source) || !graph.hasNode(target)) continue;
    const edgeKey = key ?? `${source}-${attributes.type}->${target}`;
    if (graph.hasEdge(edgeKey)) continue;
    const edge = { ...attributes, type: attributes.type } as EdgeAttributes;
    if ('spans' in attributes) edge.spans = readSpans(attributes.spans);
    graph.addDirectedEdgeWithKey(edgeKey, source, target, edge);
  }
  added.forEach((node, i) => {
    const { x, y } = graph.getNodeAttributes(node);
    if (!Number.isFinite(x) || !Number.isFinite(y)) place(graph, node, i);
  });
  applyDisplayAttributes(graph);
  return added;
}

export function createGraph(): ExplorerGraph {
  return new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed', multi: true, allowSelfLoops: false });
}

export function loadGraph(data: SerializedGraph): ExplorerGraph {
  const graph = createGraph();
  mergeSerialized(graph, data);
  return graph;
}
