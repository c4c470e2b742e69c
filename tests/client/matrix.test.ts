/**
 * The overlap view's matrices on small hand-made answers of the named queries `overlaps` and
 * `unit-overlaps`: which rows and columns there are, in which order, and which measures each cell
 * holds.
 */
import type { SerializedGraph } from 'graphology-types';
import {
  cellCount,
  cellKey,
  collapseGroups,
  sectionMatrix,
  topColumns,
  unitMatrix,
  yearMatrix,
  type Matrix,
} from '../../client/src/views/overlaps/matrix';

const node = (key: string, attributes: Record<string, unknown>) => ({ key, attributes });
const edge = (source: string, type: string, target: string, extra: Record<string, unknown> = {}) => ({
  key: `${source}-${type}->${target}`,
  source,
  target,
  attributes: { type, ...extra },
});
const measure = (key: string, document: string, number: string, text: string) =>
  node(key, { label: 'Measure', document, number, text });

/** A result graph as /api/queries sends it: pairs for spans, every node's main label. */
function graph(nodes: SerializedGraph['nodes'], edges: SerializedGraph['edges']): SerializedGraph {
  return { attributes: {}, options: { type: 'directed', multi: true, allowSelfLoops: false }, nodes, edges };
}

describe('sectionMatrix (entities × sections)', () => {
  const result = graph(
    [
      node('d', { label: 'Document', title: 'Plan' }),
      node('d/s1', { label: 'Section', document: 'd', title: '基礎設施', ordinal: 1 }),
      node('d/s2', { label: 'Section', document: 'd', title: '金融合作', ordinal: 2 }),
      measure('d/m1', 'd', '1', '推進港珠澳大橋'),
      measure('d/m5', 'd', '5', '港珠澳大橋通關'),
      measure('d/m9', 'd', '9', '跨境金融'),
      node('bridge', { label: 'Infrastructure', name: '港珠澳大橋' }),
    ],
    [
      edge('d/m1', 'MENTIONS', 'bridge', { spans: [[2, 7]] }),
      edge('d/m5', 'MENTIONS', 'bridge', { spans: [[0, 5]] }),
    ],
  );
  // The query sends sections in the order it met them, not in the document's order.
  const rows = [
    {
      entity: '港珠澳大橋',
      nameEn: 'Hong Kong–Zhuhai–Macao Bridge',
      sides: [
        { document: 'd', sectionNumber: '二', section: '金融合作', measures: ['9', '9'] },
        { document: 'd', sectionNumber: '一', section: '基礎設施', measures: ['1', '5'] },
      ],
    },
    { entity: null, sides: [{ document: 'd', section: '基礎設施', measures: ['1'] }] },
    { entity: '深圳', sides: [{ document: 'other', section: null, measures: ['3'] }] },
  ];
  const matrix = sectionMatrix(rows, result);

  it('has a row per named entity, with its English name as the hint', () => {
    expect(matrix.rows).toEqual([
      { id: '港珠澳大橋', label: '港珠澳大橋', hint: 'Hong Kong–Zhuhai–Macao Bridge' },
      { id: '深圳', label: '深圳', hint: undefined },
    ]);
  });

  it('orders columns by document, then by the section’s place in it', () => {
    expect(matrix.columns.map((c) => c.label)).toEqual(['一、基礎設施', '二、金融合作', 'other']);
  });

  it('fills a cell with the measures’ graph keys, once each', () => {
    const infrastructure = matrix.columns[0]!.id;
    const finance = matrix.columns[1]!.id;
    expect(matrix.cells.get(cellKey('港珠澳大橋', infrastructure))?.measures).toEqual(['d/m1', 'd/m5']);
    expect(matrix.cells.get(cellKey('港珠澳大橋', finance))?.measures).toEqual(['d/m9']);
    expect(matrix.max).toBe(2);
  });

  it('keeps a measure that the result graph lacks under its document and number', () => {
    expect(matrix.cells.get(cellKey('深圳', matrix.columns[2]!.id))?.measures).toEqual(['other#3']);
  });

  it('knows where each measure mentions the row’s entity', () => {
    const cell = matrix.cells.get(cellKey('港珠澳大橋', matrix.columns[0]!.id))!;
    const entity = matrix.mentionOf(cell);
    expect(entity).toBe('bridge');
    expect(matrix.mentions.get(cellKey('d/m5', entity!))).toEqual([[0, 5]]);
    expect(matrix.measures.get('d/m5')).toEqual({
      key: 'd/m5',
      document: 'd',
      number: '5',
      text: '港珠澳大橋通關',
    });
  });
});

describe('unitMatrix (units × entities)', () => {
  const result = graph(
    [
      measure('d/m1', 'd', '1', '甲'),
      measure('d/m2', 'd', '2', '乙'),
      measure('d/m3', 'd', '3', '丙'),
      measure('d/m4', 'd', '4', '丁'),
      node('u1', { label: 'Institution', name: '運輸署', nameEn: 'Transport Department' }),
      node('u2', { label: 'Institution', name: '海關' }),
      node('bridge', { label: 'Infrastructure', name: '港珠澳大橋' }),
      node('port', { label: 'Port', name: '蓮塘口岸' }),
    ],
    [
      edge('d/m1', 'ASSIGNED_TO', 'u1'),
      edge('d/m1', 'MENTIONS', 'bridge', { spans: [[0, 1]] }),
      edge('d/m1', 'MENTIONS', 'u1', { spans: [[0, 1]] }), // a unit named in its own measure
      edge('d/m2', 'ASSIGNED_TO', 'u1'),
      edge('d/m2', 'ASSIGNED_TO', 'u2'),
      edge('d/m2', 'MENTIONS', 'bridge'),
      edge('d/m3', 'ASSIGNED_TO', 'u2'),
      edge('d/m3', 'MENTIONS', 'port'),
      edge('d/m4', 'ASSIGNED_TO', 'u2'),
      edge('d/m4', 'MENTIONS', 'port'),
      edge('u2', 'MENTIONS', 'port'), // not a measure: ignored
    ],
  );
  const matrix = unitMatrix(result);

  it('puts the measures assigned to a unit that mention an entity in their cell', () => {
    expect(matrix.cells.get(cellKey('u1', 'bridge'))?.measures).toEqual(['d/m1', 'd/m2']);
    expect(matrix.cells.get(cellKey('u2', 'bridge'))?.measures).toEqual(['d/m2']);
    expect(matrix.cells.get(cellKey('u2', 'port'))?.measures).toEqual(['d/m3', 'd/m4']);
    expect(matrix.cells.get(cellKey('u1', 'port'))).toBeUndefined();
    expect(matrix.max).toBe(2);
  });

  it('never pairs a unit with itself', () => {
    expect(matrix.cells.get(cellKey('u1', 'u1'))).toBeUndefined();
    expect(matrix.columns.map((c) => c.id)).not.toContain('u1');
  });

  it('orders rows and columns by how many measures they hold, named from the graph', () => {
    // u2 holds three (m2; m3, m4), u1 two; the bridge three measures, the port two.
    expect(matrix.rows).toEqual([
      { id: 'u2', label: '海關', hint: undefined },
      { id: 'u1', label: '運輸署', hint: 'Transport Department' },
    ]);
    expect(matrix.columns.map((c) => c.label)).toEqual(['港珠澳大橋', '蓮塘口岸']);
  });

  it('takes the cell’s entity from its column', () => {
    const cell = matrix.cells.get(cellKey('u1', 'bridge'))!;
    expect(matrix.mentionOf(cell)).toBe('bridge');
    expect(matrix.mentions.get(cellKey('d/m1', 'bridge'))).toEqual([[0, 1]]);
  });
});

describe('plans across years in the matrices', () => {
  const result = graph(
    [
      node('a', { label: 'Document', title: 'Plan A', year: 2021 }),
      node('b', { label: 'Document', title: 'Plan B', year: 2020 }),
      node('a/s1', { label: 'Section', document: 'a', title: '口岸', ordinal: 1 }),
      node('a/s2', { label: 'Section', document: 'a', title: '金融', ordinal: 2 }),
      node('b/s1', { label: 'Section', document: 'b', title: '口岸', ordinal: 1 }),
      measure('a/s1/m1', 'a', '一', '甲'),
      measure('a/s2/m1', 'a', '一', '乙'),
      measure('b/m1', 'b', '1', '丙'),
    ],
    [],
  );
  // Numbering restarts in each section of plan a: the keys tell its two measures 一 apart.
  const rows = [
    {
      entity: '港珠澳大橋',
      sides: [
        {
          document: 'a',
          year: 2021,
          sectionNumber: '一',
          section: '口岸',
          measures: ['一'],
          keys: ['a/s1/m1'],
        },
        {
          document: 'a',
          year: 2021,
          sectionNumber: '二',
          section: '金融',
          measures: ['一'],
          keys: ['a/s2/m1'],
        },
        { document: 'b', year: 2020, sectionNumber: '一', section: '口岸', measures: ['1'], keys: ['b/m1'] },
      ],
    },
  ];
  const matrix = sectionMatrix(rows, result);

  it('groups the sections under their plans, earlier years first, headed by year and title', () => {
    expect(matrix.groups.map((g) => [g.label, g.columns.length])).toEqual([
      ['2020 Plan B', 1],
      ['2021 Plan A', 2],
    ]);
    expect(matrix.columns.map((c) => c.group)).toEqual(['b', 'a', 'a']);
    expect(matrix.cells.get(cellKey('港珠澳大橋', matrix.columns[2]!.id))?.measures).toEqual(['a/s2/m1']);
  });

  it('folds a plan into one column holding all its measures, and leaves the matrix as it was', () => {
    const folded = collapseGroups(matrix, new Set(['a']));
    expect(folded.columns.map((c) => c.label)).toEqual(['一、口岸', '2021 Plan A']);
    expect(folded.cells.get(cellKey('港珠澳大橋', 'plan:a'))?.measures).toEqual(['a/s1/m1', 'a/s2/m1']);
    expect(folded.max).toBe(2);
    expect(matrix.columns).toHaveLength(3);
    expect(collapseGroups(matrix, new Set())).toBe(matrix);
  });

  it('reads entities × years from overlaps-by-year, years in order', () => {
    const years = yearMatrix(
      [
        {
          key: '港珠澳大桥',
          name: '港珠澳大橋',
          years: [
            { year: 2020, measures: ['b/m1'] },
            { year: 2021, measures: ['a/s1/m1', 'a/s2/m1'] },
          ],
        },
      ],
      result,
      'entities',
    );
    expect(years.columns.map((c) => c.label)).toEqual(['2020', '2021']);
    expect(years.cells.get(cellKey('港珠澳大桥', '2021'))?.measures).toEqual(['a/s1/m1', 'a/s2/m1']);
    expect(years.mentionOf(years.cells.get(cellKey('港珠澳大桥', '2020'))!)).toBe('港珠澳大桥');
    expect(yearMatrix([], result, 'units').rows).toEqual([]);
  });
});

describe('top-k answers: cells listing fewer measures than they count', () => {
  const result = graph([measure('a/m1', 'a', '1', '甲'), measure('b/m1', 'b', '1', '丙')], []);

  it('counts a side’s measureTotal, lists its keys, and heats by the count', () => {
    const matrix = sectionMatrix(
      [
        {
          entity: '香港',
          sides: [
            {
              document: 'a',
              year: 2021,
              sectionNumber: '一',
              section: '口岸',
              keys: ['a/m1'],
              measureTotal: 7,
            },
            {
              document: 'a',
              year: 2021,
              sectionNumber: '二',
              section: '金融',
              keys: ['a/m2'],
              measureTotal: 1,
            },
          ],
        },
      ],
      result,
    );
    const [first, second] = matrix.columns.map((c) => matrix.cells.get(cellKey('香港', c.id))!);
    expect(first).toEqual({ row: '香港', column: matrix.columns[0]!.id, measures: ['a/m1'], total: 7 });
    expect(cellCount(first!)).toBe(7);
    // Not cut: no total, as before the queries had totals.
    expect(second).toEqual({ row: '香港', column: matrix.columns[1]!.id, measures: ['a/m2'] });
    expect(cellCount(second!)).toBe(1);
    expect(matrix.max).toBe(7);

    const folded = collapseGroups(matrix, new Set(['a']));
    expect(folded.cells.get(cellKey('香港', 'plan:a'))).toMatchObject({
      measures: ['a/m1', 'a/m2'],
      total: 8,
    });
    expect(folded.max).toBe(8);
  });

  it('counts a year’s measureTotal in entities × years', () => {
    const matrix = yearMatrix(
      [
        {
          key: 'hk',
          name: '香港',
          years: [
            { year: 2020, measures: ['b/m1'], measureTotal: 40 },
            { year: 2021, measures: ['a/m1'], measureTotal: 1 },
          ],
        },
      ],
      result,
      'entities',
    );
    expect(cellCount(matrix.cells.get(cellKey('hk', '2020'))!)).toBe(40);
    expect(matrix.cells.get(cellKey('hk', '2021'))).toEqual({
      row: 'hk',
      column: '2021',
      measures: ['a/m1'],
    });
    expect(matrix.max).toBe(40);
  });
});

describe('topColumns: a screenful of columns out of a corpus’s thousands', () => {
  /** Rows A and B over columns c0…c5; column ci's cells count `counts[i]` measures in all. */
  function wide(counts: number[][]): Matrix {
    const matrix: Matrix = {
      rows: [
        { id: 'A', label: 'A' },
        { id: 'B', label: 'B' },
      ],
      columns: counts.map((_, i) => ({ id: `c${i}`, label: `c${i}`, group: i < 3 ? 'p1' : 'p2' })),
      groups: [
        { id: 'p1', label: 'p1', columns: ['c0', 'c1', 'c2'] },
        { id: 'p2', label: 'p2', columns: counts.slice(3).map((_, i) => `c${i + 3}`) },
      ],
      cells: new Map(),
      max: 0,
      measures: new Map(),
      mentions: new Map(),
      mentionOf: () => undefined,
    };
    counts.forEach((perRow, i) =>
      perRow.forEach((n, r) => {
        if (n === 0) return;
        const row = r === 0 ? 'A' : 'B';
        const cell = { row, column: `c${i}`, measures: [`m${i}${row}`], ...(n > 1 ? { total: n } : {}) };
        matrix.cells.set(cellKey(row, cell.column), cell);
        matrix.max = Math.max(matrix.max, n);
      }),
    );
    return matrix;
  }

  it('leaves a matrix that fits alone', () => {
    const matrix = wide([
      [1, 0],
      [0, 2],
    ]);
    expect(topColumns(matrix, 5)).toEqual({ matrix, omitted: { columns: 0, measures: 0 } });
  });

  it('keeps the columns counting the most measures (then touching more rows), in the matrix’s order', () => {
    const matrix = wide([
      [1, 0],
      [5, 0],
      [1, 1],
      [0, 1],
      [3, 4],
      [2, 0],
    ]);
    const { matrix: top, omitted } = topColumns(matrix, 3);
    expect(top.columns.map((c) => c.id)).toEqual(['c1', 'c2', 'c4']);
    expect(top.groups).toEqual([
      { id: 'p1', label: 'p1', columns: ['c1', 'c2'] },
      { id: 'p2', label: 'p2', columns: ['c4'] },
    ]);
    expect([...top.cells.values()].every((c) => ['c1', 'c2', 'c4'].includes(c.column))).toBe(true);
    expect(top.max).toBe(5);
    // Left out: c0 (1), c3 (1), c5 (2) measures.
    expect(omitted).toEqual({ columns: 3, measures: 4 });
    // The matrix itself is left as it was.
    expect(matrix.columns).toHaveLength(6);
  });

  it('drops a group whose columns were all left out', () => {
    const { matrix: top } = topColumns(
      wide([
        [4, 0],
        [3, 0],
        [2, 0],
        [1, 0],
      ]),
      3,
    );
    expect(top.groups.map((g) => g.id)).toEqual(['p1']);
  });
});
