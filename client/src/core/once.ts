/**
 * A load done once and shared by every caller (a module fetched by dynamic import the first time it
 * is needed), forgotten if it fails, so the next call tries again: a chunk that failed to download
 * (the server restarted with a new build, the network dropped) is not failed for the page's life.
 */
export function onceRetrying<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
