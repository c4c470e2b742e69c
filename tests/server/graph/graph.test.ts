import { edgeKey, mainLabel as nodeLabel } from '../../../model/graph';
import { nodeSize } from '../../../model/names';
import { buildGraph, graphQuery, type NodeRow } from '../../../server/graph/graph';
import { startPosition } from '../../../server/graph/layout';

const layout = { version: 'v1', positions: new Map([['doc/m1', { x: 1, y: 2 }]]) };

function row(
  key: string,
  labels: string[],
  properties: NodeRow['properties'],
  out: NodeRow['out'] = [],
): NodeRow {
  return {
    key,
    labels,
    properties: { key, ...properties },
    degree: out.length,
    measures: 1,
    section: null,
    out,
  };
}

describe('buildGraph', () => {
  const rows = [
    row(
      'doc/m1',
      ['Measure'],
      {
        number: '1',
        text: '加快皇崗口岸改造，爭取推動實施更加便利的通關模式。',
        textAlt: '加快皇岗口岸改造…',
      },
      [
        {
          type: 'MENTIONS',
          target: '皇岗口岸',
          properties: { spans: [2, 6, 10, 12], surface: ['皇崗口岸'] },
        },
        { type: 'ASSIGNED_TO', target: 'not-in-view', properties: { lead: true } },
      ],
    ),
    row('皇岗口岸', ['Entity', 'Port'], { name: '皇崗口岸', aliases: ['皇崗口岸', '皇岗口岸'] }),
  ];

  it('makes graphology nodes with label, name, properties and a position', () => {
    const graph = buildGraph(rows, layout, { filters: { types: ['Port', 'Measure'] } });
    expect(graph.getAttributes()).toEqual({ filters: { types: ['Port', 'Measure'] }, layout: 'v1' });
    expect(graph.getNodeAttributes('doc/m1')).toMatchObject({
      label: 'Measure',
      name: '1. 加快皇崗口岸改造，爭取推動實施更加便利的通關模式…', // 24 characters and an ellipsis
      number: '1',
      x: 1,
      y: 2,
      size: nodeSize('Measure', 1),
    });
    // The other script's text is drawn by the content-script switch (issue 17).
    expect(graph.getNodeAttributes('doc/m1')).toHaveProperty('textAlt', '加快皇岗口岸改造…');
    expect(graph.getNodeAttributes('doc/m1')).not.toHaveProperty('key');
    expect(graph.getNodeAttributes('皇岗口岸')).toMatchObject({
      label: 'Port',
      name: '皇崗口岸',
      ...startPosition('皇岗口岸'),
    });
  });

  it('keeps edges between the rows only, with mention spans as pairs', () => {
    const graph = buildGraph(rows, layout);
    expect(graph.edges()).toEqual(['doc/m1-MENTIONS->皇岗口岸']);
    expect(graph.getEdgeAttributes('doc/m1-MENTIONS->皇岗口岸')).toEqual({
      type: 'MENTIONS',
      spans: [
        [2, 6],
        [10, 12],
      ],
      surface: ['皇崗口岸'],
    });
  });

  it('exports what Graph.from reads', () => {
    const json = buildGraph(rows, layout).export();
    expect(json.nodes.map((n) => n.key)).toEqual(['doc/m1', '皇岗口岸']);
    expect(json.options).toEqual({ type: 'directed', multi: true, allowSelfLoops: false });
  });
});

describe('graph helpers', () => {
  it('name edges as the ingest export does', () => {
    expect(edgeKey('doc/s1', 'HAS_MEASURE', 'doc/m1')).toBe('doc/s1->doc/m1');
    expect(edgeKey('doc/m1', 'MENTIONS', '香港')).toBe('doc/m1-MENTIONS->香港');
  });

  it('take the entity type as the label', () => {
    expect(nodeLabel(['Entity', 'City'])).toBe('City');
    expect(nodeLabel(['Port', 'Entity'])).toBe('Port');
    expect(nodeLabel(['Measure'])).toBe('Measure');
  });

  it('choose the statement by scope and pass every filter as a parameter', () => {
    const all = graphQuery({ types: ['Port'], minDegree: 2 });
    expect(all.cypher).toMatch(/^\s*MATCH \(n\) WHERE/);
    expect(all.params).toEqual({ types: ['Port'], document: null, section: null, minDegree: 2 });
    expect(graphQuery({ document: 'd' }).cypher).toContain('MATCH (d:Document {key: $document})');
    expect(graphQuery({ document: 'd', section: 's' }).cypher).toContain(
      'MATCH (root:Section {key: $section})',
    );
  });
});
