/**
 * The version of the pipeline that extracts a document: a content hash of everything that decides
 * what a file becomes in the graph — the code of the stages (reading the formats, parsing,
 * segmentation, entity extraction and linking, the load's rows), the gazetteer and the patterns,
 * and the versions of the packages that read files and split words. Every document records the
 * version that extracted it (`Document.pipeline`); a document of another version is out of date and
 * is extracted again from its original (ingest/reextract.ts), so an improvement reaches documents
 * loaded before it without anyone uploading them again.
 *
 * Lineage is not part of it: it has its own version (ingest/lineage/lineage.ts, LINEAGE_VERSION) and
 * is relinked without extracting again.
 *
 * A change to any of these files makes every document out of date, not only those it would change
 * (a gazetteer row could be traced to the documents naming it, but a code change cannot): simpler,
 * and re-extraction runs in the background, one document per transaction.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../store/repo';

/** What the hash covers, relative to the repository: folders are read whole, recursively. */
export const PIPELINE_INPUTS = [
  'ingest/data',
  'ingest/extract',
  'ingest/formats',
  'ingest/gazetteer',
  'ingest/stages',
  'ingest/identity.ts',
  'ingest/opencc-pieces.ts',
  'ingest/opencc.ts',
  'ingest/pipeline.ts',
  'ingest/pipeline-worker.cjs',
  'ingest/source.ts',
  'ingest/types.ts',
  'model/names.ts',
  'model/spans.ts',
] as const;

/** The packages whose versions change what a file becomes (readers, word splitting, conversion). */
export const PIPELINE_PACKAGES = [
  '@mozilla/readability',
  'iconv-lite',
  'fflate',
  'jschardet',
  'linkedom',
  'nodejieba',
  'opencc-js',
  'pdfjs-dist',
] as const;

function filesUnder(relative: string, root: string): string[] {
  const absolute = path.join(root, relative);
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'README.md')
    .flatMap((entry) => filesUnder(path.posix.join(relative, entry.name), root));
}

function packageVersion(name: string, root: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
    return String(manifest.version);
  } catch {
    return 'absent';
  }
}

/**
 * The hash (16 hex digits of a SHA-256) over the inputs' paths and contents, line endings
 * normalised (a checkout with CRLF is the same pipeline), and the packages' versions.
 */
export function computePipelineVersion(root = REPO_ROOT): string {
  const hash = createHash('sha256');
  const files = PIPELINE_INPUTS.flatMap((input) => filesUnder(input, root)).sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n'));
    hash.update('\0');
  }
  for (const name of PIPELINE_PACKAGES) hash.update(`${name}@${packageVersion(name, root)}\0`);
  return hash.digest('hex').slice(0, 16);
}

let current: string | null = null;

/** This process's pipeline version, computed once. */
export function pipelineVersion(): string {
  current ??= computePipelineVersion();
  return current;
}
