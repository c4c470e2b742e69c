import { computeLayout, positionOf, startPosition, type Structure } from '../../../server/data/layout';

/** A small graph: a hub with spokes, a chain, and an isolated node. */
function structure(): Structure {
  const nodes = ['hub', ...Array.from({ length: 8 }, (_, i) => `spoke${i}`), 'a', 'b', 'c', 'alone'];
  const edges: [string, string][] = [
    ...Array.from({ length: 8 }, (_, i): [string, string] => [`spoke${i}`, 'hub']),
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'hub'],
  ];
  return { nodes, edges };
}

describe('computeLayout', () => {
  it('places every node at a finite, spread-out point', () => {
    const positions = computeLayout(structure());
    expect([...positions.keys()].sort()).toEqual([...structure().nodes].sort());
    for (const { x, y } of positions.values()) {
      expect(Number.isFinite(x)).toBe(true);
      expect(Number.isFinite(y)).toBe(true);
    }
    const distinct = new Set([...positions.values()].map(({ x, y }) => `${x},${y}`));
    expect(distinct.size).toBe(positions.size);
  });

  it('is deterministic, whatever order the nodes and edges come in', () => {
    const first = computeLayout(structure());
    const shuffled = structure();
    shuffled.nodes.reverse();
    shuffled.edges.reverse();
    expect(computeLayout(shuffled)).toEqual(first);
    expect(computeLayout(structure())).toEqual(first);
  });

  it('pulls connected nodes closer than unconnected ones', () => {
    const p = computeLayout(structure());
    const distance = (a: string, b: string) =>
      Math.hypot(p.get(a)!.x - p.get(b)!.x, p.get(a)!.y - p.get(b)!.y);
    expect(distance('spoke0', 'hub')).toBeLessThan(distance('spoke0', 'alone'));
  });

  it('ignores edges to unknown nodes and handles an empty graph', () => {
    expect(computeLayout({ nodes: ['x'], edges: [['x', 'missing']] }).size).toBe(1);
    expect(computeLayout({ nodes: [], edges: [] }).size).toBe(0);
  });
});

describe('startPosition', () => {
  it('depends on the key alone and stays within ±100', () => {
    expect(startPosition('港珠澳大桥')).toEqual(startPosition('港珠澳大桥'));
    expect(startPosition('a')).not.toEqual(startPosition('b'));
    for (const key of ['a', 'b', '香港', 'doc/m16']) {
      const { x, y } = startPosition(key);
      expect(Math.abs(x)).toBeLessThanOrEqual(100);
      expect(Math.abs(y)).toBeLessThanOrEqual(100);
    }
  });

  it('stands in for nodes newer than the layout', () => {
    const layout = { version: 'v', positions: new Map([['known', { x: 1, y: 2 }]]) };
    expect(positionOf(layout, 'known')).toEqual({ x: 1, y: 2 });
    expect(positionOf(layout, 'new')).toEqual(startPosition('new'));
  });
});
