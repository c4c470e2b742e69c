import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { exportFile, flatAttributes, toCsv, toGexf, toGraphml } from '../../../server/export/export';

/** The shape /api/graph builds: a measure mentioning a port, with awkward characters on purpose. */
function sample(): Graph {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  graph.replaceAttributes({ layout: 'v1', filters: { types: ['Port'] } });
  graph.addNode('doc/m16', {
    label: 'Measure',
    name: '16. 支持兩地保險機構…',
    number: '16',
    ordinal: 16,
    text: '對經港珠澳大橋口岸進入廣東, "quoted" <tag> & more',
    actions: ['支持', '推動'],
    x: 1.5,
    y: -2.25,
    size: 5,
    degree: 9,
  });
  graph.addNode('港珠澳大桥', {
    label: 'Port',
    name: '港珠澳大橋',
    aliases: ['港珠澳大橋', '港珠澳大桥', 'HZMB'],
    nameEn: 'Hong Kong-Zhuhai-Macao Bridge',
    curated: true,
    nothing: null,
    x: 10,
    y: 20,
    size: 7.5,
    degree: 3,
  });
  graph.addDirectedEdgeWithKey('doc/m16-MENTIONS->港珠澳大桥', 'doc/m16', '港珠澳大桥', {
    type: 'MENTIONS',
    spans: [
      [3, 8],
      [20, 25],
    ],
    surface: ['港珠澳大橋'],
  });
  return graph;
}

describe('flatAttributes', () => {
  it('keeps scalars, joins lists with | and spans as start-end, drops nulls', () => {
    expect(
      flatAttributes({
        a: 1,
        b: 'x',
        c: true,
        d: ['p', 'q'],
        spans: [
          [1, 2],
          [3, 4],
        ],
        e: null,
        f: undefined,
      }),
    ).toEqual({ a: 1, b: 'x', c: true, d: 'p|q', spans: '1-2|3-4' });
  });
});

describe('GEXF', () => {
  it('parses back with graphology-gexf: nodes, edges, positions, names and types', () => {
    const parsed = parseGexf(Graph, toGexf(sample()));
    expect(parsed.order).toBe(2);
    expect(parsed.size).toBe(1);
    expect(parsed.getNodeAttributes('港珠澳大桥')).toMatchObject({
      label: '港珠澳大橋',
      type: 'Port',
      aliases: '港珠澳大橋|港珠澳大桥|HZMB',
      x: 10,
      y: 20,
      size: 7.5,
      curated: true,
    });
    expect(parsed.getNodeAttribute('doc/m16', 'text')).toBe(
      '對經港珠澳大橋口岸進入廣東, "quoted" <tag> & more',
    );
    const [edge] = parsed.edges();
    expect(parsed.getEdgeAttributes(edge!)).toMatchObject({ label: 'MENTIONS', spans: '3-8|20-25' });
    expect(parsed.source(edge!)).toBe('doc/m16');
  });
});

describe('GraphML', () => {
  it('parses back with graphology-graphml, with typed values', () => {
    const text = toGraphml(sample());
    expect(text).toMatch(/attr\.name="x" attr\.type="double"/);
    expect(text).toMatch(/attr\.name="ordinal" attr\.type="int"/);
    const parsed = parseGraphml(Graph, text);
    expect(parsed.order).toBe(2);
    expect(parsed.size).toBe(1);
    expect(parsed.getNodeAttributes('doc/m16')).toMatchObject({
      label: 'Measure',
      ordinal: 16,
      x: 1.5,
      y: -2.25,
      text: '對經港珠澳大橋口岸進入廣東, "quoted" <tag> & more',
    });
    expect(parsed.getNodeAttribute('港珠澳大桥', 'curated')).toBe(true);
    expect(parsed.getEdgeAttribute(parsed.edges()[0]!, 'type')).toBe('MENTIONS');
  });

  it('drops characters XML cannot hold', () => {
    const graph = new Graph();
    graph.addNode('n', { label: 'City', name: 'bad\u0001char' });
    expect(parseGraphml(Graph, toGraphml(graph)).getNodeAttribute('n', 'name')).toBe('badchar');
  });
});

describe('CSV', () => {
  it('writes nodes with key, label, name first, quoting what needs it, after a byte-order mark', () => {
    const text = toCsv(sample(), 'nodes');
    expect(text.startsWith('\uFEFFkey,label,name,')).toBe(true);
    const [header] = text.slice(1).split('\n');
    expect(header!.split(',')).toEqual([
      'key',
      'label',
      'name',
      'actions',
      'aliases',
      'curated',
      'degree',
      'nameEn',
      'number',
      'ordinal',
      'size',
      'text',
      'x',
      'y',
    ]);
    expect(text).toContain('"對經港珠澳大橋口岸進入廣東, ""quoted"" <tag> & more"');
  });

  it('writes edges with key, source, target, type first', () => {
    const lines = toCsv(sample(), 'edges').slice(1).trim().split('\n');
    expect(lines[0]).toBe('key,source,target,type,spans,surface');
    expect(lines[1]).toBe('doc/m16-MENTIONS->港珠澳大桥,doc/m16,港珠澳大桥,MENTIONS,3-8|20-25,港珠澳大橋');
  });
});

describe('exportFile', () => {
  it('names the file and its type', () => {
    expect(exportFile(sample(), 'json')).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      filename: 'policy-graph.json',
    });
    expect(JSON.parse(exportFile(sample(), 'json').body).nodes).toHaveLength(2);
    expect(exportFile(sample(), 'csv', 'edges').filename).toBe('policy-graph-edges.csv');
    expect(exportFile(sample(), 'gexf').contentType).toMatch(/^application\/gexf\+xml/);
    expect(exportFile(sample(), 'graphml').contentType).toMatch(/^application\/graphml\+xml/);
  });
});
