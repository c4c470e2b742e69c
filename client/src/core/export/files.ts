/**
 * How an export reaches the user's disk: a file name stamped with the time, and the browser's own
 * download through a temporary link. Used by the graph view's Export menu and the console's frames.
 */
/** `2026-05-07-09-30-12`: the time in a file's name, sortable, without characters a file system refuses. */
export function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

/** Saves `body` as `fileName` through a temporary link (the browser's own download). */
export function download(body: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
