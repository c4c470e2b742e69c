/**
 * The node list's rows (client/src/views/graph/node-list/rows.ts): only the visible nodes, each with
 * its name, type and degree in the loaded graph, in the three orders; and what sorting 10,000 costs.
 */
import { createGraph } from '../../client/src/core/graph/load';
import { nodeName } from '../../client/src/core/graph/provenance';
import type { NodeAttributes } from '../../client/src/core/graph/schema';
import { nodeRows } from '../../client/src/views/graph/node-list/rows';

const collator = new Intl.Collator('en');
const named = (graph: ReturnType<typeof createGraph>) => (key: string) =>
  nodeName(graph.getNodeAttributes(key));

function graphOf(nodes: [string, Partial<NodeAttributes>][], edges: [string, string][]) {
  const graph = createGraph();
  for (const [key, a] of nodes)
    graph.addNode(key, {
      name: key,
      degree: 0,
      measures: 0,
      size: 1,
      x: 0,
      y: 0,
      color: '#000',
      ...a,
    } as NodeAttributes);
  for (const [source, target] of edges) graph.addEdge(source, target, { type: 'LOCATED_IN' });
  return graph;
}

describe('node list rows', () => {
  const graph = graphOf(
    [
      ['port-b', { label: 'Port', name: 'Bravo port' }],
      ['city-z', { label: 'City', name: 'Zulu' }],
      ['city-a', { label: 'City', name: 'alpha' }],
      ['port-hidden', { label: 'Port', name: 'Hidden' }],
    ],
    [
      ['port-b', 'city-z'],
      ['port-b', 'city-a'],
      ['port-hidden', 'city-z'],
    ],
  );
  const visible = new Set(['port-b', 'city-z', 'city-a']);

  it('lists only the visible nodes, with type and degree', () => {
    const rows = nodeRows(graph, visible, 'type', collator, named(graph));
    expect(rows).toEqual([
      { key: 'city-a', name: 'alpha', label: 'City', degree: 1 },
      { key: 'city-z', name: 'Zulu', label: 'City', degree: 2 },
      { key: 'port-b', name: 'Bravo port', label: 'Port', degree: 2 },
    ]);
  });

  it('sorts by name and by degree (most connected first, ties by name)', () => {
    expect(nodeRows(graph, visible, 'name', collator, named(graph)).map((r) => r.key)).toEqual([
      'city-a',
      'port-b',
      'city-z',
    ]);
    expect(nodeRows(graph, visible, 'degree', collator, named(graph)).map((r) => r.key)).toEqual([
      'port-b',
      'city-z',
      'city-a',
    ]);
  });

  it('skips keys the graph no longer has', () => {
    expect(nodeRows(graph, ['gone', 'city-a'], 'name', collator, named(graph)).map((r) => r.key)).toEqual([
      'city-a',
    ]);
  });

  it('sorts 10,000 nodes (time printed for the record)', () => {
    const labels = ['City', 'Port', 'Institution', 'Policy'] as const;
    const big = graphOf(
      Array.from({ length: 10_000 }, (_, i) => [
        `n${i}`,
        { label: labels[i % labels.length], name: `節點 ${(i * 7919) % 10_000}` },
      ]),
      Array.from({ length: 30_000 }, (_, i) => [`n${i % 10_000}`, `n${(i * 31 + 7) % 10_000}`]),
    );
    const started = performance.now();
    const rows = nodeRows(big, big.nodes(), 'type', new Intl.Collator('zh-Hant'), named(big));
    console.log(`node list: 10,000 rows sorted by type in ${(performance.now() - started).toFixed(0)} ms`);
    expect(rows).toHaveLength(10_000);
    const order = rows.map((row) => labels.indexOf(row.label as (typeof labels)[number]));
    expect(order.every((type, i) => i === 0 || order[i - 1]! <= type)).toBe(true);
  });
});
