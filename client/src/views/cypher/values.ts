/**
 * Result values as people read them. The API sends nodes as `{elementId, labels, properties}`,
 * relationships as `{elementId, type, startNodeElementId, endNodeElementId, properties}` and paths as
 * `{nodes, relationships}` (store/values.ts); the table shows a node as a chip in its main label's
 * colour with its name (title, or a measure's reference and opening words), a relationship as its
 * type, a path as chips joined by arrows, each chip opening onto all its properties. Element ids and
 * raw JSON are never in the default view. `valueText` is the same as one line of text (CSV export).
 */
import { h } from '../../components/dom';
import { isNodeLabel } from '../../core/graph/schema';
import { NODE_COLORS } from '../../core/graph/style';
import { mainLabel } from '../../../../model/graph';
import { displayName } from '../../../../model/names';
import type { Json } from '../../../../model/json';

export interface NodeValue {
  elementId: string;
  labels: string[];
  properties: Record<string, Json>;
}

export interface RelationshipValue {
  elementId: string;
  type: string;
  startNodeElementId: string;
  endNodeElementId: string;
  properties: Record<string, Json>;
}

export interface PathValue {
  nodes: NodeValue[];
  relationships: RelationshipValue[];
}

type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isNode(value: unknown): value is NodeValue {
  return isObject(value) && Array.isArray(value.labels) && isObject(value.properties) && 'elementId' in value;
}

export function isRelationship(value: unknown): value is RelationshipValue {
  return (
    isObject(value) &&
    typeof value.type === 'string' &&
    isObject(value.properties) &&
    'startNodeElementId' in value
  );
}

export function isPath(value: unknown): value is PathValue {
  return (
    isObject(value) &&
    Array.isArray(value.nodes) &&
    Array.isArray(value.relationships) &&
    value.nodes.every(isNode)
  );
}

/** Longest text a chip shows before it is cut (the whole value is in its properties). */
const CHIP_TEXT = 40;
/** Items of a list shown before "+N more". */
const LIST_ITEMS = 25;

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** A node's main label and the name it is known by. */
export function nodeCaption(node: NodeValue): { label: string; name: string } {
  const label = mainLabel(node.labels);
  const p = node.properties;
  const key = typeof p.key === 'string' ? p.key : '';
  const name =
    label === 'Measure' || p.name !== undefined || p.title !== undefined
      ? displayName(label, p, key)
      : p.number !== undefined
        ? String(p.number)
        : key;
  return { label, name };
}

export function labelColor(label: string): string {
  return isNodeLabel(label) ? NODE_COLORS[label] : '#7b8794';
}

/** A property's value as text: lists joined, maps and nested values as compact JSON. */
export function propertyText(value: Json): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))
    return value.map((v) => String(v)).join(', ');
  return JSON.stringify(value);
}

function nodeText(node: NodeValue): string {
  const { label, name } = nodeCaption(node);
  return name ? `${label} ${name}` : label;
}

/** A value as one line of text: `Port 東莞港`, `:MENTIONS`, a path as `(A)-[:T]->(B)`. */
export function valueText(value: Json): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (isNode(value)) return nodeText(value);
  if (isRelationship(value)) return `:${value.type}`;
  if (isPath(value))
    return pathSteps(value)
      .map((step) =>
        typeof step === 'string' ? step : isNode(step) ? `(${nodeText(step)})` : `[:${step.type}]`,
      )
      .join('');
  if (Array.isArray(value)) return value.map((v) => valueText(v)).join('; ');
  return JSON.stringify(value);
}

/** A path's nodes and relationships in order, arrows pointing the way each relationship goes. */
function pathSteps(path: PathValue): (NodeValue | RelationshipValue | string)[] {
  const steps: (NodeValue | RelationshipValue | string)[] = [];
  path.nodes.forEach((node, i) => {
    steps.push(node);
    const rel = path.relationships[i];
    if (!rel) return;
    const forward = rel.startNodeElementId === node.elementId;
    steps.push(forward ? '-' : '<-', rel, forward ? '->' : '-');
  });
  return steps;
}

function propertyList(properties: Record<string, Json>): HTMLElement {
  const keys = Object.keys(properties).sort();
  if (!keys.length) return h('p', { class: 'value-chip__none muted', text: '{}' });
  return h(
    'dl',
    { class: 'value-chip__properties' },
    keys.flatMap((key) => [h('dt', { text: key }), h('dd', { text: propertyText(properties[key]!) })]),
  );
}

/** A node as a chip in its label's colour, opening onto all its properties. */
export function nodeChip(node: NodeValue): HTMLElement {
  const { label, name } = nodeCaption(node);
  const badge = h('span', { class: 'value-chip__label', text: label });
  badge.style.setProperty('--chip', labelColor(label));
  return h(
    'details',
    { class: 'value-chip', dataset: { kind: 'node', label } },
    h(
      'summary',
      { title: node.labels.join(':') },
      badge,
      name ? h('span', { class: 'value-chip__name', text: cut(name, CHIP_TEXT) }) : null,
    ),
    propertyList(node.properties),
  );
}

/** A relationship as its type, opening onto its properties. */
export function relationshipChip(rel: RelationshipValue): HTMLElement {
  return h(
    'details',
    { class: 'value-chip value-chip--rel', dataset: { kind: 'relationship', type: rel.type } },
    h('summary', {}, h('span', { class: 'value-chip__type', text: rel.type })),
    propertyList(rel.properties),
  );
}

/** Any result value as table content. */
export function valueCell(value: Json): Node {
  if (value === null || value === undefined) return h('span', { class: 'value-null muted', text: 'null' });
  if (typeof value === 'number') return h('span', { class: 'value-number', text: String(value) });
  if (typeof value !== 'object') return document.createTextNode(String(value));
  if (isNode(value)) return nodeChip(value);
  if (isRelationship(value)) return relationshipChip(value);
  if (isPath(value))
    return h(
      'span',
      { class: 'value-path', dataset: { kind: 'path' } },
      pathSteps(value).map((step) =>
        typeof step === 'string'
          ? h('span', { class: 'value-path__arrow', 'aria-hidden': 'true', text: step })
          : isNode(step)
            ? nodeChip(step)
            : relationshipChip(step as RelationshipValue),
      ),
    );
  if (Array.isArray(value)) {
    const shown = value.slice(0, LIST_ITEMS);
    return h(
      'span',
      { class: 'value-list', dataset: { kind: 'list' } },
      shown.map((item) => h('span', { class: 'value-list__item' }, valueCell(item))),
      value.length > shown.length
        ? h('span', { class: 'muted', text: `+${value.length - shown.length}` })
        : null,
    );
  }
  return h(
    'dl',
    { class: 'value-map', dataset: { kind: 'map' } },
    Object.entries(value).flatMap(([key, item]) => [h('dt', { text: key }), h('dd', {}, valueCell(item))]),
  );
}
