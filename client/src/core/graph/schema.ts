/**
 * The graph's vocabulary as the client sees it: node labels and relationship types (README, "The
 * graph"), in the order the legend and filters list them.
 */

export const ENTITY_LABELS = ['City', 'Port', 'Institution', 'Policy', 'Zone', 'Program', 'Event'] as const;
export const STRUCTURE_LABELS = ['Document', 'Section', 'Measure'] as const;
export const NODE_LABELS = [...STRUCTURE_LABELS, ...ENTITY_LABELS] as const;

export type EntityLabel = (typeof ENTITY_LABELS)[number];
export type NodeLabel = (typeof NODE_LABELS)[number];

export const REL_TYPES = [
  'HAS_SECTION',
  'HAS_MEASURE',
  'MENTIONS',
  'ASSIGNED_TO',
  'LOCATED_IN',
  'PART_OF',
  'IMPLEMENTS',
  'SIGNED_BY',
] as const;
export type RelType = (typeof REL_TYPES)[number];

/** [start, end) offsets into a measure's text. */
export type Span = [number, number];

/** Node attributes as /api/graph sends them, plus the display attributes the client adds on load. */
export interface NodeAttributes {
  label: NodeLabel;
  name?: string;
  aliases?: string[];
  nameEn?: string;
  /** Measures and sections: the number as printed. */
  number?: string;
  /** Sections and measures: the key of their document. */
  document?: string;
  /** Measures: the text in its original script. */
  text?: string;
  title?: string;
  x: number;
  y: number;
  /** Added on load: size by the measures touching the node, colour by label. */
  size: number;
  color: string;
  measureCount: number;
  [attribute: string]: unknown;
}

export interface EdgeAttributes {
  type: RelType;
  /** MENTIONS: where in the measure text. */
  spans?: Span[];
  surface?: string[];
  /** ASSIGNED_TO: a lead unit (牽頭). */
  lead?: boolean;
  [attribute: string]: unknown;
}

export function isNodeLabel(value: unknown): value is NodeLabel {
  return typeof value === 'string' && (NODE_LABELS as readonly string[]).includes(value);
}

export function isEntityLabel(value: unknown): value is EntityLabel {
  return typeof value === 'string' && (ENTITY_LABELS as readonly string[]).includes(value);
}

export function isRelType(value: unknown): value is RelType {
  return typeof value === 'string' && (REL_TYPES as readonly string[]).includes(value);
}
