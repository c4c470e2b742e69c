/**
 * Request parameters shared by the API routes, validated in one place: a bad value is a 400 that
 * names the parameter (errors.ts `badRequest`), never a silent default.
 */
import { badRequest } from './errors';

/** Express's query object (the "simple" parser: a string, or an array when a name repeats). */
export type Query = Record<string, unknown>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(name, 'give it once, as text');
  return value;
}

/** A text parameter, trimmed; empty counts as absent. */
export function textParam(query: Query, name: string): string | undefined {
  const value = single(query, name)?.trim();
  return value ? value : undefined;
}

export interface IntRange {
  min: number;
  max: number;
  fallback: number;
}

export function intParam(query: Query, name: string, { min, max, fallback }: IntRange): number {
  const value = single(query, name)?.trim();
  if (value === undefined || value === '') return fallback;
  const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw badRequest(name, `expected an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** One of a fixed set of words. */
export function choiceParam<T extends string>(
  query: Query,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = textParam(query, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw badRequest(name, `expected one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** A comma-separated list (the name may also repeat), each item one of `allowed`; undefined when absent. */
export function listParam(query: Query, name: string, allowed: readonly string[]): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).map((part) => {
    if (typeof part !== 'string') throw badRequest(name, 'expected a comma-separated list');
    return part;
  });
  const items = [...new Set(parts.flatMap((part) => part.split(',')).map((item) => item.trim()))].filter(
    Boolean,
  );
  if (items.length === 0) throw badRequest(name, `expected a comma-separated list of ${allowed.join(', ')}`);
  const unknown = items.filter((item) => !allowed.includes(item));
  if (unknown.length > 0) {
    throw badRequest(
      name,
      `unknown ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${allowed.join(', ')}`,
    );
  }
  return items;
}

/**
 * A key from a wildcard route parameter (`/measures/*key`): express gives the path segments, which
 * are joined back with `/`, so `…/m16` and `…%2Fm16` name the same measure.
 */
export function keyParam(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}
