/**
 * What the details panel says about a node, read from the graph: which measures touch an entity and
 * where in their text (MENTIONS spans), under which section and document each measure stands, and who
 * is responsible for it (ASSIGNED_TO, lead first).
 */
import { showName } from '../script/convert';
import type { ExplorerGraph } from './load';
import type { NodeAttributes, Span } from './schema';

export interface Mention {
  entity: string;
  spans: Span[];
}

export interface Unit {
  entity: string;
  lead: boolean;
}

export interface MeasureContext {
  measure: string;
  /** Outermost first. */
  sections: string[];
  document: string | null;
  mentions: Mention[];
  units: Unit[];
}

/** The section a measure sits in and the sections above it, outermost first. */
function sectionChain(graph: ExplorerGraph, measure: string): string[] {
  const chain: string[] = [];
  let current = measure;
  for (let guard = 0; guard < 16; guard++) {
    const parent = graph.findInNeighbor(current, (_n, a) => a.label === 'Section');
    if (!parent || chain.includes(parent)) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

function documentOf(graph: ExplorerGraph, node: string, sections: string[]): string | null {
  const declared = graph.getNodeAttribute(node, 'document');
  if (typeof declared === 'string' && graph.hasNode(declared)) return declared;
  const top = sections[0];
  return (top && graph.findInNeighbor(top, (_n, a) => a.label === 'Document')) ?? null;
}

export function measureContext(graph: ExplorerGraph, measure: string): MeasureContext {
  const sections = sectionChain(graph, measure);
  const mentions: Mention[] = [];
  const units: Unit[] = [];
  graph.forEachOutEdge(measure, (_e, a, _s, target) => {
    if (a.type === 'MENTIONS') mentions.push({ entity: target, spans: a.spans ?? [] });
    else if (a.type === 'ASSIGNED_TO') units.push({ entity: target, lead: a.lead === true });
  });
  mentions.sort((a, b) => (a.spans[0]?.[0] ?? Infinity) - (b.spans[0]?.[0] ?? Infinity));
  units.sort((a, b) => Number(b.lead) - Number(a.lead));
  return { measure, sections, document: documentOf(graph, measure, sections), mentions, units };
}

/** Measures in reading order: by document, then ordinal (or number). */
function byReadingOrder(graph: ExplorerGraph) {
  const rank = (m: string) => {
    const a = graph.getNodeAttributes(m);
    return typeof a.ordinal === 'number' ? a.ordinal : Number.parseFloat(a.number ?? '') || 0;
  };
  return (a: string, b: string) => rank(a) - rank(b);
}

/** Measures mentioning `entity`, and measures assigned to it (when it is a responsible unit). */
export function measuresTouching(
  graph: ExplorerGraph,
  entity: string,
): { mentioned: string[]; assigned: string[] } {
  const mentioned = new Set<string>();
  const assigned = new Set<string>();
  graph.forEachInEdge(entity, (_e, a, source) => {
    if (a.type === 'MENTIONS') mentioned.add(source);
    else if (a.type === 'ASSIGNED_TO') assigned.add(source);
  });
  const order = byReadingOrder(graph);
  return { mentioned: [...mentioned].sort(order), assigned: [...assigned].sort(order) };
}

export interface MeasureGroup {
  document: string | null;
  section: string | null;
  measures: MeasureContext[];
}

/** Measures grouped by document and innermost section, in reading order. */
export function groupByDocumentAndSection(contexts: MeasureContext[]): MeasureGroup[] {
  const groups = new Map<string, MeasureGroup>();
  for (const context of contexts) {
    const section = context.sections.at(-1) ?? null;
    const id = `${context.document ?? ''}\u0000${section ?? ''}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { document: context.document, section, measures: [] }));
    group.measures.push(context);
  }
  return [...groups.values()];
}

/** The units responsible for a set of measures, with how many of them each leads or shares. */
export function unitsOf(contexts: MeasureContext[]): { entity: string; lead: number; total: number }[] {
  const tally = new Map<string, { entity: string; lead: number; total: number }>();
  for (const { units } of contexts)
    for (const unit of units) {
      const row = tally.get(unit.entity) ?? { entity: unit.entity, lead: 0, total: 0 };
      row.total++;
      if (unit.lead) row.lead++;
      tally.set(unit.entity, row);
    }
  return [...tally.values()].sort((a, b) => b.lead - a.lead || b.total - a.total);
}

export interface TextSegment {
  text: string;
  start: number;
  /** Entities whose mention covers this stretch; empty for plain text. */
  entities: string[];
}

/**
 * The text cut at every mention boundary, so overlapping mentions (港珠澳大橋口岸 names the port and
 * the bridge) each keep their full extent: every segment lists all the entities covering it.
 */
export function segmentText(text: string, mentions: Mention[]): TextSegment[] {
  const cuts = new Set<number>([0, text.length]);
  const spans = mentions.flatMap(({ entity, spans }) =>
    spans
      .map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as const)
      .filter(([s, e]) => e > s)
      .map(([s, e]) => ({ entity, s, e })),
  );
  for (const { s, e } of spans) cuts.add(s).add(e);
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const entities = [...new Set(spans.filter(({ s, e }) => s <= start && e >= end).map((x) => x.entity))];
    segments.push({ text: text.slice(start, end), start, entities });
  }
  return segments;
}

/**
 * The name a node is shown by: entities by name, measures by number, structure by title, in the
 * content script shown (core/script/convert.ts; as stored when that is "as written").
 */
export function nodeName(attributes: NodeAttributes): string {
  return showName(attributes.name ?? attributes.title ?? attributes.number ?? '');
}
