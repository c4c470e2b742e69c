/**
 * The graph as the explorer holds it: the vocabulary is the model's (model/graph.ts, shared with the
 * server and the ingest), the attributes are what /api/graph sends (model/api.ts) plus the colour the
 * client adds for sigma.
 */
import type { GraphEdgeAttributes, GraphNodeAttributes } from '../../../../model/api';

export {
  ENTITY_LABELS,
  NODE_LABELS,
  REL_TYPES,
  STRUCTURE_LABELS,
  isEntityLabel,
  isNodeLabel,
  isRelType,
  type EntityLabel,
  type NodeLabel,
  type RelType,
} from '../../../../model/graph';
export type { Span } from '../../../../model/spans';

/** A node as /api/graph sends it (label, name, measures, size, x, y, properties) and its colour. */
export interface NodeAttributes extends GraphNodeAttributes {
  color: string;
}

export type EdgeAttributes = GraphEdgeAttributes;
