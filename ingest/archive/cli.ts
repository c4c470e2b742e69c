/**
 * `npm run corpus -- export FILE | import FILE [--replace] [--reextract] | backup [FILE]`: moves a corpus between
 * Neo4j servers (the embedded one, a server of the user's own, a cluster, Aura: NEO4J_URI) and backs it
 * up while the server runs. The archive: ingest/archive/format.ts. Prints the corpus fingerprint
 * (ingest/archive/fingerprint.ts) after each, so two sides can be compared.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../store/config';
import { connect } from '../../store/connection';
import { describeFatal } from '../../store/fatal';
import { REPO_ROOT } from '../../store/repo';
import { applySchema } from '../../store/schema';
import { openOriginals } from '../originals/open';
import { pipelineVersion } from '../pipeline-version';
import { progressLine } from '../reextract';
import { exportCorpus } from './export';
import { describeFingerprint } from './fingerprint';
import { importCorpus } from './import';

const USAGE = `Usage:
  npm run corpus -- export FILE             the corpus (graph, originals, versions) in one archive
  npm run corpus -- import FILE [--replace] [--reextract]
                                            load an archive into the configured Neo4j (it must hold no corpus, unless --replace)
  npm run corpus -- backup [FILE]           an export while the server runs; default .data/backups/corpus-<time>.jsonl.gz

The import loads the graph as it was dumped. --reextract instead extracts every document again from
the archive's originals with this release's pipeline, one document per transaction, keeping each one's
key and metadata edits; nothing else of the dump is carried (sections, measures, entities and lineage
are what this pipeline makes of the originals).`;

export function backupName(now = new Date()): string {
  return path.join(
    REPO_ROOT,
    '.data',
    'backups',
    `corpus-${now.toISOString().replace(/[:.]/g, '-')}.jsonl.gz`,
  );
}

async function appVersion(): Promise<string> {
  return (JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      replace: { type: 'boolean' },
      reextract: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, given] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (!['export', 'import', 'backup'].includes(command) || (command !== 'backup' && !given)) {
    console.error(USAGE);
    return 2;
  }
  if (command !== 'import' && (values.replace || values.reextract)) {
    console.error(`--${values.replace ? 'replace' : 'reextract'}: only for import\n\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(given ?? backupName());
  const config = loadConfig();
  const connection = await connect({ ...config, log: (line) => console.error(line) });
  try {
    const originals = openOriginals(connection, config.sources);
    if (command === 'import') {
      const result = await importCorpus(connection, file, {
        originals,
        replace: values.replace,
        reextract: values.reextract,
        onDocument: (p) => console.error(progressLine(p)),
        log: (line) => console.error(line),
      });
      const how =
        result.reextracted === null
          ? ''
          : `, its ${result.reextracted} documents extracted again by pipeline ${pipelineVersion()}`;
      console.log(
        `Imported ${file} (app ${result.manifest.appVersion}, exported ${result.manifest.createdAt})${how}: ${result.counts.sources} originals; ${describeFingerprint(result.fingerprint)}`,
      );
      return 0;
    }
    await applySchema(connection);
    await mkdir(path.dirname(file), { recursive: true });
    const result = await exportCorpus(connection, file, {
      originals,
      appVersion: await appVersion(),
      pipelineVersion: pipelineVersion(),
    });
    console.log(
      `Wrote ${file}: ${result.counts.sources} originals; ${describeFingerprint(result.fingerprint)}`,
    );
    return 0;
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
