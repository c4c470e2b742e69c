/**
 * The saved views in the browser: one versioned document (format.ts) under one localStorage key. A
 * stored text this version cannot read (damaged, or written by a later version) is kept under a
 * key of its own before anything is written, so nothing saved is lost.
 */
import { parse, serialize, type Perspective } from './format';

/** What is used of localStorage (typed here, so the module also type-checks for the Node tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_KEY = 'policy-graph-explorer.saved-views';

export class PerspectiveStorage {
  /** Why the stored views could not be read (then they were set aside), else null. */
  problem: string | null = null;

  constructor(private readonly storage: KeyValueStorage | null = safeLocalStorage()) {}

  load(): Perspective[] {
    const text = this.read();
    if (text === null) return [];
    const result = parse(text);
    if (result.ok) return result.views;
    this.problem = result.error.problem;
    this.setAside(text);
    return [];
  }

  /** Writes the views; throws when the browser refuses (quota, private mode). */
  save(views: Perspective[]): void {
    if (!this.storage) throw new Error('localStorage is not available');
    this.storage.setItem(STORAGE_KEY, serialize(views));
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private setAside(text: string): void {
    try {
      this.storage?.setItem(`${STORAGE_KEY}.unreadable.${new Date().toISOString()}`, text);
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      // Left where it is: the next save then fails rather than overwrite it (quota).
    }
  }
}

function safeLocalStorage(): KeyValueStorage | null {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}
