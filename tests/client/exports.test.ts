/** The exports' pure parts (CSV tables, citations, SVG) and the measures' short labels, without a browser. */
import { parseCsv } from '../../testkit/csv';
import type { GraphResponse } from '../../model/api';
import { loadGraph } from '../../client/src/core/graph/load';
import { firstClause, measureShortLabel } from '../../client/src/core/graph/labels';
import { graphSvg } from '../../client/src/core/export/svg';
import {
  citation,
  edgesCsv,
  measuresCsv,
  measuresText,
  nodesCsv,
  selectionMeasures,
} from '../../client/src/core/export/tables';
import { approximateWidth, overlaps } from '../../client/src/views/graph/labels/collision';
import { applyContentScript, loadConverter } from '../../client/src/core/script/convert';

// The client imports csv-stringify's browser build (ESM, which this CommonJS jest cannot load); the
// Node build is the same code.
jest.mock('csv-stringify/browser/esm/sync', () => jest.requireActual('csv-stringify/sync'));

const TEXT_16 = '支持兩地保險機構合作開發跨境醫療保險產品，便利兩地居民。';
const TEXT_3 = '推進港珠澳大橋通關便利化。';

function fixture() {
  const node = (key: string, attributes: Record<string, unknown>) => ({
    key,
    attributes: { measures: 1, degree: 1, size: 4, x: 0, y: 0, ...attributes },
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
      node('doc', { label: 'Document', name: '2020 年重點工作', title: '2020 年重點工作', year: 2020 }),
      node('s3', { label: 'Section', name: '三', number: '三', title: '促進現代服務業合作' }),
      node('s3.1', { label: 'Section', name: '（一）', number: '一', title: '金融業合作', level: 2 }),
      node('m16', {
        label: 'Measure',
        name: 'x',
        reference: '三（一）16',
        number: '16',
        text: TEXT_16,
        year: 2020,
        ordinal: 20,
      }),
      node('m3', {
        label: 'Measure',
        name: 'y',
        reference: '三3',
        number: '3',
        text: TEXT_3,
        year: 2020,
        ordinal: 3,
      }),
      node('bridge', { label: 'Infrastructure', name: '港珠澳大橋' }),
      node('unit', { label: 'Institution', name: '"Comma, Inc."' }),
    ],
    edges: [
      edge('doc', 'HAS_SECTION', 's3'),
      edge('s3', 'HAS_SECTION', 's3.1'),
      edge('s3.1', 'HAS_MEASURE', 'm16'),
      edge('s3', 'HAS_MEASURE', 'm3'),
      edge('m3', 'MENTIONS', 'bridge', { surface: ['港珠澳大橋'], spans: [[2, 7]] }),
      edge('m16', 'ASSIGNED_TO', 'unit', { lead: true }),
    ],
  });
}

const rows = parseCsv;

describe('measure labels', () => {
  it('are the reference and the first clause, cut to a few characters', () => {
    expect(firstClause(TEXT_16)).toBe('支持兩地保險機構合作…');
    expect(firstClause(TEXT_3)).toBe('推進港珠澳大橋通關便…');
    expect(firstClause('短句；第二句')).toBe('短句');
    const graph = fixture();
    expect(graph.getNodeAttribute('m16', 'shortLabel')).toBe('三（一）16 支持兩地保險機構合作…');
    expect(measureShortLabel({ number: '4', text: '' })).toBe('4');
    expect(graph.getNodeAttribute('bridge', 'shortLabel')).toBeUndefined();
  });
});

describe('CSV exports', () => {
  it('nodes: one row per node with its type and name', () => {
    const graph = fixture();
    const table = rows(nodesCsv(graph, ['bridge', 'unit', 'missing']));
    expect(table).toEqual([
      expect.objectContaining({ key: 'bridge', type: 'Infrastructure', name: '港珠澳大橋' }),
      expect.objectContaining({ key: 'unit', type: 'Institution', name: '"Comma, Inc."' }),
    ]);
  });

  it('never write a cell a spreadsheet would run as a formula (names and measures come from documents)', () => {
    const graph = fixture();
    graph.addNode('evil', { label: 'Institution', name: '=HYPERLINK("http://x","y")' } as never);
    graph.addNode('plus', { label: 'Institution', name: '+1-2' } as never);
    const table = rows(nodesCsv(graph, ['evil', 'plus', 'bridge']));
    expect(table.map((r) => r.name)).toEqual(['\'=HYPERLINK("http://x","y")', "'+1-2", '港珠澳大橋']);
  });

  it('edges: source, target, type and key properties, quoted where needed', () => {
    const graph = fixture();
    const table = rows(edgesCsv(graph, graph.edges()));
    expect(table).toHaveLength(6);
    expect(table).toContainEqual({
      source: 'm3',
      source_name: 'y',
      target: 'bridge',
      target_name: '港珠澳大橋',
      type: 'MENTIONS',
      lead: '',
      surface: '港珠澳大橋',
    });
    expect(table).toContainEqual(expect.objectContaining({ target_name: '"Comma, Inc."', lead: 'true' }));
  });
});

describe('the measures of a selection', () => {
  it('an entity: the measures touching it; a document: every measure under it, in reference order', () => {
    const graph = fixture();
    expect(selectionMeasures(graph, ['bridge']).map((m) => m.key)).toEqual(['m3']);
    const all = selectionMeasures(graph, ['doc']);
    expect(all.map((m) => m.key)).toEqual(['m3', 'm16']);
    expect(all[1]).toEqual({
      key: 'm16',
      document: '2020 年重點工作',
      year: 2020,
      reference: '三（一）16',
      text: TEXT_16,
      script: '',
      ordinal: 20,
    });
    expect(selectionMeasures(graph, ['m16']).map((m) => m.key)).toEqual(['m16']);
  });

  it('as CSV (document, year, reference, text) and as one citation a line', () => {
    const graph = fixture();
    const measures = selectionMeasures(graph, ['doc']);
    expect(rows(measuresCsv(measures))).toEqual([
      { document: '2020 年重點工作', year: '2020', reference: '三3', text: TEXT_3, script: '', key: 'm3' },
      {
        document: '2020 年重點工作',
        year: '2020',
        reference: '三（一）16',
        text: TEXT_16,
        script: '',
        key: 'm16',
      },
    ]);
    expect(citation(measures[0]!)).toBe(`《2020 年重點工作》 (2020), 三3: ${TEXT_3}`);
    expect(measuresText(measures).split('\n')).toHaveLength(3);
  });
});

describe('SVG export', () => {
  it('escapes names and draws circles, lines, labels, legend and source', () => {
    const svg = graphSvg({
      width: 200,
      height: 100,
      title: 'A <b> & "c"',
      source: 'Policy graph explorer · 2020 · 2026-01-01',
      nodes: [
        { key: 'n1', x: 10, y: 20, size: 4, color: '#f00', label: '港珠澳大橋', name: '港珠澳大橋 & co' },
      ],
      edges: [{ x1: 0, y1: 0, x2: 10, y2: 20, color: '#ccc', size: 1 }],
      legend: [{ color: '#f00', name: 'City' }],
      font: 'sans-serif',
    });
    expect(svg).toContain('<circle cx="10" cy="20" r="4" fill="#f00"');
    expect(svg).toContain('>港珠澳大橋</text>');
    expect(svg).toContain('<title>港珠澳大橋 &#38; co</title>');
    expect(svg).toContain('A &#60;b&#62; &#38; &#34;c&#34;');
    expect(svg).toContain('<line x1="0" y1="0" x2="10" y2="20"');
    expect(svg).toContain('>City</text>');
    expect(svg).toContain('Policy graph explorer · 2020 · 2026-01-01');
  });
});

describe('label collisions', () => {
  it('CJK characters are as wide as the font size, Latin narrower; boxes overlap only when they cross', () => {
    expect(approximateWidth('港珠澳', 10)).toBe(30);
    expect(approximateWidth('ab', 10)).toBeCloseTo(11.6);
    const a = { x1: 0, y1: 0, x2: 10, y2: 10 };
    expect(overlaps(a, { x1: 5, y1: 5, x2: 15, y2: 15 })).toBe(true);
    expect(overlaps(a, { x1: 10, y1: 0, x2: 20, y2: 10 })).toBe(false);
  });
});

describe('the measures of a selection in another script', () => {
  afterEach(() => applyContentScript({ lang: 'en' }));

  it('exports what is shown: the texts in Simplified, the title converted, and says so', async () => {
    const graph = fixture();
    graph.setNodeAttribute('doc', 'script', 'traditional');
    graph.setNodeAttribute('m3', 'textAlt', '推进港珠澳大桥通关便利化。');
    await loadConverter('simplified');
    applyContentScript({ lang: 'en', script: 'simplified' });
    const [m3] = selectionMeasures(graph, ['bridge']);
    expect(m3).toMatchObject({
      text: '推进港珠澳大桥通关便利化。',
      script: 'simplified',
      document: '2020 年重点工作',
    });
    expect(rows(measuresCsv([m3!]))[0]).toMatchObject({
      text: '推进港珠澳大桥通关便利化。',
      script: 'simplified',
    });
    expect(measuresText([m3!], 'Script: 简体 Simplified').trimEnd().split('\n').at(-1)).toBe(
      'Script: 简体 Simplified',
    );
    applyContentScript({ lang: 'en', script: 'written' });
    expect(selectionMeasures(graph, ['bridge'])[0]).toMatchObject({ text: TEXT_3, script: 'traditional' });
  });
});
