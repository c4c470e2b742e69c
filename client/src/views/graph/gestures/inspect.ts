/**
 * What the browser tests (and anyone in DevTools) can read of the canvas, which has no DOM of its
 * own: where a node is drawn on the page, how it is drawn, and its place in the graph. Read-only.
 */
import type { GraphContext } from '../context';

export interface CanvasInspector {
  /** The node's centre in page pixels, or null when it is not drawn. */
  point(node: string): { x: number; y: number } | null;
  /** How the node is drawn now (after the reducers), or null when it is not drawn. */
  drawn(node: string): { color: string; size: number; label: string | null; border: string | null } | null;
  /** The node's position in graph coordinates. */
  position(node: string): { x: number; y: number } | null;
  /** The nodes drawn now. */
  shown(): string[];
  /** The nodes chosen with the selected one. */
  picked(): string[];
  /** The edges drawn now: relationship type, sigma program, and the shape drawn (rendering/programs.ts). */
  edges(): { relationship: string; program: string; curved: boolean; arrow: boolean }[];
  /** The node's statistics as the statistics panel last computed them (views/graph/stats/). */
  stats(node: string): { pagerank: number | null; community: number | null } | null;
}

declare global {
  interface Window {
    explorerCanvas?: CanvasInspector;
  }
}

export function exposeCanvas({ sigma, graph, store }: GraphContext): void {
  const display = (node: string) => {
    const data = graph.hasNode(node) ? sigma.getNodeDisplayData(node) : undefined;
    return data && !data.hidden ? data : null;
  };
  window.explorerCanvas = {
    point(node) {
      const data = display(node);
      if (!data) return null;
      const { x, y } = sigma.framedGraphToViewport(data);
      const box = sigma.getContainer().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    },
    drawn(node) {
      const data = display(node);
      return data
        ? {
            color: data.color,
            size: sigma.scaleSize(data.size),
            label: data.label ?? null,
            border: ((data as unknown as Record<string, unknown>).borderColor as string) ?? null,
          }
        : null;
    },
    position(node) {
      return graph.hasNode(node)
        ? { x: graph.getNodeAttribute(node, 'x'), y: graph.getNodeAttribute(node, 'y') }
        : null;
    },
    shown() {
      return graph.filterNodes((node) => !!display(node));
    },
    picked() {
      return store.get().picked ?? [];
    },
    edges() {
      return graph
        .filterEdges((edge) => {
          const data = sigma.getEdgeDisplayData(edge);
          return !!data && !data.hidden;
        })
        .map((edge) => {
          const data = sigma.getEdgeDisplayData(edge) as unknown as Record<string, unknown>;
          return {
            relationship: graph.getEdgeAttribute(edge, 'type'),
            program: String(data.type),
            curved: typeof data.curvature === 'number' && data.curvature !== 0,
            arrow: data.arrow === true,
          };
        });
    },
    stats(node) {
      if (!graph.hasNode(node)) return null;
      const { pagerank, community } = graph.getNodeAttributes(node) as Record<string, unknown>;
      return {
        pagerank: typeof pagerank === 'number' ? pagerank : null,
        community: typeof community === 'number' ? community : null,
      };
    },
  };
}
