/**
 * The graph's vocabulary, written once for ingest, server and client: node labels, relationship
 * types, the entity types, how a node's main label is read off its labels, and how an edge is keyed
 * in graphology's serialized form (README, "The graph").
 */

/** Entity types, in the order the legend, the filters and the gazetteer list them. */
export const ENTITY_LABELS = [
  'City',
  'Port',
  'Infrastructure',
  'Institution',
  'Policy',
  'Zone',
  'Program',
  'Event',
] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

/** The document's own structure. */
export const STRUCTURE_LABELS = ['Document', 'Section', 'Measure'] as const;
export type StructureLabel = (typeof STRUCTURE_LABELS)[number];

/** Every node's main label. In Neo4j an entity also carries `Entity`. */
export const NODE_LABELS = [...STRUCTURE_LABELS, ...ENTITY_LABELS] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** The label every entity carries besides its type. */
export const ENTITY = 'Entity';

export const REL_TYPES = [
  'HAS_SECTION',
  'HAS_MEASURE',
  'MENTIONS',
  'ASSIGNED_TO',
  'LOCATED_IN',
  'PART_OF',
  'SUCCEEDED_BY',
  'IMPLEMENTS',
  'SIGNED_BY',
  'CONTINUES',
  'SIMILAR_TO',
] as const;
export type RelType = (typeof REL_TYPES)[number];

/** The relationships of a document's structure: Document → Section → Section → Measure. */
export const STRUCTURE_RELS: readonly RelType[] = ['HAS_SECTION', 'HAS_MEASURE'];

export function isNodeLabel(value: unknown): value is NodeLabel {
  return typeof value === 'string' && (NODE_LABELS as readonly string[]).includes(value);
}

export function isEntityLabel(value: unknown): value is EntityLabel {
  return typeof value === 'string' && (ENTITY_LABELS as readonly string[]).includes(value);
}

export function isRelType(value: unknown): value is RelType {
  return typeof value === 'string' && (REL_TYPES as readonly string[]).includes(value);
}

/**
 * A node's main label from its Neo4j labels: one of ours (`Port` for `Entity:Port`), else its other
 * labels in order of name, else `Entity`, else `Node`.
 */
export function mainLabel(labels: readonly string[]): string {
  const ours = labels.find((l) => l !== ENTITY && isNodeLabel(l));
  if (ours) return ours;
  return labels.filter((l) => l !== ENTITY).sort()[0] ?? labels[0] ?? 'Node';
}

/** An edge's key: `source->target` for the structure, `source-TYPE->target` for everything else. */
export function edgeKey(source: string, type: string, target: string): string {
  return (STRUCTURE_RELS as readonly string[]).includes(type)
    ? `${source}->${target}`
    : `${source}-${type}->${target}`;
}
