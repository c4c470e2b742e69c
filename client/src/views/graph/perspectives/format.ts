/**
 * Saved views ("perspectives") as data: each is a name and the link of the graph view it saves (the
 * query string `core/state/url.ts` writes: filters, selection and chosen nodes, ego view, expanded,
 * hidden and pinned nodes, path, colour and size, label density, camera), so a saved view and a link
 * are read by the same rules and a field added to the URL is saved with no change here. The same
 * versioned document is kept in localStorage and written to and read from files. Pure (no DOM):
 * tests/client/perspectives.test.ts.
 */

/** What a file says it is; a file without it is not one of ours. */
export const FORMAT = 'policy-graph-explorer/saved-views';
/** The version written; a file of a later version is refused (its fields may mean other things). */
export const VERSION = 1;

export interface Perspective {
  id: string;
  name: string;
  /** ISO 8601. */
  savedAt: string;
  /** The view as a link's query string (`?types=…&cam=…`, or '' for the plain whole graph). */
  search: string;
}

export interface PerspectivesFile {
  format: typeof FORMAT;
  version: number;
  views: Perspective[];
}

/** Why a text is not a saved-views file: a message key under `perspectives.error.` and its values. */
export interface FormatProblem {
  problem: 'json' | 'format' | 'version' | 'views' | 'field';
  values: Record<string, string | number>;
}

export type ReadResult = { ok: true; views: Perspective[] } | { ok: false; error: FormatProblem };

const MAX_NAME = 200;
const MAX_SEARCH = 100_000;

export function toFile(views: Perspective[]): PerspectivesFile {
  return { format: FORMAT, version: VERSION, views };
}

export function serialize(views: Perspective[]): string {
  return `${JSON.stringify(toFile(views), null, 2)}\n`;
}

const fail = (problem: FormatProblem['problem'], values: FormatProblem['values'] = {}): ReadResult => ({
  ok: false,
  error: { problem, values },
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a file's (or the storage's) text, naming the first thing that is wrong. */
export function parse(text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail('json', { detail: error instanceof Error ? error.message : String(error) });
  }
  if (!isObject(data) || data.format !== FORMAT) return fail('format', { format: FORMAT });
  const { version, views } = data;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return fail('field', { n: 0, field: 'version' });
  if (version > VERSION) return fail('version', { found: version, known: VERSION });
  if (!Array.isArray(views)) return fail('views');
  const read: Perspective[] = [];
  for (const [index, view] of views.entries()) {
    const n = index + 1;
    if (!isObject(view)) return fail('field', { n, field: '{…}' });
    const { id, name, savedAt, search } = view;
    if (typeof name !== 'string' || !name.trim() || name.length > MAX_NAME)
      return fail('field', { n, field: 'name' });
    if (typeof search !== 'string' || search.length > MAX_SEARCH || !/^(\?.*)?$/s.test(search))
      return fail('field', { n, field: 'search' });
    if (savedAt !== undefined && (typeof savedAt !== 'string' || Number.isNaN(Date.parse(savedAt))))
      return fail('field', { n, field: 'savedAt' });
    if (id !== undefined && (typeof id !== 'string' || !id)) return fail('field', { n, field: 'id' });
    read.push({
      id: typeof id === 'string' ? id : '',
      name: name.trim(),
      savedAt: typeof savedAt === 'string' ? savedAt : new Date(0).toISOString(),
      search,
    });
  }
  return { ok: true, views: read };
}

/**
 * The saved views with `incoming` added: nothing saved is replaced. A view already saved (same id,
 * name and link) is not added twice; an imported view whose id is taken by another gets a new id.
 */
export function merge(
  saved: Perspective[],
  incoming: Perspective[],
  newId: () => string,
): { views: Perspective[]; added: number } {
  const views = [...saved];
  let added = 0;
  for (const view of incoming) {
    const same = views.find((v) => v.id === view.id);
    if (same && same.name === view.name && same.search === view.search) continue;
    views.push({ ...view, id: !view.id || same ? newId() : view.id });
    added++;
  }
  return { views, added };
}

/** "View 3": the first default name not taken. */
export function defaultName(saved: Perspective[], name: (n: number) => string): string {
  const taken = new Set(saved.map((v) => v.name));
  let n = saved.length + 1;
  while (taken.has(name(n))) n++;
  return name(n);
}
