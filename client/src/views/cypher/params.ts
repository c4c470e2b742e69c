/**
 * A named query's parameters as a link carries them (`nq=measures-touching&p.name=港珠澳大橋`, text
 * per parameter, core/state/url.ts) read against the query's declared types. A value that does not
 * fit (not a number, out of range, not one of the listed values, a parameter the query lacks) is left
 * out, so the form keeps its default, and named in `ignored`; nothing a link holds can break the form.
 */
import type { QueryParameter as QueryParam } from '../../core/api/client';

/** A form input's value: text, or a checkbox's state. */
export type FormValue = string | boolean;

const INTEGER = /^-?\d+$/;
const FLOAT = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function inRange(param: QueryParam, n: number): boolean {
  return (param.min === undefined || n >= param.min) && (param.max === undefined || n <= param.max);
}

/** The form value for `raw`, or undefined when it does not fit the parameter. */
export function readParamValue(param: QueryParam, raw: string): FormValue | undefined {
  const text = raw.trim();
  if (param.type === 'boolean') {
    if (/^(true|1|yes|on)$/i.test(text)) return true;
    if (/^(false|0|no|off)$/i.test(text)) return false;
    return undefined;
  }
  if (!text) return param.required ? undefined : '';
  if (param.values?.length) return param.values.includes(text) ? text : undefined;
  if (param.type === 'integer') {
    const n = INTEGER.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(n) && inRange(param, n) ? text : undefined;
  }
  if (param.type === 'float') {
    const n = FLOAT.test(text) ? Number(text) : NaN;
    return Number.isFinite(n) && inRange(param, n) ? text : undefined;
  }
  return raw;
}

/** The values of a link that fit the query's parameters, and the names of those that do not. */
export function valuesFromLink(
  parameters: QueryParam[],
  raw: Record<string, string>,
): { values: Record<string, FormValue>; ignored: string[] } {
  const values: Record<string, FormValue> = {};
  const ignored: string[] = [];
  for (const [name, text] of Object.entries(raw)) {
    const param = parameters.find((p) => p.name === name);
    const value = param ? readParamValue(param, text) : undefined;
    if (value === undefined) ignored.push(name);
    else values[name] = value;
  }
  return { values, ignored };
}
