/**
 * `npm start`: connect to (or start) Neo4j, apply the schema's pending migrations, ingest seeds/
 * when the graph lacks it, and serve the explorer. Every failure ends in one actionable line and a non-zero exit.
 *
 * `npm start` runs this as `node --import tsx server/main.ts`, not through the tsx CLI: the CLI relays
 * SIGINT/SIGTERM to its child and SIGKILLs it unless the child acknowledges within 60 ms, which a
 * busy event loop (the start-up warm-up, a large graph's layout) cannot; the shutdown below would be
 * skipped. Without the CLI in between, signals reach this process and it stops cleanly.
 */
import type { Server } from 'node:http';
import { createApp } from './app';
import { ensureClientBuilt } from './client-build';
import { loadConfig } from '../store/config';
import { connect, type Connection } from '../store/connection';
import { applySchema } from '../store/schema';
import {
  ingestBatch,
  keepOriginals,
  listSourceFiles,
  openOriginals,
  reextractInBackground,
  relinkStale,
} from '../ingest';
import { describeFatal } from '../store/fatal';
import { warmUp } from './warm-up';
import { Prefetcher } from './http/prefetch';

const log = (line: string) => console.log(line);

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${host} is already in use. Stop the other server or set PORT to a free port.`,
          ),
        );
      } else reject(error);
    });
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  log(config.neo4j.uri ? `Connecting to Neo4j at ${config.neo4j.uri}…` : 'Starting the embedded Neo4j…');
  let server: Server | null = null;
  const connection: Connection = await connect({
    ...config,
    log,
    // Every restart failed: stop serving and exit non-zero, so a supervisor outside can act.
    onNeo4jLost: (error) => {
      console.error(`Error: ${error.message}`);
      server?.close();
      process.exit(1);
    },
  });
  let stopping = false;
  const stop = new AbortController();
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    stop.abort();
    log(`\n${signal}: shutting down…`);
    server?.close();
    await connection.close().catch(() => undefined);
    process.exit(0);
  };
  // `on`, not `once`: the embedded launcher's own handler (store/embedded/reaper.ts) leaves the exit to
  // other listeners only while it sees them, also when a restarted Neo4j installed it after these.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  log(
    `Neo4j ${connection.server.version} ${connection.server.edition} at ${connection.uri}${connection.embedded ? ' (embedded)' : ''}`,
  );
  const schema = await applySchema(connection);
  for (const m of schema.applied) log(`Applied migration ${m.number} (${m.name}) from ${m.file}.`);

  const seeds = await listSourceFiles([config.seedsDir]);
  const outcomes = await ingestBatch(connection, seeds, {
    maxBytes: config.limits.fileBytes,
    onFile: ({ file, result, error, note }) => {
      // A seed that cannot be read is reported and left out; the explorer still starts.
      if (error) log(`Skipped ${error.message.includes(file) ? error.message : `${file}: ${error.message}`}`);
      if (note) log(`${file}: ${note}`);
      if (result && result.outcome !== 'unchanged')
        log(
          `Ingested ${file}: ${result.outcome}, ${result.nodesCreated} nodes, ${result.relationshipsCreated} relationships`,
        );
    },
  });
  // The seeds' bytes, kept once beside the graph (also those of seeds loaded before originals were).
  const originals = openOriginals(connection, config.sources);
  const kept = await keepOriginals(connection, originals, seeds, outcomes, {
    maxBytes: config.limits.fileBytes,
  });
  const added = kept.kept.filter((k) => k.added).length;
  if (added) log(`Kept ${added} original(s) in ${originals.where}.`);
  for (const { file, error } of kept.failures) log(`Original of ${file} not kept: ${error.message}`);
  const unchanged = outcomes.filter((o) => o.result?.outcome === 'unchanged').length;
  if (unchanged > 0) log(`${unchanged} seed document(s) already in the graph, unchanged.`);
  // Documents loaded before lineage existed, or whose lineage transaction never committed.
  const relinked = await relinkStale(connection);
  if (relinked.length) log(`Lineage computed for ${relinked.length} document(s) that lacked it.`);

  await ensureClientBuilt({ log });
  server = await listen(
    createApp({
      connection,
      limits: config.limits,
      allowedHosts: config.allowedHosts,
      adminToken: config.adminToken,
      originals,
    }),
    config.host,
    config.port,
  );
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  log(
    `Policy graph explorer ready at http://${host}:${config.port} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  // In the background: documents another pipeline version extracted (a newer gazetteer, better
  // code), from their kept originals, one per transaction; each is served as it was until then.
  void reextractInBackground(
    connection,
    async (sha256) => (await originals.get(sha256))?.bytes ?? null,
    log,
    stop.signal,
  ).catch((error: unknown) => log(`Re-extraction stopped: ${describeFatal(error)}`));
  // In the background: the first requests would otherwise wait for Neo4j to plan their statements.
  void warmUp(connection).then(({ statements, elapsedMs, failures }) => {
    log(
      `Warmed up ${statements - failures.length} of ${statements} statements in ${(elapsedMs / 1000).toFixed(1)} s.`,
    );
    for (const { name, message } of failures) log(`  warm-up of ${name} failed: ${message}`);
    // Then the views' opening answers, for this graph and each later version of it.
    const loopback = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : host;
    new Prefetcher(`http://${loopback}:${config.port}`, connection).start(({ requests }) => {
      for (const r of requests.filter((r) => r.status !== 200))
        log(`  prefetch of ${r.path} failed (${r.status}): ${r.error ?? ''}`);
    });
  });
}

main().catch((error: unknown) => {
  console.error(describeFatal(error));
  process.exit(1);
});
