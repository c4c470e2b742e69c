/**
 * A small observable store: one state value, replaced (never mutated) by `update`, and listeners told
 * of each change with the state before it. Controllers and panels subscribe; nothing keeps a copy.
 */
export type Listener<T> = (state: T, previous: T) => void;

export class Store<T extends object> {
  private listeners = new Set<Listener<T>>();

  constructor(private state: T) {}

  get(): T {
    return this.state;
  }

  update(patch: Partial<T> | ((state: T) => Partial<T>)): void {
    const previous = this.state;
    const changes = typeof patch === 'function' ? patch(previous) : patch;
    const keys = Object.keys(changes) as (keyof T)[];
    if (keys.every((key) => Object.is(changes[key], previous[key]))) return;
    this.state = { ...previous, ...changes };
    for (const listener of [...this.listeners]) listener(this.state, previous);
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
