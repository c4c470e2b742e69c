/** The graph statistics (degree, PageRank, Louvain) and the styling by attribute, on small known graphs. */
import type { GraphResponse } from '../../model/api';
import { loadGraph } from '../../client/src/core/graph/load';
import { NODE_COLORS } from '../../client/src/core/graph/style';
import { graphStats } from '../../client/src/views/graph/stats/metrics';
import {
  OTHER_COLOR,
  PALETTE,
  computeStyle,
  legendOf,
  ramp,
} from '../../client/src/views/graph/stats/styling';

/** Two triangles (a b c, d e f) joined by c → d; each node a City with `measures` = its index. */
function twoTriangles() {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
  const links: [string, string][] = [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'a'],
    ['d', 'e'],
    ['e', 'f'],
    ['f', 'd'],
    ['c', 'd'],
  ];
  return loadGraph(<GraphResponse>{
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    attributes: {},
    nodes: keys.map((key, i) => ({
      key,
      attributes: {
        label: 'City',
        name: key,
        measures: i,
        degree: 0,
        size: 5,
        x: i,
        y: i,
        year: 2018 + (i % 3),
      },
    })),
    edges: links.map(([source, target]) => ({
      key: `${source}-${target}`,
      source,
      target,
      attributes: { type: 'PART_OF' },
    })),
  });
}

describe('graph statistics', () => {
  it('counts, density, degree, PageRank and communities of two joined triangles', () => {
    const graph = twoTriangles();
    const stats = graphStats(graph);
    expect(stats.nodes).toBe(6);
    expect(stats.edges).toBe(7);
    expect(stats.density).toBeCloseTo(7 / 30, 10);
    expect(stats.degree.get('c')).toBe(3);
    expect(stats.degree.get('a')).toBe(2);
    const ranks = [...stats.pagerank.values()];
    expect(ranks.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
    // d is pointed at by f and by the bridge: the most central.
    expect(stats.top[0]).toBe('d');
    expect(stats.pagerank.get('d')!).toBeGreaterThan(stats.pagerank.get('a')!);
    expect(stats.communities).toBe(2);
    const c = stats.community;
    expect(c.get('a')).toBe(c.get('b'));
    expect(c.get('b')).toBe(c.get('c'));
    expect(c.get('d')).toBe(c.get('e'));
    expect(c.get('e')).toBe(c.get('f'));
    expect(c.get('a')).not.toBe(c.get('d'));
    // Numbered by size from 0, and the same on every run (seeded).
    expect(new Set(c.values())).toEqual(new Set([0, 1]));
    expect(graphStats(graph).community).toEqual(c);
  });

  it('counts only the visible nodes and the relationships shown', () => {
    const graph = twoTriangles();
    const stats = graphStats(graph, ['a', 'b', 'c', 'd'], (edge) => edge !== 'a-b');
    expect(stats.nodes).toBe(4);
    expect(stats.edges).toBe(3); // b→c, c→a, c→d
    expect(stats.degree.get('a')).toBe(1);
    expect(stats.pagerank.has('e')).toBe(false);
  });

  it('counts parallel relationships once', () => {
    const graph = twoTriangles();
    graph.addDirectedEdgeWithKey('c-d-again', 'c', 'd', { type: 'LOCATED_IN' });
    expect(graphStats(graph).edges).toBe(7);
  });
});

describe('styling by attribute', () => {
  it('colours by community with the palette, largest first, and says so in the legend', () => {
    const graph = twoTriangles();
    const stats = graphStats(graph);
    const style = computeStyle(graph, stats, graph.nodes(), { color: 'community', size: 'default' });
    expect(style.get('a')!.color).toBe(PALETTE[stats.community.get('a')!]);
    expect(style.get('a')!.color).toBe(style.get('b')!.color);
    expect(style.get('a')!.color).not.toBe(style.get('d')!.color);
    expect(style.get('a')!.size).toBe(5);
    const legend = legendOf(graph, stats, graph.nodes(), 'community', String, (i) => `C${i + 1}`);
    expect(legend).toEqual({
      kind: 'categories',
      entries: [
        { color: PALETTE[0], name: 'C1' },
        { color: PALETTE[1], name: 'C2' },
      ],
    });
  });

  it('colours a numeric attribute on a ramp from its lowest to its highest value, with the scale', () => {
    const graph = twoTriangles();
    const style = computeStyle(graph, null, graph.nodes(), { color: 'measures', size: 'default' });
    expect(style.get('a')!.color).toBe(ramp(0));
    expect(style.get('f')!.color).toBe(ramp(1));
    expect(ramp(0)).not.toBe(ramp(1));
    const legend = legendOf(graph, null, graph.nodes(), 'year', String, String);
    expect(legend).toMatchObject({ kind: 'scale', min: 2018, max: 2020 });
  });

  it('sizes by PageRank: the most central node is the largest; by type, the type colours', () => {
    const graph = twoTriangles();
    const stats = graphStats(graph);
    const style = computeStyle(graph, stats, graph.nodes(), { color: 'type', size: 'pagerank' });
    const sizes = graph.nodes().map((n) => style.get(n)!.size);
    expect(style.get('d')!.size).toBe(Math.max(...sizes));
    expect(Math.min(...sizes)).toBe(3);
    expect(style.get('d')!.size).toBe(24);
    expect(style.get('d')!.color).toBe(NODE_COLORS.City);
    // Without statistics a statistic's colour is the neutral one.
    expect(computeStyle(graph, null, ['a'], { color: 'pagerank', size: 'default' }).get('a')!.color).toBe(
      OTHER_COLOR,
    );
  });
});
