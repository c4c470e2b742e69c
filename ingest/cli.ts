/**
 * `npm run ingest -- [--no-db] [--out graph.json] [--replace] <files or folders…>`
 * Reads each file in whichever format it is (text in UTF-8, UTF-16, GB18030 or Big5, Markdown, a
 * web page, Word .docx, a PDF with a text layer; formats/), runs the pipeline over it, loads each document into Neo4j in its own transaction (unless
 * --no-db), writes the graphology export (--out), and prints a summary. Any file that fails is
 * named and makes the exit code non-zero; the others still go through.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../store/config';
import { connect, type Connection } from '../store/connection';
import { applySchema } from '../store/schema';
import { describeFatal } from '../store/fatal';
import { exportGraph } from './export';
import { DOCUMENT_EXTENSIONS, describeRead } from './formats';
import { ingestBatch } from './ingest';
import { listSourceFiles } from './source';
import { keepOriginals } from './originals/keep';
import { openOriginals } from './originals/open';
import type { LoadResult } from './stages/load';
import type { Doc } from './types';

const USAGE = 'Usage: npm run ingest -- [--no-db] [--out graph.json] [--replace] <files or folders…>';

export interface Summary {
  documents: number;
  measures: number;
  entitiesByType: Record<string, number>;
  relations: Record<string, number>;
  warnings: string[];
}

export function summarize(docs: Doc[]): Summary {
  const entities = new Map<string, string>();
  const relations: Record<string, number> = {
    MENTIONS: 0,
    ASSIGNED_TO: 0,
    LOCATED_IN: 0,
    PART_OF: 0,
    IMPLEMENTS: 0,
    SIGNED_BY: 0,
  };
  const warnings: string[] = [];
  for (const doc of docs) {
    for (const e of doc.entities ?? []) entities.set(e.key, e.label);
    for (const m of doc.measures) {
      relations.MENTIONS! += new Set((m.mentions ?? []).map((x) => x.entityKey)).size;
      relations.ASSIGNED_TO! += (m.units ?? []).length;
    }
    relations.LOCATED_IN! += (doc.entities ?? []).reduce((n, e) => n + e.locatedIn.length, 0);
    relations.PART_OF! += (doc.entities ?? []).reduce((n, e) => n + e.partOf.length, 0);
    relations.IMPLEMENTS! += (doc.implements ?? []).length;
    relations.SIGNED_BY! += (doc.signedBy ?? []).length;
    for (const w of doc.warnings) warnings.push(`${doc.source.path}:${w.line}: ${w.message}`);
  }
  const entitiesByType: Record<string, number> = {};
  for (const label of entities.values()) entitiesByType[label] = (entitiesByType[label] ?? 0) + 1;
  return {
    documents: docs.length,
    measures: docs.reduce((n, d) => n + d.measures.length, 0),
    entitiesByType,
    relations,
    warnings,
  };
}

export function formatSummary(summary: Summary, loads: LoadResult[]): string {
  const types = Object.entries(summary.entitiesByType)
    .sort()
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const total = Object.values(summary.entitiesByType).reduce((a, b) => a + b, 0);
  const relations = Object.entries(summary.relations)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const lines = [
    `Documents: ${summary.documents}   Measures: ${summary.measures}`,
    `Entities: ${total} (${types || 'none'})`,
    `Relations: ${relations}`,
  ];
  if (loads.length) {
    const by = (o: string) => loads.filter((l) => l.outcome === o).length;
    lines.push(`Neo4j: ${by('created')} created, ${by('replaced')} replaced, ${by('unchanged')} unchanged`);
  }
  lines.push(`Warnings: ${summary.warnings.length}`);
  for (const w of summary.warnings) lines.push(`  ${w}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'no-db': { type: 'boolean' },
      out: { type: 'string' },
      replace: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new Error(`no input files\n${USAGE}`);
  // A path that cannot be read is reported with the other failures; the rest still go through.
  const files: string[] = [];
  const failures: string[] = [];
  for (const input of positionals) {
    try {
      files.push(...(await listSourceFiles([input])));
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (files.length === 0 && failures.length === 0)
    throw new Error(`no documents (${DOCUMENT_EXTENSIONS.join(', ')}) in ${positionals.join(', ')}`);

  let connection: Connection | null = null;
  const config = loadConfig();
  if (!values['no-db']) {
    connection = await connect({ ...config, log: (line) => console.error(line) });
    const schema = await applySchema(connection);
    for (const m of schema.applied)
      console.error(`Applied migration ${m.number} (${m.name}) from ${m.file}.`);
  }
  const bar =
    files.length > 1 && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: 'Ingesting [{bar}] {value}/{total} {file}', stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(files.length, 0, { file: '' });
  const docs: Doc[] = [];
  const loads: LoadResult[] = [];
  try {
    const outcomes = await ingestBatch(connection, files, {
      replace: values.replace,
      maxBytes: config.limits.fileBytes,
      onFile: ({ file, doc, result, error, note }) => {
        if (error) failures.push(error.message.includes(file) ? error.message : `${file}: ${error.message}`);
        if (note) console.error(`${file}: ${note}`);
        if (doc) docs.push(doc);
        if (result) loads.push(result);
        for (const readNote of doc?.source.notes ?? []) console.error(`${file}: ${readNote}`);
        if (!bar && doc)
          console.error(
            `${file}: ${describeRead(doc.source)}, ${doc.measures.length} measures, ${(doc.entities ?? []).length} entities`,
          );
        bar?.increment({ file });
      },
    });
    if (connection) {
      // Each loaded file's bytes, kept once beside the graph (ingest/originals/).
      const originals = openOriginals(connection, config.sources);
      const kept = await keepOriginals(connection, originals, files, outcomes, {
        maxBytes: config.limits.fileBytes,
      });
      const added = kept.kept.filter((k) => k.added).length;
      if (added) console.error(`Kept ${added} original(s) in ${originals.where}.`);
      for (const { file, error } of kept.failures)
        failures.push(
          `${file}: loaded, but its original was not kept in ${originals.where}: ${error.message}`,
        );
    }
  } finally {
    bar?.stop();
    await connection?.close();
  }
  if (values.out) {
    await writeFile(values.out, JSON.stringify(exportGraph(docs)), 'utf8');
    console.error(`Wrote ${values.out}`);
  }
  console.log(formatSummary(summarize(docs), loads));
  for (const failure of failures) console.error(`Error: ${failure}`);
  return failures.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(describeFatal(error));
      process.exit(1);
    });
}
