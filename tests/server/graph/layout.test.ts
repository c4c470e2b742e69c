import {
  computeLayout,
  computeLayoutOffThread,
  LARGE_GRAPH_NODES,
  layoutOf,
  OFF_THREAD_NODES,
  positionOf,
  startPosition,
  type Structure,
} from '../../../server/graph/layout';

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

  it('separates the communities of a graph above LARGE_GRAPH_NODES in its fewer iterations', () => {
    // Two communities of 1001 nodes, each edge within one, and a single bridge between them.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const size = 1001;
    const nodes = [
      ...Array.from({ length: size }, (_, i) => `a${i}`),
      ...Array.from({ length: size }, (_, i) => `b${i}`),
    ];
    const edges: [string, string][] = [['a0', 'b0']];
    for (const side of ['a', 'b'])
      for (let i = 1; i < size; i++)
        for (let k = 0; k < 2; k++) edges.push([`${side}${i}`, `${side}${Math.floor(random() * i)}`]);
    expect(nodes.length).toBeGreaterThan(LARGE_GRAPH_NODES);
    const p = computeLayout({ nodes, edges });
    expect(p.size).toBe(nodes.length);
    const centre = (side: string) => {
      const points = nodes.filter((n) => n.startsWith(side)).map((n) => p.get(n)!);
      return {
        x: points.reduce((sum, q) => sum + q.x, 0) / points.length,
        y: points.reduce((sum, q) => sum + q.y, 0) / points.length,
        spread: Math.sqrt(points.reduce((sum, q) => sum + q.x ** 2 + q.y ** 2, 0) / points.length),
      };
    };
    const [a, b] = [centre('a'), centre('b')];
    const spreadA = Math.sqrt(Math.max(0, a.spread ** 2 - a.x ** 2 - a.y ** 2));
    const spreadB = Math.sqrt(Math.max(0, b.spread ** 2 - b.x ** 2 - b.y ** 2));
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(spreadA + spreadB);
  });

  it('ignores edges to unknown nodes and handles an empty graph', () => {
    expect(computeLayout({ nodes: ['x'], edges: [['x', 'missing']] }).size).toBe(1);
    expect(computeLayout({ nodes: [], edges: [] }).size).toBe(0);
  });
});

describe('layoutOf', () => {
  /** A tree of `size` nodes, each joined to an earlier one. */
  const tree = (size: number): Structure => {
    const nodes = Array.from({ length: size }, (_, i) => `n${i}`);
    const edges = nodes.slice(1).map((n, i): [string, string] => [n, nodes[Math.floor(i / 3)]!]);
    return { nodes, edges };
  };

  /** How many turns the event loop takes while `work` runs: a handful if `work` blocks it. */
  async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
    let turns = 0;
    let running = true;
    const turn = () => {
      turns++;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    try {
      return { result: await work(), turns };
    } finally {
      running = false;
    }
  }

  it('lays out a graph above OFF_THREAD_NODES in a worker thread: the same positions, and the event loop keeps turning', async () => {
    const large = tree(OFF_THREAD_NODES + 1);
    const { result: positions, turns } = await turnsDuring(() => layoutOf(large));
    expect(turns).toBeGreaterThan(20);
    expect(positions.size).toBe(large.nodes.length);
    expect(positions).toEqual(computeLayout(large));
  });

  it('queues layouts asked for together in the one worker, and reports a failed layout without losing the worker', async () => {
    const [a, b] = [tree(OFF_THREAD_NODES + 1), tree(OFF_THREAD_NODES + 2)];
    const [pa, pb] = await Promise.all([computeLayoutOffThread(a), computeLayoutOffThread(b)]);
    expect(pa).toEqual(computeLayout(a));
    expect(pb).toEqual(computeLayout(b));
    const broken = { nodes: ['x'], edges: null } as unknown as Structure;
    await expect(computeLayoutOffThread(broken)).rejects.toThrow(/The layout failed/);
    expect(await computeLayoutOffThread(tree(3))).toEqual(computeLayout(tree(3)));
  });

  it('lays out a small graph in this thread, without starting a worker', async () => {
    const small = tree(50);
    const { result: positions, turns } = await turnsDuring(() => layoutOf(small));
    expect(turns).toBe(0);
    expect(positions).toEqual(computeLayout(small));
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
