/**
 * The corpus changed (documents added, replaced, removed or corrected): whoever shows data drawn from
 * it (the graph, the overlaps, the documents list) hears of it and loads again. Views never import
 * each other; they meet here.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export const corpus = {
  /** Calls `listener` after every change; returns the unsubscribe. */
  onChange(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  changed(): void {
    for (const listener of [...listeners]) listener();
  },
};
