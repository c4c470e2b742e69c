/**
 * The re-extraction a test kills half-way (tests/ingest/reextract.int.test.ts): the test's Neo4j,
 * the gazetteer file given first, the originals from the files after it; one line per document.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseGazetteer } from '../../ingest/gazetteer/gazetteer';
import { reextract } from '../../ingest/reextract';
import { testConnection } from '../../testkit/db';

async function main(): Promise<void> {
  const [gazetteerFile, ...files] = process.argv.slice(2);
  const bySha = new Map(
    files.map((file) => {
      const bytes = readFileSync(file);
      return [createHash('sha256').update(bytes).digest('hex'), new Uint8Array(bytes)] as const;
    }),
  );
  const connection = await testConnection();
  try {
    await reextract(connection, {
      originals: async (sha) => bySha.get(sha) ?? null,
      gazetteer: parseGazetteer(readFileSync(gazetteerFile!, 'utf8')),
      workers: 0,
      chunk: 1,
      onDocument: (p) => process.stdout.write(`${p.outcome} ${p.key}\n`),
    });
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
