/** Sizes in bytes, read from settings (`512m`, `2g`, `1.5G`, `4096k`) and written for people. */

const SIZE = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i;
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Bytes in a size like "512m", "2g", "1.5G", "4096k", "1073741824"; null when unreadable. */
export function parseSize(size: string): number | null {
  const m = SIZE.exec(size.trim());
  if (!m || m[1] === undefined) return null;
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? '').toLowerCase()]!);
}

/** `6.0 MB`, `4.0 KB`, `512 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
