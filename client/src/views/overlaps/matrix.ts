/**
 * The overlap matrices, from the answers of the named queries `overlaps` (entities × sections, the
 * sections grouped by plan in year order), `unit-overlaps` (units × entities) and `overlaps-by-year`
 * (entities or units × years). Pure: rows and the result graph in, a matrix out.
 *
 * The queries answer top-k with totals: a cell lists the measures a row's share allowed
 * (`maxMeasures`) and knows how many there are (`measureTotal`); and the result graph holds the
 * paths of a few of them only (`maxPaths`), so a listed measure may be missing from `measures`.
 */
import type { SerializedGraph } from 'graphology-types';
import type { Span } from '../../../../model/spans';
import { planName } from '../../../../model/names';

export interface MeasureInfo {
  key: string;
  document: string;
  number: string;
  reference?: string;
  year?: number;
  text: string;
}

export interface MatrixCell {
  row: string;
  column: string;
  /** The measures listed (graph keys). */
  measures: string[];
  /** How many measures are behind the cell, when more than are listed. */
  total?: number;
}

/** How many measures are behind a cell: all of them, listed or not. */
export const cellCount = (cell: MatrixCell): number => Math.max(cell.measures.length, cell.total ?? 0);

/** A cell, with `total` only when the query listed fewer measures than there are. */
function makeCell(row: string, column: string, measures: string[], total: unknown): MatrixCell {
  const cell: MatrixCell = { row, column, measures };
  if (typeof total === 'number' && total > measures.length) cell.total = total;
  return cell;
}

export interface MatrixColumn {
  id: string;
  label: string;
  hint?: string;
  /** The plan the column belongs to (entities × sections), for the grouped header. */
  group?: string;
}

/** A plan's columns under one header: its year and title; a collapsed group is one column. */
export interface ColumnGroup {
  id: string;
  label: string;
  columns: string[];
}

export interface Matrix {
  rows: { id: string; label: string; hint?: string }[];
  columns: MatrixColumn[];
  /** Column groups in order (entities × sections: one per plan); empty when columns are not grouped. */
  groups: ColumnGroup[];
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
        reference: str(a.reference) || undefined,
        year: typeof a.year === 'number' ? a.year : undefined,
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
  sides?: {
    document?: unknown;
    year?: unknown;
    sectionNumber?: unknown;
    section?: unknown;
    measures?: unknown[];
    keys?: unknown[];
    measureTotal?: unknown;
  }[];
}

/** A plan as a group header: `2020 實施《粵港合作框架協議》2020 年重點工作`. */
function planLabel(nodes: Map<string, Attrs>, document: string): string {
  const a = nodes.get(document);
  return planName({
    key: document,
    title: str(a?.title) || str(a?.name),
    year: typeof a?.year === 'number' ? a.year : null,
  });
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
    { id: string; label: string; hint: string; group: string; year: number; order: number }
  >();
  const matrix: Matrix = {
    rows: [],
    columns: [],
    groups: [],
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
            : planLabel(nodes, document),
          hint: planLabel(nodes, document),
          group: document,
          year: typeof side.year === 'number' ? side.year : Number.MAX_SAFE_INTEGER,
          order: sectionOrdinal.get(`${document}#${str(side.section)}`) ?? columns.size + 1000,
        });
      // Keys when the query gives them (numbers repeat where numbering restarts), else by number.
      const keys = (
        side.keys?.length
          ? side.keys.map(str)
          : (side.measures ?? []).map((n) => byNumber.get(`${document}#${str(n)}`) ?? `${document}#${str(n)}`)
      ).filter((k, i, all) => all.indexOf(k) === i);
      const cell = makeCell(entity, id, keys, side.measureTotal);
      matrix.cells.set(cellKey(entity, id), cell);
      matrix.max = Math.max(matrix.max, cellCount(cell));
    }
  }
  const sorted = [...columns.values()].sort(
    (a, b) => a.year - b.year || a.group.localeCompare(b.group) || a.order - b.order,
  );
  matrix.columns = sorted.map(({ id, label, hint, group }) => ({ id, label, hint, group }));
  for (const column of sorted) {
    const last = matrix.groups[matrix.groups.length - 1];
    if (last?.id === column.group) last.columns.push(column.id);
    else
      matrix.groups.push({ id: column.group, label: planLabel(nodes, column.group), columns: [column.id] });
  }
  return matrix;
}

/**
 * The matrix with the given groups folded: each one column (`plan:<document>`) whose cells hold the
 * measures of all its columns. Pure; the matrix itself is left as it was.
 */
export function collapseGroups(matrix: Matrix, collapsed: ReadonlySet<string>): Matrix {
  if (!matrix.groups.some((g) => collapsed.has(g.id))) return matrix;
  const columnOf = new Map<string, string>();
  for (const group of matrix.groups)
    for (const column of group.columns)
      columnOf.set(column, collapsed.has(group.id) ? `plan:${group.id}` : column);
  const columns: MatrixColumn[] = [];
  for (const group of matrix.groups)
    if (collapsed.has(group.id))
      columns.push({ id: `plan:${group.id}`, label: group.label, hint: group.label, group: group.id });
    else columns.push(...matrix.columns.filter((c) => group.columns.includes(c.id)));
  const cells = new Map<string, MatrixCell>();
  let max = 0;
  for (const cell of matrix.cells.values()) {
    const column = columnOf.get(cell.column) ?? cell.column;
    const key = cellKey(cell.row, column);
    const merged = cells.get(key) ?? { row: cell.row, column, measures: [] };
    const before = cellCount(merged);
    for (const m of cell.measures) if (!merged.measures.includes(m)) merged.measures.push(m);
    // A measure is in one section only: the columns' counts add up.
    if (before + cellCount(cell) > merged.measures.length) merged.total = before + cellCount(cell);
    cells.set(key, merged);
    max = Math.max(max, cellCount(merged));
  }
  return {
    ...matrix,
    columns,
    groups: matrix.groups.map((g) => (collapsed.has(g.id) ? { ...g, columns: [`plan:${g.id}`] } : g)),
    cells,
    max,
  };
}

interface YearRow {
  name?: unknown;
  key?: unknown;
  nameEn?: unknown;
  years?: { year?: unknown; measures?: unknown[]; measureTotal?: unknown }[];
}

/**
 * Entities or units (rows) × years (columns), from the named query `overlaps-by-year`: a cell holds
 * the measures of that year's plans touching the row.
 */
export function yearMatrix(
  rows: Record<string, unknown>[],
  graph: SerializedGraph,
  kind: 'entities' | 'units',
): Matrix {
  const { measures, mentions } = indexGraph(graph);
  const years = new Set<number>();
  const matrix: Matrix = {
    rows: [],
    columns: [],
    groups: [],
    cells: new Map(),
    max: 0,
    measures,
    mentions,
    mentionOf: (cell) => (kind === 'entities' ? cell.row : undefined),
  };
  for (const raw of rows as YearRow[]) {
    const key = str(raw.key);
    if (!key) continue;
    matrix.rows.push({ id: key, label: str(raw.name) || key, hint: str(raw.nameEn) || undefined });
    for (const entry of raw.years ?? []) {
      if (typeof entry.year !== 'number') continue;
      years.add(entry.year);
      const cell = makeCell(key, String(entry.year), (entry.measures ?? []).map(str), entry.measureTotal);
      matrix.cells.set(cellKey(key, cell.column), cell);
      matrix.max = Math.max(matrix.max, cellCount(cell));
    }
  }
  matrix.columns = [...years].sort((a, b) => a - b).map((y) => ({ id: String(y), label: String(y) }));
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
    groups: [],
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

/** What `topColumns` left out: how many columns, and the measures their cells count. */
export interface OmittedColumns {
  columns: number;
  measures: number;
}

/**
 * The matrix with at most `max` columns: those whose cells count the most measures (ties: more rows
 * touched, then the matrix's order), kept in the matrix's order, with their groups; and what was left
 * out. On a corpus an entity's sections run into the thousands; a screen reads a few dozen.
 */
export function topColumns(matrix: Matrix, max: number): { matrix: Matrix; omitted: OmittedColumns } {
  if (matrix.columns.length <= max) return { matrix, omitted: { columns: 0, measures: 0 } };
  const weight = new Map(matrix.columns.map((c) => [c.id, { measures: 0, rows: 0 }]));
  for (const cell of matrix.cells.values()) {
    const w = weight.get(cell.column);
    if (!w) continue;
    w.measures += cellCount(cell);
    w.rows += 1;
  }
  const order = new Map(matrix.columns.map((c, i) => [c.id, i]));
  const kept = new Set(
    [...matrix.columns]
      .sort((a, b) => {
        const [wa, wb] = [weight.get(a.id)!, weight.get(b.id)!];
        return wb.measures - wa.measures || wb.rows - wa.rows || order.get(a.id)! - order.get(b.id)!;
      })
      .slice(0, max)
      .map((c) => c.id),
  );
  const cells = new Map([...matrix.cells].filter(([, cell]) => kept.has(cell.column)));
  const omitted = matrix.columns.filter((c) => !kept.has(c.id));
  return {
    matrix: {
      ...matrix,
      columns: matrix.columns.filter((c) => kept.has(c.id)),
      groups: matrix.groups
        .map((g) => ({ ...g, columns: g.columns.filter((c) => kept.has(c)) }))
        .filter((g) => g.columns.length > 0),
      cells,
      max: Math.max(0, ...[...cells.values()].map(cellCount)),
    },
    omitted: {
      columns: omitted.length,
      measures: omitted.reduce((n, c) => n + weight.get(c.id)!.measures, 0),
    },
  };
}
