/**
 * `npm run reextract`: extracts again every document that another pipeline version extracted
 * (ingest/reextract.ts), from its kept original, one document per transaction, with progress on
 * stderr. `npm start` does the same in the background; this runs it in the foreground, for a script
 * or a server that is not running. Exit status 1 when a document could not be extracted again (its
 * original missing or damaged): the others are done, and each is named.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../store/config';
import { connect } from '../store/connection';
import { describeFatal } from '../store/fatal';
import { applySchema } from '../store/schema';
import { openOriginals } from './originals/open';
import { pipelineVersion } from './pipeline-version';
import { progressLine, reextract, staleDocuments } from './reextract';

const USAGE = `Usage: npm run reextract [-- --dry-run]

Extracts again, from their kept originals, the documents that another version of the pipeline
(extraction code, gazetteer, patterns) extracted. --dry-run lists them without changing anything.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const connection = await connect({ ...config, log: (line) => console.error(line) });
  try {
    await applySchema(connection);
    const version = pipelineVersion();
    const stale = await staleDocuments(connection, version);
    if (stale.length === 0) {
      console.error(`Every document was extracted by this pipeline (${version}).`);
      return 0;
    }
    console.error(
      `${stale.length} document(s) were extracted by another pipeline version; this one is ${version}.`,
    );
    if (values['dry-run']) {
      for (const doc of stale) console.log(`${doc.key}\t${doc.pipeline ?? 'unrecorded'}\t${doc.source}`);
      return 0;
    }
    const originals = openOriginals(connection, config.sources);
    const summary = await reextract(connection, {
      originals: async (sha256) => (await originals.get(sha256))?.bytes ?? null,
      onDocument: (p) => console.error(progressLine(p)),
    });
    console.log(
      `Extracted again: ${summary.replaced} of ${summary.total}; original missing: ${summary.missing.length}; failed: ${summary.failed.length}.`,
    );
    return summary.missing.length + summary.failed.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(describeFatal(error));
      process.exit(1);
    });
}
