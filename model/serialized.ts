/**
 * Writing graphology's serialized form (what `Graph#export` gives and `Graph.from` reads) without
 * building a Graph: the one builder behind the ingest export, /api/graph and the graphs of console
 * results. Nodes merge their attributes, edges are keyed by `edgeKey`, an edge whose ends are not
 * both present is left out, and an edge already present is not added twice.
 */
import type { Attributes, SerializedEdge, SerializedGraph, SerializedNode } from 'graphology-types';
import { edgeKey } from './graph';

export interface BuilderOptions {
  allowSelfLoops?: boolean;
}

export class SerializedGraphBuilder {
  private readonly nodes = new Map<string, Attributes>();
  private readonly edges = new Map<string, SerializedEdge>();
  private readonly allowSelfLoops: boolean;

  constructor({ allowSelfLoops = false }: BuilderOptions = {}) {
    this.allowSelfLoops = allowSelfLoops;
  }

  hasNode(key: string): boolean {
    return this.nodes.has(key);
  }

  hasEdge(key: string): boolean {
    return this.edges.has(key);
  }

  /** Adds the node, or merges `attributes` into the one already there. */
  mergeNode(key: string, attributes: Attributes): this {
    const existing = this.nodes.get(key);
    this.nodes.set(key, existing ? Object.assign(existing, attributes) : { ...attributes });
    return this;
  }

  /**
   * Adds `source -[type]-> target` under its `edgeKey` (or `fallbackKey` when that key is taken by
   * another relationship of the same two nodes); returns the key, or null when it was left out.
   */
  addEdge(
    source: string,
    type: string,
    target: string,
    attributes: Attributes,
    fallbackKey?: string,
  ): string | null {
    if (!this.nodes.has(source) || !this.nodes.has(target)) return null;
    if (source === target && !this.allowSelfLoops) return null;
    let key = edgeKey(source, type, target);
    if (this.edges.has(key)) {
      if (fallbackKey === undefined || this.edges.has(fallbackKey)) return null;
      key = fallbackKey;
    }
    this.edges.set(key, { key, source, target, attributes: { ...attributes, type } });
    return key;
  }

  get order(): number {
    return this.nodes.size;
  }

  toJSON(attributes: Attributes = {}): SerializedGraph {
    const nodes: SerializedNode[] = [];
    for (const [key, nodeAttributes] of this.nodes) nodes.push({ key, attributes: nodeAttributes });
    return {
      options: { type: 'directed', multi: true, allowSelfLoops: this.allowSelfLoops },
      attributes,
      nodes,
      edges: [...this.edges.values()],
    };
  }
}
