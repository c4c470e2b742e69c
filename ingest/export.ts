/**
 * The graphology export (docs/DESIGN.md, "The export and API contract"): documents, sections, measures and
 * entities as nodes; HAS_SECTION, HAS_MEASURE, MENTIONS, ASSIGNED_TO, LOCATED_IN, PART_OF,
 * IMPLEMENTS, SIGNED_BY as edges. Written with the one serialized-graph builder (model/serialized.ts),
 * so the JSON is what `Graph.from(json)` reads back, keyed and named as the API serves the graph.
 */
import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { measureLabel, measureName } from '../model/names';
import { SerializedGraphBuilder } from '../model/serialized';
import type { Span } from '../model/spans';
import { assignmentRows, documentRow, groupMentions } from './stages/load';
import type { Doc } from './types';

export function exportGraph(docs: Doc[]): SerializedGraph {
  const graph = new SerializedGraphBuilder();
  for (const doc of docs) {
    const d = doc.meta.key;
    graph.mergeNode(d, { label: 'Document', name: doc.meta.title, ...documentRow(doc).props });
    for (const s of doc.sections) {
      graph.mergeNode(s.key, {
        label: 'Section',
        name: s.title,
        number: s.number,
        reference: s.reference,
        title: s.title,
        level: s.level,
        document: d,
      });
      graph.addEdge(s.parentKey ?? d, 'HAS_SECTION', s.key, {});
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
      for (const city of entity.locatedIn) graph.addEdge(entity.key, 'LOCATED_IN', city, {});
      for (const group of entity.partOf) graph.addEdge(entity.key, 'PART_OF', group, {});
      if (entity.succeededBy) graph.addEdge(entity.key, 'SUCCEEDED_BY', entity.succeededBy, {});
    }
    for (const policy of doc.implements ?? []) graph.addEdge(d, 'IMPLEMENTS', policy, {});
    for (const body of doc.signedBy ?? []) graph.addEdge(d, 'SIGNED_BY', body, {});
    for (const m of doc.measures) {
      graph.mergeNode(m.key, {
        label: 'Measure',
        name: measureName(measureLabel({ reference: m.reference, year: doc.meta.year }), m.text),
        number: m.number,
        reference: m.reference,
        year: doc.meta.year,
        leaders: m.leaders,
        ordinal: m.ordinal,
        document: d,
        section: m.sectionKey,
        text: m.text,
        span: [m.span.start, m.span.end],
        actions: m.actions ?? [],
      });
      graph.addEdge(m.sectionKey, 'HAS_MEASURE', m.key, {});
      for (const [entityKey, mentions] of groupMentions(m)) {
        graph.addEdge(m.key, 'MENTIONS', entityKey, {
          spans: mentions.map((x): Span => [x.start, x.end]),
          surface: [...new Set(mentions.map((x) => x.surface))],
        });
      }
    }
    for (const a of assignmentRows(doc)) graph.addEdge(a.measure, 'ASSIGNED_TO', a.entity, { lead: a.lead });
  }
  return graph.toJSON();
}

/** The export as a graphology Graph. */
export function toGraph(docs: Doc[]): Graph {
  return Graph.from(exportGraph(docs));
}
