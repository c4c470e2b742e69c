/**
 * Originals as files: `<dir>/<sha256>` holds the bytes and `<dir>/<sha256>.json` the metadata. Each is
 * written to a temporary name and renamed into place, the metadata last, so a kept original is
 * whole or absent: a crash leaves at most a stray temporary file, never a half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checked, SHA256, type Original, type OriginalMeta, type Originals } from './originals';

export class FolderOriginals implements Originals {
  constructor(readonly where: string) {}

  private file(sha256: string): string {
    // The folder's files are named by SHA-256 only: nothing else (`..`, a path) reaches the disk.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
    return path.join(this.where, sha256);
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    return stat(`${this.file(sha256)}.json`).then(
      () => true,
      () => false,
    );
  }

  async put(original: Original): Promise<boolean> {
    checked(original, this.where);
    const file = this.file(original.meta.sha256);
    if (await this.has(original.meta.sha256)) return false;
    await mkdir(this.where, { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, original.bytes, { flag: 'wx' });
      await rename(temp, file);
      await writeFile(temp, `${JSON.stringify(original.meta, null, 2)}\n`, { flag: 'wx' });
      await rename(temp, `${file}.json`);
    } finally {
      await rm(temp, { force: true });
    }
    return true;
  }

  /** The metadata first: from then on the original is absent (has, get), even if the bytes' file stayed. */
  async delete(sha256: string): Promise<boolean> {
    if (!(await this.has(sha256))) return false;
    const file = this.file(sha256);
    await rm(`${file}.json`, { force: true });
    await rm(file, { force: true });
    return true;
  }

  async get(sha256: string): Promise<Original | null> {
    if (!(await this.has(sha256))) return null;
    const file = this.file(sha256);
    const meta = JSON.parse(await readFile(`${file}.json`, 'utf8')) as OriginalMeta;
    return checked({ meta, bytes: await readFile(file) }, this.where);
  }
}
