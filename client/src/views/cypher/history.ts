/** The console's history in localStorage: newest first, at most 30, no repeats. */
export type HistoryEntry =
  { kind: 'cypher'; query: string } | { kind: 'named'; name: string; params: Record<string, unknown> };

const KEY = 'policy-graph-explorer.cypher-history';
const MAX = 30;

export function readHistory(): HistoryEntry[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value)
      ? (value as HistoryEntry[]).filter((e) => e && (e.kind === 'cypher' || e.kind === 'named'))
      : [];
  } catch {
    return [];
  }
}

export function addHistory(entry: HistoryEntry): void {
  const id = JSON.stringify(entry);
  const entries = [entry, ...readHistory().filter((e) => JSON.stringify(e) !== id)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Private mode or full storage: the history lasts for this page only.
  }
}
