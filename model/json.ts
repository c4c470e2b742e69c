/** Plain JSON: what every answer of the API is made of. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A node's or relationship's properties as JSON. */
export type Properties = { [key: string]: Json };

/** JSON with object keys sorted, so equal values always give equal text. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
