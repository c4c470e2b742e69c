/** When `npm start` rebuilds the web client: no build yet, or a source newer than the build. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { staleReason } from '../../server/client-build';

describe('staleReason', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'client-build-'));
    mkdirSync(path.join(dir, 'client/src'), { recursive: true });
    mkdirSync(path.join(dir, 'dist'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const at = (file: string, seconds: number) => {
    writeFileSync(file, 'x');
    utimesSync(file, seconds, seconds);
  };

  it('asks for a build when there is none, and when a source is newer than the build', () => {
    const source = path.join(dir, 'client');
    const mark = path.join(dir, 'dist/index.html');
    at(path.join(source, 'src/main.ts'), 1000);
    expect(staleReason(source, mark)).toMatch(/no build/);
    at(mark, 2000);
    expect(staleReason(source, mark)).toBeNull();
    at(path.join(source, 'README.md'), 3000); // documentation does not count
    expect(staleReason(source, mark)).toBeNull();
    at(path.join(source, 'src/main.ts'), 3000);
    expect(staleReason(source, mark)).toMatch(/main\.ts changed/);
  });
});
