/**
 * The tables the Export menu writes from the graph on screen: its nodes, its relationships (source,
 * target, type and their key properties) and the measures of a selection as a citable list (document,
 * year, reference, text), as CSV and as plain-text citations. Names and texts are what the views show,
 * in the content script shown (core/script/convert.ts); the measures say which script their text is
 * in. Pure apart from that choice: they read a graph and the keys to include, so the unit tests run
 * them without a browser. Written as CSV through ./csv (a byte-order
 * mark, no cell a spreadsheet would run as a formula).
 */
import { measureReference } from '../../../../model/names';
import type { ExplorerGraph } from '../graph/load';
import { csv } from './csv';
import { currentScript, showMeasureText, showName } from '../script/convert';
import type { NodeAttributes } from '../graph/schema';

function nameOf(attributes: NodeAttributes | undefined, key: string): string {
  return showName(String(attributes?.name ?? attributes?.title ?? key));
}

/** One row per node: key, type, name, measures, degree, and the statistics when computed. */
export function nodesCsv(graph: ExplorerGraph, nodes: Iterable<string>): string {
  const rows: unknown[][] = [];
  for (const node of nodes) {
    if (!graph.hasNode(node)) continue;
    const a = graph.getNodeAttributes(node);
    rows.push([
      node,
      a.label,
      nameOf(a, node),
      a.measures ?? '',
      a.degree ?? '',
      typeof a.year === 'number' ? a.year : '',
      typeof a.pagerank === 'number' ? a.pagerank.toFixed(6) : '',
      typeof a.community === 'number' ? a.community : '',
    ]);
  }
  return csv(['key', 'type', 'name', 'measures', 'degree', 'year', 'pagerank', 'community'], rows);
}

/**
 * One row per relationship: its ends (key and name), its type and its key properties (a unit's lead
 * flag, the words a mention matched).
 */
export function edgesCsv(graph: ExplorerGraph, edges: Iterable<string>): string {
  const rows: unknown[][] = [];
  for (const edge of edges) {
    if (!graph.hasEdge(edge)) continue;
    const source = graph.source(edge);
    const target = graph.target(edge);
    const a = graph.getEdgeAttributes(edge);
    rows.push([
      source,
      nameOf(graph.getNodeAttributes(source), source),
      target,
      nameOf(graph.getNodeAttributes(target), target),
      a.type,
      a.lead === true ? 'true' : a.lead === false ? 'false' : '',
      Array.isArray(a.surface) ? a.surface.join(' | ') : '',
    ]);
  }
  return csv(['source', 'source_name', 'target', 'target_name', 'type', 'lead', 'surface'], rows);
}

export interface CitedMeasure {
  key: string;
  document: string;
  year: number | null;
  reference: string;
  text: string;
  /** The script `text` is in (`traditional`, `simplified`); empty when its document does not say. */
  script: string;
  /** Place in its document (the ingest's ordinal), for ordering. */
  ordinal: number | null;
}

/** The document a measure stands in: its `document` attribute, else up through its sections. */
function documentOf(graph: ExplorerGraph, measure: string): string | null {
  const declared = graph.getNodeAttribute(measure, 'document');
  if (typeof declared === 'string' && graph.hasNode(declared)) return declared;
  let current = measure;
  for (let guard = 0; guard < 16; guard++) {
    const parent = graph.findInNeighbor(current, (_n, a) => a.label === 'Section' || a.label === 'Document');
    if (!parent) return null;
    if (graph.getNodeAttribute(parent, 'label') === 'Document') return parent;
    current = parent;
  }
  return null;
}

/**
 * The measures a selection stands for: a measure itself; the measures that mention or are assigned
 * to an entity; those under a section or document. In plan order: by year, document, then place in
 * the document (reference where there is none).
 */
export function selectionMeasures(graph: ExplorerGraph, selection: Iterable<string>): CitedMeasure[] {
  const keys = new Set<string>();
  const under = (node: string, depth: number) => {
    if (depth > 16) return;
    graph.forEachOutNeighbor(node, (child, a) => {
      if (a.label === 'Measure') keys.add(child);
      else if (a.label === 'Section') under(child, depth + 1);
    });
  };
  for (const node of selection) {
    if (!graph.hasNode(node)) continue;
    const label = graph.getNodeAttribute(node, 'label');
    if (label === 'Measure') keys.add(node);
    else if (label === 'Section' || label === 'Document') under(node, 0);
    else
      graph.forEachInNeighbor(node, (source, a) => {
        if (a.label === 'Measure') keys.add(source);
      });
  }
  const cited = [...keys].map((key): CitedMeasure => {
    const a = graph.getNodeAttributes(key);
    const doc = documentOf(graph, key);
    const d = doc ? graph.getNodeAttributes(doc) : undefined;
    const year = typeof a.year === 'number' ? a.year : typeof d?.year === 'number' ? d.year : null;
    const written = String(a.text ?? '');
    const text = showMeasureText(written, a.textAlt, d?.script);
    return {
      key,
      document: d ? showName(String(d.title ?? d.name ?? doc)) : '',
      year,
      reference: measureReference({ reference: a.reference as string, number: a.number as string }),
      text,
      script: text !== written ? currentScript() : typeof d?.script === 'string' ? d.script : '',
      ordinal: typeof a.ordinal === 'number' ? a.ordinal : null,
    };
  });
  const collator = new Intl.Collator('zh-Hant', { numeric: true });
  return cited.sort(
    (x, y) =>
      (x.year ?? 0) - (y.year ?? 0) ||
      collator.compare(x.document, y.document) ||
      (x.ordinal ?? Infinity) - (y.ordinal ?? Infinity) ||
      collator.compare(x.reference, y.reference),
  );
}

export function measuresCsv(measures: CitedMeasure[]): string {
  return csv(
    ['document', 'year', 'reference', 'text', 'script', 'key'],
    measures.map((m) => [m.document, m.year ?? '', m.reference, m.text, m.script, m.key]),
  );
}

/** `《document》(2020), 三（一）16: text` — one citation a line. */
export function citation(measure: CitedMeasure): string {
  const year = measure.year === null ? '' : ` (${measure.year})`;
  return `《${measure.document}》${year}, ${measure.reference}: ${measure.text}`;
}

/** The citations, one a line; `note` (which script the texts were converted to) as a last line. */
export function measuresText(measures: CitedMeasure[], note?: string): string {
  const lines = measures.map(citation);
  if (note && lines.length) lines.push('', note);
  return lines.join('\n') + (lines.length ? '\n' : '');
}
