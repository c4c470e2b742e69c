/**
 * A query result's `graph` drawn by its own small sigma instance: a copy with only what sigma reads
 * (the API's `type`/`label` attributes are relationship types and node labels, not sigma programs or
 * captions), on a circle settled by a few ForceAtlas2 iterations.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { SerializedGraph } from 'graphology-types';
import Sigma from 'sigma';
import { isNodeLabel } from '../../core/graph/schema';
import { FONT_STACK, NODE_COLORS } from '../../core/graph/style';

export function toDrawable(serialized: SerializedGraph): Graph {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  const nodes = serialized.nodes ?? [];
  nodes.forEach((node, i) => {
    const a = (node.attributes ?? {}) as Record<string, unknown>;
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    // The server names nodes (model/names.ts); the console shows the name as given.
    const name = String(a.name ?? a.title ?? node.key);
    graph.mergeNode(String(node.key), {
      x: Math.cos(angle) * 10,
      y: Math.sin(angle) * 10,
      size: a.label === 'Measure' ? 4 : 7,
      color: isNodeLabel(a.label) ? NODE_COLORS[a.label] : '#7b8794',
      label: name,
      kind: String(a.label ?? ''),
    });
  });
  for (const edge of serialized.edges ?? []) {
    const [source, target] = [String(edge.source), String(edge.target)];
    if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
    graph.addEdge(source, target, {
      size: 1.5,
      color: '#9aa5b1',
      relType: String((edge.attributes as Record<string, unknown> | undefined)?.type ?? ''),
    });
  }
  if (graph.order > 1 && graph.size > 0)
    forceAtlas2.assign(graph, { iterations: 80, settings: forceAtlas2.inferSettings(graph) });
  return graph;
}

export class ResultGraph {
  private sigma: Sigma | null = null;

  constructor(readonly container: HTMLElement) {}

  draw(serialized: SerializedGraph): number {
    this.kill();
    const graph = toDrawable(serialized);
    if (!graph.order) return 0;
    this.sigma = new Sigma(graph, this.container, {
      allowInvalidContainer: true,
      defaultEdgeType: 'arrow',
      labelFont: FONT_STACK,
      labelRenderedSizeThreshold: 4,
      renderEdgeLabels: false,
      stagePadding: 30,
    });
    this.container.dataset.ready = 'true';
    return graph.order;
  }

  kill(): void {
    this.sigma?.kill();
    this.sigma = null;
    delete this.container.dataset.ready;
  }
}
