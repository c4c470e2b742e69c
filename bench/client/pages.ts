/**
 * The bench's own browser code, built fresh on every run (a second or two): the bare sigma page
 * (page/bare.html + bare.ts) by Vite into dist/bench-client/, served at /bench/bare.html, and the
 * in-page driver (page/drive.ts, no imports) transpiled by TypeScript into one plain script that
 * Playwright injects into both pages.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../../store/repo';

const REPO = REPO_ROOT;
export const PAGE_DIR = path.join(__dirname, 'page');
export const PAGE_BUILD_DIR = path.join(REPO, 'dist/bench-client');
/** Where the front server mounts PAGE_BUILD_DIR. */
export const PAGE_BASE = '/bench/';

export async function buildBarePage(): Promise<void> {
  // Vite's Node API is ESM (and its types need `bundler` resolution); the bench runs as CommonJS.
  const vite = 'vite';
  const { build } = (await import(vite)) as { build: (config: Record<string, unknown>) => Promise<unknown> };
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: PAGE_BASE,
    logLevel: 'warn',
    build: {
      outDir: PAGE_BUILD_DIR,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { bare: path.join(PAGE_DIR, 'bare.html') } },
    },
  });
}

export async function driverScript(): Promise<string> {
  const source = await readFile(path.join(PAGE_DIR, 'drive.ts'), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
  }).outputText;
}
