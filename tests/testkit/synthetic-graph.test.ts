/** The synthetic graph generator shared by the client bench and the 10k-node browser test. */
import Graph from 'graphology';
import { loadGraph } from '../../client/src/core/graph/load';
import { syntheticGraph, syntheticStatements, type SyntheticGraph } from '../../testkit/synthetic-graph';

const STRUCTURE = ['Document', 'Section', 'Measure'];
const ENTITIES = ['City', 'Port', 'Institution', 'Policy', 'Zone', 'Program', 'Event'];
/** Relationship type → [source labels, target labels] of the data model (README, "The graph"). */
const MODEL: Record<string, [string[], string[]]> = {
  HAS_SECTION: [['Document', 'Section'], ['Section']],
  HAS_MEASURE: [['Section'], ['Measure']],
  MENTIONS: [['Measure'], ENTITIES],
  ASSIGNED_TO: [['Measure'], ['Institution']],
  LOCATED_IN: [ENTITIES, ['City']],
  PART_OF: [['City'], ['City']],
  IMPLEMENTS: [['Document'], ['Policy']],
  SIGNED_BY: [['Document'], ['Institution']],
};

const attrs = (item: { attributes?: Record<string, unknown> }) => item.attributes ?? {};

describe('syntheticGraph', () => {
  let small: SyntheticGraph;
  let tenK: SyntheticGraph;
  beforeAll(() => {
    small = syntheticGraph({ nodes: 1000, seed: 7, prefix: 'synthetic-test' });
    tenK = syntheticGraph({ nodes: 10_000, edges: 30_000, prefix: 'synthetic-10k' });
  });

  it('is deterministic: the same options give the same graph and statements, another seed another graph', () => {
    const again = syntheticGraph({ nodes: 1000, seed: 7, prefix: 'synthetic-test' });
    expect(JSON.stringify(again.json)).toBe(JSON.stringify(small.json));
    expect(JSON.stringify(syntheticStatements(again))).toBe(JSON.stringify(syntheticStatements(small)));
    const other = syntheticGraph({ nodes: 1000, seed: 8, prefix: 'synthetic-test' });
    expect(JSON.stringify(other.json)).not.toBe(JSON.stringify(small.json));
  });

  it.each([
    [100, undefined, 300],
    [1000, undefined, 3000],
    [2500, 6000, 6000],
    [10_000, 30_000, 30_000],
  ])('has exactly %i nodes and the edges asked for (%p → %i)', (nodes, edges, expected) => {
    const graph = nodes === 10_000 ? tenK : syntheticGraph({ nodes, edges });
    expect(graph.json.nodes).toHaveLength(nodes);
    expect(graph.json.edges).toHaveLength(expected);
    expect(graph.counts.nodes).toBe(nodes);
    expect(graph.counts.edges).toBe(expected);
  });

  it('refuses what the model cannot hold', () => {
    expect(() => syntheticGraph({ nodes: 50 })).toThrow(/at least 100/);
    expect(() => syntheticGraph({ nodes: 1000, edges: 900 })).toThrow(/do not fit/);
    expect(() => syntheticGraph({ nodes: 1000, prefix: 'a b' })).toThrow(/prefix/);
  });

  it('every edge joins two nodes of the graph, of the labels its type joins; keys are unique', () => {
    for (const graph of [small, tenK]) {
      const label = new Map(graph.json.nodes.map((n) => [n.key, String(attrs(n).label)]));
      expect(label.size).toBe(graph.json.nodes.length);
      const wrong = graph.json.edges.filter((edge) => {
        const [from, to] = MODEL[String(attrs(edge).type)] ?? [[], []];
        return (
          !from.includes(label.get(edge.source) ?? '') ||
          !to.includes(label.get(edge.target) ?? '') ||
          edge.source === edge.target
        );
      });
      expect(wrong).toEqual([]);
      const keys = new Set(graph.json.edges.map((edge) => edge.key));
      expect(keys.size).toBe(graph.json.edges.length);
    }
  });

  it('holds every label and relationship type of the data model, keys under the prefix', () => {
    expect(Object.keys(tenK.counts.labels).sort()).toEqual([...STRUCTURE, ...ENTITIES].sort());
    expect(Object.keys(tenK.counts.types).sort()).toEqual(Object.keys(MODEL).sort());
    expect(tenK.counts.labels.Document).toBe(10);
    expect(tenK.json.nodes.every((n) => n.key.startsWith('synthetic-10k/'))).toBe(true);
    expect(tenK.json.nodes.find((n) => n.key === tenK.sample.key)?.attributes?.name).toBe(tenK.sample.name);
  });

  it('is shaped as /api/graph serves it: positions, degree, measures, spans into the measure text', () => {
    const graph = Graph.from(small.json);
    expect(graph.type).toBe('directed');
    const wrong: string[] = [];
    graph.forEachNode((node, a) => {
      if (!Number.isFinite(a.x) || !Number.isFinite(a.y)) wrong.push(`${node}: no position`);
      if (a.degree !== graph.degree(node)) wrong.push(`${node}: degree`);
      // A measure carries its text in the other script, as long as the text (the content-script switch).
      if (a.label === 'Measure' && String(a.textAlt).length !== String(a.text).length)
        wrong.push(`${node}: textAlt`);
      if (a.label !== 'Measure' && 'textAlt' in a) wrong.push(`${node}: textAlt`);
      const measures = new Set(graph.filterInNeighbors(node, (_n, b) => b.label === 'Measure'));
      if (ENTITIES.includes(a.label) && a.measures !== measures.size) wrong.push(`${node}: measures`);
      if (a.label === 'Measure' && !graph.hasNode(a.section)) wrong.push(`${node}: section`);
    });
    // Every entity is touched by something: no isolated nodes.
    expect(graph.filterNodes((node) => graph.degree(node) === 0)).toEqual([]);
    graph.forEachEdge((edge, a, source, target) => {
      if (a.type !== 'MENTIONS') return;
      const text = String(graph.getNodeAttribute(source, 'text'));
      for (const [start, end] of a.spans as [number, number][])
        if (text.slice(start, end) !== graph.getNodeAttribute(target, 'name')) wrong.push(`${edge}: span`);
    });
    expect(wrong).toEqual([]);
  });

  it('loads whole into the explorer', () => {
    const graph = loadGraph(tenK.json);
    expect(graph.order).toBe(10_000);
    expect(graph.size).toBe(30_000);
  });

  it('writes through parameterised statements that cover every node and edge once', () => {
    const statements = syntheticStatements(tenK, 2000);
    const rows = (pattern: RegExp) =>
      statements.filter((s) => pattern.test(s.cypher)).reduce((n, s) => n + s.params.rows.length, 0);
    expect(rows(/CREATE \(n:/)).toBe(10_000);
    expect(rows(/CREATE \(a\)-\[r:/)).toBe(30_000);
    for (const { cypher, params } of statements) {
      expect(params.rows.length).toBeLessThanOrEqual(2000);
      expect(cypher).not.toContain('synthetic');
      expect(cypher).toMatch(/^UNWIND \$rows AS row /);
    }
  });
});
