/** A result value as table text: nodes as `(:Label {name})`, relationships as `[:TYPE]`, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const v = value as {
    labels?: string[];
    properties?: Record<string, unknown>;
    type?: string;
    nodes?: unknown[];
  };
  if (Array.isArray(v.labels) && v.properties) {
    const name = v.properties.name ?? v.properties.title ?? v.properties.key;
    return `(:${v.labels.join(':')}${name === undefined ? '' : ` ${String(name)}`})`;
  }
  if (typeof v.type === 'string' && v.properties && 'startNodeElementId' in v) return `[:${v.type}]`;
  if (Array.isArray(v.nodes) && 'relationships' in v) return v.nodes.map(formatValue).join(' → ');
  const json = JSON.stringify(value);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}
