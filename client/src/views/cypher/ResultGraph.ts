/**
 * A query result's `graph` drawn by its own small sigma instance: a copy with only what sigma reads
 * (the API's `type`/`label` attributes are relationship types and node labels, not sigma programs or
 * captions), on a circle settled by a few ForceAtlas2 iterations. As in the graph view
 * (views/graph/controllers/HighlightController, gestures/PinController): hovering a node or a
 * relationship brings out it and its neighbours and mutes the rest; clicking one shows its
 * properties in a panel beside the drawing (the canvas narrows, so the panel never hides a node); dragging a node moves it (the camera stays).
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { SerializedGraph } from 'graphology-types';
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { h, mount } from '../../components/dom';
import { FONT_STACK } from '../../core/graph/style';
import { t } from '../../locales';
import type { Json } from '../../../../model/json';
import { labelColor, propertyText } from './values';

/** Attributes the result graph's nodes and edges carry besides sigma's. */
interface ResultNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  properties: Record<string, Json>;
}
interface ResultEdge {
  size: number;
  color: string;
  relType: string;
  properties: Record<string, Json>;
}

const MUTED = '#e4e7eb';
const EDGE = '#9aa5b1';
const EDGE_HOVER = '#1f2933';

/** Attributes the API adds to a node that are not its properties (server/console/result.ts). */
const NOT_PROPERTIES = new Set(['label', 'name']);

export function toDrawable(serialized: SerializedGraph): Graph<ResultNode, ResultEdge> {
  const graph = new Graph<ResultNode, ResultEdge>({ type: 'directed', multi: true, allowSelfLoops: true });
  const nodes = serialized.nodes ?? [];
  nodes.forEach((node, i) => {
    const a = (node.attributes ?? {}) as Record<string, Json>;
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    // The server names nodes (model/names.ts); the console shows the name as given.
    const name = String(a.name ?? a.title ?? node.key);
    const kind = String(a.label ?? '');
    const properties = Object.fromEntries(Object.entries(a).filter(([k]) => !NOT_PROPERTIES.has(k)));
    // A name the server made up (a measure's reference and opening words) is not a property.
    if (typeof a.name === 'string' && kind !== 'Measure' && kind !== 'Document' && kind !== 'Section')
      properties.name = a.name;
    graph.mergeNode(String(node.key), {
      x: Math.cos(angle) * 10,
      y: Math.sin(angle) * 10,
      size: kind === 'Measure' ? 5 : 8,
      color: labelColor(kind),
      label: name,
      kind,
      properties,
    });
  });
  for (const edge of serialized.edges ?? []) {
    const [source, target] = [String(edge.source), String(edge.target)];
    if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
    const { type, ...properties } = (edge.attributes ?? {}) as Record<string, Json>;
    // Thick enough to hover and click: sigma picks edges on a buffer at half the canvas's resolution.
    graph.addEdge(source, target, { size: 2.5, color: EDGE, relType: String(type ?? ''), properties });
  }
  if (graph.order > 1 && graph.size > 0)
    forceAtlas2.assign(graph, { iterations: 80, settings: forceAtlas2.inferSettings(graph) });
  return graph;
}

/** What the browser tests read of the newest result graph's canvas (it has no DOM of its own). */
export interface ResultGraphInspector {
  nodes(): string[];
  edges(): string[];
  /** A node's centre, or an edge's middle, in page pixels; null when not drawn. */
  point(key: string): { x: number; y: number } | null;
  /** A node's colour as drawn now (after the hover reducer). */
  color(node: string): string | null;
  /** A node's position in graph coordinates. */
  position(node: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    consoleGraph?: ResultGraphInspector;
  }
}

export class ResultGraph {
  private sigma: Sigma<ResultNode, ResultEdge> | null = null;
  private graph: Graph<ResultNode, ResultEdge> | null = null;
  private hoveredNode: string | null = null;
  private hoveredEdge: string | null = null;
  private selected: { kind: 'node' | 'edge'; key: string } | null = null;
  private dragged: string | null = null;
  private moved = false;
  private readonly canvas = h('div', { class: 'cypher__canvas' });
  private readonly inspector = h('aside', {
    class: 'cypher__inspect',
    'aria-live': 'polite',
    hidden: true,
  });

  constructor(readonly container: HTMLElement) {}

  get drawn(): boolean {
    return this.sigma !== null;
  }

  /** The sigma instance while drawn (exports render it again). */
  get renderer(): Sigma<ResultNode, ResultEdge> | null {
    return this.sigma;
  }

  draw(serialized: SerializedGraph): number {
    this.kill();
    const graph = toDrawable(serialized);
    if (!graph.order) return 0;
    mount(this.container, this.canvas, this.inspector);
    this.graph = graph;
    const sigma = new Sigma<ResultNode, ResultEdge>(graph, this.canvas, {
      allowInvalidContainer: true,
      defaultEdgeType: 'arrow',
      enableEdgeEvents: true,
      labelFont: FONT_STACK,
      labelRenderedSizeThreshold: 4,
      renderEdgeLabels: false,
      stagePadding: 30,
      zIndex: true,
      nodeReducer: (node, data) => this.nodeLook(node, data),
      edgeReducer: (edge, data) => this.edgeLook(edge, data),
    });
    this.sigma = sigma;
    this.listen(sigma, graph);
    this.container.dataset.ready = 'true';
    this.expose();
    return graph.order;
  }

  kill(): void {
    this.sigma?.kill();
    this.sigma = null;
    this.graph = null;
    this.hoveredNode = this.hoveredEdge = null;
    this.selected = null;
    this.dragged = null;
    this.inspector.hidden = true;
    delete this.container.dataset.ready;
  }

  /** Whose neighbourhood stands out: the hovered node or relationship's ends, or the selection's. */
  private focus(): Set<string> | null {
    const graph = this.graph;
    if (!graph) return null;
    const around = (node: string) => new Set([node, ...graph.neighbors(node)]);
    if (this.hoveredNode) return around(this.hoveredNode);
    if (this.hoveredEdge) return new Set(graph.extremities(this.hoveredEdge));
    if (this.selected?.kind === 'node') return around(this.selected.key);
    if (this.selected?.kind === 'edge') return new Set(graph.extremities(this.selected.key));
    return null;
  }

  private nodeLook(node: string, data: ResultNode): Partial<NodeDisplayData> {
    const focus = this.focus();
    const look: Partial<NodeDisplayData> = { ...data };
    if (node === this.hoveredNode || (this.selected?.kind === 'node' && this.selected.key === node)) {
      look.highlighted = true;
      look.zIndex = 2;
    } else if (focus && !focus.has(node)) {
      look.color = MUTED;
      look.label = '';
      look.zIndex = 0;
    } else if (focus) look.zIndex = 1;
    return look;
  }

  private edgeLook(edge: string, data: ResultEdge): Partial<EdgeDisplayData> {
    const graph = this.graph!;
    const look: Partial<EdgeDisplayData> = { ...data };
    const active =
      edge === this.hoveredEdge ||
      (this.selected?.kind === 'edge' && this.selected.key === edge) ||
      (this.hoveredNode !== null && graph.hasExtremity(edge, this.hoveredNode)) ||
      (!this.hoveredNode &&
        !this.hoveredEdge &&
        this.selected?.kind === 'node' &&
        graph.hasExtremity(edge, this.selected.key));
    if (active) {
      look.color = EDGE_HOVER;
      look.size = 4;
      look.zIndex = 1;
    } else if (this.focus()) look.color = MUTED;
    return look;
  }

  private listen(sigma: Sigma<ResultNode, ResultEdge>, graph: Graph<ResultNode, ResultEdge>): void {
    const refresh = () => sigma.refresh({ skipIndexation: true });
    const cursor = (value: string) => (this.canvas.style.cursor = value);
    sigma.on('enterNode', ({ node }) => {
      this.hoveredNode = node;
      cursor('pointer');
      refresh();
    });
    sigma.on('leaveNode', () => {
      this.hoveredNode = null;
      cursor('');
      refresh();
    });
    sigma.on('enterEdge', ({ edge }) => {
      this.hoveredEdge = edge;
      cursor('pointer');
      refresh();
    });
    sigma.on('leaveEdge', () => {
      this.hoveredEdge = null;
      cursor('');
      refresh();
    });
    sigma.on('clickNode', ({ node }) => {
      // The end of a drag is not a click.
      if (this.moved) return;
      this.select({ kind: 'node', key: node });
    });
    sigma.on('clickEdge', ({ edge }) => this.select({ kind: 'edge', key: edge }));
    sigma.on('clickStage', () => this.select(null));

    // Dragging a node moves it; the drag never pans the camera.
    sigma.on('downNode', ({ node, event }) => {
      if ((event.original as MouseEvent).button !== 0) return;
      this.dragged = node;
      this.moved = false;
      // A fixed frame while dragging, or sigma rescales the whole graph as the node leaves its bounds.
      if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
    });
    const captor = sigma.getMouseCaptor();
    captor.on('mousemovebody', (event) => {
      if (!this.dragged) return;
      const point = sigma.viewportToGraph(event);
      this.moved = true;
      graph.mergeNodeAttributes(this.dragged, { x: point.x, y: point.y });
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
    });
    const drop = () => {
      this.dragged = null;
      // clickNode comes after mouseup: let it see that this was a drag.
      setTimeout(() => (this.moved = false), 0);
    };
    captor.on('mouseup', drop);
    captor.on('mouseleave', drop);
  }

  private select(selection: { kind: 'node' | 'edge'; key: string } | null): void {
    this.selected = selection;
    const graph = this.graph;
    if (!selection || !graph) {
      this.inspector.hidden = true;
      this.inspector.replaceChildren();
      this.fit();
      return;
    }
    const close = h('button', {
      type: 'button',
      class: 'cypher__inspect-close',
      'aria-label': t('cypher.inspectClose'),
      text: '×',
      on: { click: () => this.select(null) },
    });
    let heading: HTMLElement;
    let properties: Record<string, Json>;
    if (selection.kind === 'node') {
      const a = graph.getNodeAttributes(selection.key);
      const badge = h('span', { class: 'value-chip__label', text: a.kind });
      badge.style.setProperty('--chip', labelColor(a.kind));
      heading = h('h3', { class: 'cypher__inspect-title' }, badge, ' ', a.label);
      properties = a.properties;
    } else {
      const a = graph.getEdgeAttributes(selection.key);
      const [source, target] = graph
        .extremities(selection.key)
        .map((n) => graph.getNodeAttribute(n, 'label'));
      heading = h(
        'h3',
        { class: 'cypher__inspect-title' },
        h('span', { class: 'value-chip__type', text: a.relType }),
        h('small', { class: 'muted', text: ` ${source} → ${target}` }),
      );
      properties = a.properties;
    }
    const keys = Object.keys(properties).sort();
    mount(
      this.inspector,
      close,
      heading,
      keys.length
        ? h(
            'dl',
            { class: 'value-chip__properties' },
            keys.flatMap((key) => [
              h('dt', { text: key }),
              h('dd', { text: propertyText(properties[key]!) }),
            ]),
          )
        : h('p', { class: 'muted', text: t('cypher.noProperties') }),
    );
    this.inspector.dataset.kind = selection.kind;
    this.inspector.hidden = false;
    this.fit();
  }

  /** The canvas narrows while the properties are shown beside it: sigma measures it again. */
  private fit(): void {
    this.sigma?.resize();
    this.sigma?.refresh({ skipIndexation: true });
  }

  private expose(): void {
    const sigma = this.sigma!;
    const graph = this.graph!;
    const page = (x: number, y: number) => {
      const box = sigma.getContainer().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    };
    const at = (node: string) => {
      const data = sigma.getNodeDisplayData(node);
      return data ? sigma.framedGraphToViewport(data) : null;
    };
    window.consoleGraph = {
      nodes: () => graph.nodes(),
      edges: () => graph.edges(),
      point: (key) => {
        if (graph.hasNode(key)) {
          const p = at(key);
          return p ? page(p.x, p.y) : null;
        }
        if (!graph.hasEdge(key)) return null;
        const [a, b] = graph.extremities(key).map(at);
        return a && b ? page((a.x + b.x) / 2, (a.y + b.y) / 2) : null;
      },
      color: (node) => (graph.hasNode(node) ? (sigma.getNodeDisplayData(node)?.color ?? null) : null),
      position: (node) =>
        graph.hasNode(node)
          ? { x: graph.getNodeAttribute(node, 'x'), y: graph.getNodeAttribute(node, 'y') }
          : null,
    };
  }
}
