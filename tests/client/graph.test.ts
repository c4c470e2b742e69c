/** The explorer's graph logic on small hand-made graphs: loading, visibility, provenance. */
import type { GraphResponse } from '../../model/api';
import { nodeSize } from '../../model/names';
import { loadGraph } from '../../client/src/core/graph/load';
import {
  groupByDocumentAndSection,
  measureContext,
  measuresTouching,
  segmentText,
  unitsOf,
} from '../../client/src/core/graph/provenance';
import { DETAILED_EDGES_MAX, EDGE_STYLES, edgeLook } from '../../client/src/core/graph/style';
import { DEFAULT_FILTERS, neighbourhood, visibleNodes } from '../../client/src/core/graph/visibility';

const D = 'doc';
/** One document, two sections (s1 ⊃ s1.1), three measures, a bridge, a port at the bridge, a city, a unit. */
function fixture() {
  /** As /api/graph sends it: the measures the node stands for and its size, counted by the server. */
  const node = (key: string, attributes: Record<string, unknown>, measures = 0) => ({
    key,
    attributes: { ...attributes, measures, size: nodeSize(String(attributes.label), measures) },
  });
  const edge = (source: string, type: string, target: string, extra: Record<string, unknown> = {}) => ({
    key: `${source}-${type}->${target}`,
    source,
    target,
    attributes: { type, ...extra },
  });
  return loadGraph(<GraphResponse>{
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    attributes: {},
    nodes: [
      node(D, { label: 'Document', name: '工作', x: 0, y: 0 }, 3),
      node('s1', { label: 'Section', name: '基建', number: '一', document: D, x: 1, y: 0 }, 2),
      node('s1.1', { label: 'Section', name: '口岸', number: '（一）', document: D, x: 2, y: 0 }, 2),
      node('s2', { label: 'Section', name: '金融', number: '二', document: D, x: 1, y: 1 }, 1),
      node(
        'm1',
        {
          label: 'Measure',
          number: '1',
          ordinal: 1,
          document: D,
          text: '研究港珠澳大橋口岸。',
          x: 3,
          y: 0,
        },
        1,
      ),
      node(
        'm2',
        {
          label: 'Measure',
          number: '2',
          ordinal: 2,
          document: D,
          text: '完善港珠澳大橋政策。',
          x: 3,
          y: 1,
        },
        1,
      ),
      node(
        'm3',
        { label: 'Measure', number: '3', ordinal: 3, document: D, text: '支持香港。', x: 3, y: 2 },
        1,
      ),
      node('bridge', { label: 'Port', name: '港珠澳大橋', aliases: ['港珠澳大桥'], x: 5, y: 0 }, 2),
      node('port', { label: 'Port', name: '港珠澳大橋口岸', x: 5, y: 1 }, 1),
      node('hk', { label: 'City', name: '香港' }, 1), // no position: placed near its neighbours
      node('unit', { label: 'Institution', name: '省交通運輸廳', x: 6, y: 3 }, 2),
      node('orphan', { label: 'Event', name: '論壇', x: 9, y: 9 }),
      node('odd', { label: 'NotALabel', x: 0, y: 0 }),
    ],
    edges: [
      edge(D, 'HAS_SECTION', 's1'),
      edge('s1', 'HAS_SECTION', 's1.1'),
      edge(D, 'HAS_SECTION', 's2'),
      edge('s1.1', 'HAS_MEASURE', 'm1'),
      edge('s1.1', 'HAS_MEASURE', 'm2'),
      edge('s2', 'HAS_MEASURE', 'm3'),
      edge('m1', 'MENTIONS', 'bridge', { spans: [[2, 7]] }),
      edge('m1', 'MENTIONS', 'port', { spans: [[2, 9]] }),
      edge('m2', 'MENTIONS', 'bridge', { spans: [[2, 7]] }),
      edge('m3', 'MENTIONS', 'hk', { spans: [[2, 4]] }),
      edge('m1', 'ASSIGNED_TO', 'unit', { lead: true }),
      edge('m2', 'ASSIGNED_TO', 'unit', { lead: false }),
      edge('port', 'LOCATED_IN', 'hk'),
      edge('m1', 'UNKNOWN_TYPE', 'hk'),
    ],
  });
}

describe('loading', () => {
  it('keeps known labels and types, places nodes without a position, takes counts and sizes from the server', () => {
    const graph = fixture();
    expect(graph.hasNode('odd')).toBe(false);
    expect(graph.hasEdge('m1-UNKNOWN_TYPE->hk')).toBe(false);
    expect(graph.getEdgeAttribute('m1-MENTIONS->port', 'spans')).toEqual([[2, 9]]);
    const hk = graph.getNodeAttributes('hk');
    expect(Number.isFinite(hk.x) && Number.isFinite(hk.y)).toBe(true);
    expect(graph.getNodeAttribute('bridge', 'measures')).toBe(2);
    expect(graph.getNodeAttribute('s1', 'measures')).toBe(2);
    expect(graph.getNodeAttribute(D, 'measures')).toBe(3);
    expect(graph.getNodeAttribute('bridge', 'size')).toBe(nodeSize('Port', 2));
    expect(graph.getNodeAttribute('bridge', 'size')).toBeGreaterThan(
      graph.getNodeAttribute('orphan', 'size'),
    );
    expect(graph.getNodeAttribute('bridge', 'color')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('visibility', () => {
  const scope = { ego: null, expanded: [], selected: null };

  it('shows everything by default', () => {
    const graph = fixture();
    expect(visibleNodes(graph, DEFAULT_FILTERS, scope).size).toBe(graph.order);
  });

  it('filters by label, section (with subsections and the entities touched) and degree', () => {
    const graph = fixture();
    const onlyPorts = visibleNodes(graph, { ...DEFAULT_FILTERS, labels: ['Port'] }, scope);
    expect([...onlyPorts].sort()).toEqual(['bridge', 'port']);
    const s1 = visibleNodes(graph, { ...DEFAULT_FILTERS, section: 's1' }, scope);
    expect([...s1].sort()).toEqual(['bridge', 'm1', 'm2', 'port', 's1', 's1.1', 'unit']);
    const degree = visibleNodes(graph, { ...DEFAULT_FILTERS, minDegree: 3 }, scope);
    expect(degree.has('orphan')).toBe(false);
    expect(degree.has('m1')).toBe(true);
  });

  it('keeps the selection, the ego centre and expanded nodes whatever the filters', () => {
    const graph = fixture();
    const visible = visibleNodes(
      graph,
      { ...DEFAULT_FILTERS, labels: [] },
      {
        ego: null,
        expanded: ['hk'],
        selected: 'bridge',
      },
    );
    expect([...visible].sort()).toEqual(['bridge', 'hk']);
  });

  it('limits the ego view to the hops walked over the shown relationship types', () => {
    const graph = fixture();
    expect([...neighbourhood(graph, 'bridge', 1)].sort()).toEqual(['bridge', 'm1', 'm2']);
    expect(neighbourhood(graph, 'bridge', 2).has('unit')).toBe(true);
    expect(neighbourhood(graph, 'bridge', 2, new Set(['MENTIONS'])).has('unit')).toBe(false);
    const ego = visibleNodes(graph, DEFAULT_FILTERS, {
      ego: { center: 'bridge', depth: 1 },
      expanded: [],
      selected: null,
    });
    expect([...ego].sort()).toEqual(['bridge', 'm1', 'm2']);
  });
});

describe('provenance', () => {
  it('puts a measure in its sections and document, with its mentions and units (lead first)', () => {
    const graph = fixture();
    const context = measureContext(graph, 'm1');
    expect(context.sections).toEqual(['s1', 's1.1']);
    expect(context.document).toBe(D);
    expect(context.mentions.map((m) => m.entity).sort()).toEqual(['bridge', 'port']);
    expect(context.units).toEqual([{ entity: 'unit', lead: true }]);
  });

  it('lists the measures touching an entity in reading order, grouped, with their units', () => {
    const graph = fixture();
    expect(measuresTouching(graph, 'bridge')).toEqual({ mentioned: ['m1', 'm2'], assigned: [] });
    expect(measuresTouching(graph, 'unit').assigned).toEqual(['m1', 'm2']);
    const contexts = ['m1', 'm2', 'm3'].map((m) => measureContext(graph, m));
    expect(groupByDocumentAndSection(contexts).map((g) => [g.section, g.measures.length])).toEqual([
      ['s1.1', 2],
      ['s2', 1],
    ]);
    expect(unitsOf(contexts)).toEqual([{ entity: 'unit', lead: 1, total: 2 }]);
  });

  it('cuts text at every mention boundary so overlapping mentions both keep their extent', () => {
    const segments = segmentText('研究港珠澳大橋口岸。', [
      { entity: 'bridge', spans: [[2, 7]] },
      { entity: 'port', spans: [[2, 9]] },
    ]);
    expect(segments.map((s) => [s.text, s.entities])).toEqual([
      ['研究', []],
      ['港珠澳大橋', ['bridge', 'port']],
      ['口岸', ['port']],
      ['。', []],
    ]);
    expect(segmentText('短', [{ entity: 'x', spans: [[0, 99]] }])).toEqual([
      { text: '短', start: 0, entities: ['x'] },
    ]);
  });
});

describe('edge level of detail', () => {
  it('draws every relationship type in its own look up to the limit', () => {
    expect(edgeLook('ASSIGNED_TO', DETAILED_EDGES_MAX, false)).toBe('curvedArrow');
    expect(edgeLook('MENTIONS', 400, false)).toBe('arrow');
    expect(edgeLook('HAS_MEASURE', 400, false)).toBe(EDGE_STYLES.HAS_MEASURE.look);
  });

  it('draws plain lines above it, except highlighted relationships', () => {
    const many = DETAILED_EDGES_MAX + 1;
    expect(edgeLook('ASSIGNED_TO', many, false)).toBe('plain');
    expect(edgeLook('MENTIONS', many, false)).toBe('plain');
    expect(edgeLook('ASSIGNED_TO', many, true)).toBe('curvedArrow');
    expect(edgeLook('MENTIONS', many, true)).toBe('arrow');
  });
});

describe('batched graph events', () => {
  it('calls a nodeAdded listener once per batch of nodes, after the batch', async () => {
    const { afterNodesAdded } = await import('../../client/src/core/graph/batched');
    const { default: Graph } = await import('graphology');
    const graph = new Graph();
    let calls = 0;
    let seen = 0;
    afterNodesAdded(graph, () => {
      calls++;
      seen = graph.order;
    });
    for (let i = 0; i < 1000; i++) graph.addNode(`n${i}`);
    expect(calls).toBe(0);
    await Promise.resolve();
    expect([calls, seen]).toEqual([1, 1000]);
    graph.addNode('late');
    await Promise.resolve();
    expect([calls, seen]).toEqual([2, 1001]);
  });
});
