/**
 * The graphology export (DESIGN.md, "The export contract"): documents, sections, measures and
 * entities as nodes; HAS_SECTION, HAS_MEASURE, MENTIONS, ASSIGNED_TO, LOCATED_IN, PART_OF,
 * IMPLEMENTS, SIGNED_BY as edges. Built with graphology itself, so the JSON is what
 * `Graph.from(json)` reads back.
 */
import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { documentRow, groupMentions } from './stages/load';
import type { Doc } from './types';

function mergeEdge(
  graph: Graph,
  key: string,
  source: string,
  target: string,
  attributes: Record<string, unknown>,
): void {
  if (!graph.hasEdge(key)) graph.addDirectedEdgeWithKey(key, source, target, attributes);
}

export function toGraph(docs: Doc[]): Graph {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  for (const doc of docs) {
    const d = doc.meta.key;
    graph.mergeNode(d, { label: 'Document', name: doc.meta.title, ...documentRow(doc).props });
    for (const s of doc.sections) {
      graph.mergeNode(s.key, {
        label: 'Section',
        name: s.title,
        number: s.number,
        title: s.title,
        level: s.level,
        document: d,
      });
      const owner = s.parentKey ?? d;
      mergeEdge(graph, `${owner}->${s.key}`, owner, s.key, { type: 'HAS_SECTION' });
    }
    for (const entity of doc.entities ?? []) {
      graph.mergeNode(entity.key, {
        label: entity.label,
        name: entity.name,
        aliases: entity.aliases,
        nameEn: entity.nameEn,
      });
    }
    for (const entity of doc.entities ?? []) {
      for (const city of entity.locatedIn)
        mergeEdge(graph, `${entity.key}-LOCATED_IN->${city}`, entity.key, city, { type: 'LOCATED_IN' });
      for (const group of entity.partOf)
        mergeEdge(graph, `${entity.key}-PART_OF->${group}`, entity.key, group, { type: 'PART_OF' });
    }
    for (const policy of doc.implements ?? [])
      mergeEdge(graph, `${d}-IMPLEMENTS->${policy}`, d, policy, { type: 'IMPLEMENTS' });
    for (const body of doc.signedBy ?? [])
      mergeEdge(graph, `${d}-SIGNED_BY->${body}`, d, body, { type: 'SIGNED_BY' });
    for (const m of doc.measures) {
      graph.mergeNode(m.key, {
        label: 'Measure',
        name: `${m.number}. ${m.text.slice(0, 24)}…`,
        number: m.number,
        ordinal: m.ordinal,
        document: d,
        section: m.sectionKey,
        text: m.text,
        span: [m.span.start, m.span.end],
        actions: m.actions ?? [],
      });
      if (graph.hasNode(m.sectionKey))
        mergeEdge(graph, `${m.sectionKey}->${m.key}`, m.sectionKey, m.key, { type: 'HAS_MEASURE' });
      for (const [entityKey, mentions] of groupMentions(m)) {
        mergeEdge(graph, `${m.key}-MENTIONS->${entityKey}`, m.key, entityKey, {
          type: 'MENTIONS',
          spans: mentions.map((x) => [x.start, x.end]),
          surface: [...new Set(mentions.map((x) => x.surface))],
        });
      }
      for (const unit of m.units ?? []) {
        mergeEdge(graph, `${m.key}-ASSIGNED_TO->${unit.entityKey}`, m.key, unit.entityKey!, {
          type: 'ASSIGNED_TO',
          lead: unit.lead,
        });
      }
    }
  }
  return graph;
}

export function exportGraph(docs: Doc[]): SerializedGraph {
  return toGraph(docs).export();
}
