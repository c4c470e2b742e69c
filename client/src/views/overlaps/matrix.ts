/**
 * The overlap matrices, from the answers of the named queries `overlaps` (entities × sections) and
 * `unit-overlaps` (units × entities). Pure: rows and the result graph in, a matrix out.
 */
import type { SerializedGraph } from 'graphology-types';
import type { Span } from '../../../../model/spans';

export interface MeasureInfo {
  key: string;
  document: string;
  number: string;
  reference?: string;
  text: string;
}

export interface MatrixCell {
  row: string;
  column: string;
  measures: string[];
}

export interface Matrix {
  rows: { id: string; label: string; hint?: string }[];
  columns: { id: string; label: string; hint?: string }[];
  /** `${row}\u0000${column}` → cell */
  cells: Map<string, MatrixCell>;
  max: number;
  measures: Map<string, MeasureInfo>;
  /** `${measure}\u0000${entity}` → where the measure's text mentions the entity, [start, end] pairs. */
  mentions: Map<string, [number, number][]>;
  /** Which entity (graph key) a cell's mentions are of. */
  mentionOf: (cell: MatrixCell) => string | undefined;
}

export const cellKey = (row: string, column: string) => `${row}\u0000${column}`;

type Attrs = Record<string, unknown>;
const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** The graph's measures, by key, and the nodes' attributes. */
function indexGraph(graph: SerializedGraph) {
  const nodes = new Map<string, Attrs>();
  for (const node of graph.nodes ?? []) nodes.set(String(node.key), (node.attributes ?? {}) as Attrs);
  const measures = new Map<string, MeasureInfo>();
  const byNumber = new Map<string, string>();
  for (const [key, a] of nodes)
    if (a.label === 'Measure') {
      measures.set(key, {
        key,
        document: str(a.document),
        number: str(a.number),
        text: str(a.text),
      });
      byNumber.set(`${str(a.document)}#${str(a.number)}`, key);
    }
  const mentions = new Map<string, [number, number][]>();
  for (const edge of graph.edges ?? []) {
    const a = (edge.attributes ?? {}) as Attrs;
    if (a.type === 'MENTIONS')
      // A result graph's mention spans are pairs, as everywhere on the wire (model/spans.ts).
      mentions.set(cellKey(String(edge.source), String(edge.target)), (a.spans as Span[] | undefined) ?? []);
  }
  return { nodes, measures, byNumber, mentions };
}

const nodeName = (a: Attrs | undefined, key: string) => str(a?.name) || str(a?.title) || key;

interface OverlapRow {
  entity?: unknown;
  nameEn?: unknown;
  sides?: { document?: unknown; sectionNumber?: unknown; section?: unknown; measures?: unknown[] }[];
}

/** Entities (rows) × sections (columns); a cell holds the measures of that section naming that entity. */
export function sectionMatrix(rows: Record<string, unknown>[], graph: SerializedGraph): Matrix {
  const { nodes, measures, byNumber, mentions } = indexGraph(graph);
  const sectionOrdinal = new Map<string, number>();
  for (const a of nodes.values())
    if (a.label === 'Section')
      sectionOrdinal.set(`${str(a.document)}#${str(a.title ?? a.name)}`, Number(a.ordinal ?? 0));
  const entityKey = new Map<string, string>();
  for (const [key, a] of nodes)
    if (a.label !== 'Measure' && a.label !== 'Section' && a.label !== 'Document')
      entityKey.set(nodeName(a, key), key);
  const columns = new Map<
    string,
    { id: string; label: string; hint: string; document: string; order: number }
  >();
  const matrix: Matrix = {
    rows: [],
    columns: [],
    cells: new Map(),
    max: 0,
    measures,
    mentions,
    mentionOf: (cell) => entityKey.get(cell.row),
  };
  for (const raw of rows as OverlapRow[]) {
    const entity = str(raw.entity);
    if (!entity) continue;
    matrix.rows.push({ id: entity, label: entity, hint: str(raw.nameEn) || undefined });
    for (const side of raw.sides ?? []) {
      const document = str(side.document);
      const id = `${document}#${str(side.sectionNumber)}#${str(side.section)}`;
      if (!columns.has(id))
        columns.set(id, {
          id,
          label: side.section
            ? [str(side.sectionNumber), str(side.section)].filter(Boolean).join('、')
            : document,
          hint: document,
          document,
          order: sectionOrdinal.get(`${document}#${str(side.section)}`) ?? columns.size + 1000,
        });
      const keys = (side.measures ?? [])
        .map((n) => byNumber.get(`${document}#${str(n)}`) ?? `${document}#${str(n)}`)
        .filter((k, i, all) => all.indexOf(k) === i);
      matrix.cells.set(cellKey(entity, id), { row: entity, column: id, measures: keys });
      matrix.max = Math.max(matrix.max, keys.length);
    }
  }
  matrix.columns = [...columns.values()].sort(
    (a, b) => a.document.localeCompare(b.document) || a.order - b.order,
  );
  return matrix;
}

/**
 * Units (rows) × entities (columns) from `unit-overlaps`: a cell holds the measures assigned to the
 * unit that mention the entity (from the paths' ASSIGNED_TO and MENTIONS edges).
 */
export function unitMatrix(graph: SerializedGraph): Matrix {
  const { nodes, measures, mentions } = indexGraph(graph);
  const unitsOf = new Map<string, Set<string>>();
  const entitiesOf = new Map<string, Set<string>>();
  for (const edge of graph.edges ?? []) {
    const type = ((edge.attributes ?? {}) as Attrs).type;
    const [source, target] = [String(edge.source), String(edge.target)];
    const into = type === 'ASSIGNED_TO' ? unitsOf : type === 'MENTIONS' ? entitiesOf : null;
    if (!into || !measures.has(source)) continue;
    into.set(source, (into.get(source) ?? new Set()).add(target));
  }
  const matrix: Matrix = {
    rows: [],
    columns: [],
    cells: new Map(),
    max: 0,
    measures,
    mentions,
    mentionOf: (cell) => cell.column,
  };
  const rows = new Set<string>();
  const columns = new Set<string>();
  for (const [measure, units] of unitsOf)
    for (const unit of units)
      for (const entity of entitiesOf.get(measure) ?? []) {
        if (entity === unit) continue;
        rows.add(unit);
        columns.add(entity);
        const key = cellKey(unit, entity);
        const cell = matrix.cells.get(key) ?? { row: unit, column: entity, measures: [] };
        if (!cell.measures.includes(measure)) cell.measures.push(measure);
        matrix.cells.set(key, cell);
        matrix.max = Math.max(matrix.max, cell.measures.length);
      }
  const total = (id: string, axis: 'row' | 'column') =>
    [...matrix.cells.values()].filter((c) => c[axis] === id).reduce((n, c) => n + c.measures.length, 0);
  const named = (id: string) => ({
    id,
    label: nodeName(nodes.get(id), id),
    hint: str(nodes.get(id)?.nameEn) || undefined,
  });
  matrix.rows = [...rows].sort((a, b) => total(b, 'row') - total(a, 'row')).map(named);
  matrix.columns = [...columns].sort((a, b) => total(b, 'column') - total(a, 'column')).map(named);
  return matrix;
}
