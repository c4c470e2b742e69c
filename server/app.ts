/**
 * The express application: JSON API under /api and the built client. Routes are thin; every Cypher
 * call lives in server/data/.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS, LOOPBACK_HOSTS, type Limits } from './config';
import { Slots, type QueryContext } from './console/slots';
import type { Connection } from './db/connection';
import { errorHandler, unavailable } from './http/errors';
import { hostCheck, securityHeaders } from './http/security';
import { healthRoute } from './routes/health';
import { graphRoute } from './routes/graph';
import { searchRoute } from './routes/search';
import { entitiesRoute } from './routes/entities';
import { measuresRoute } from './routes/measures';
import { documentsRoute } from './routes/documents';
import { exportRoute } from './routes/export';
import { queriesRoute } from './routes/queries';
import { cypherRoute } from './routes/cypher';
import { pathsRoute } from './routes/paths';

export const CLIENT_DIR = path.resolve(__dirname, '../dist/client');

export interface AppOptions {
  connection: Connection;
  clientDir?: string;
  limits?: Limits;
  /** Host names the server answers for (config.allowedHosts); loopback names by default. */
  allowedHosts?: readonly string[];
}

export function createApp({
  connection,
  clientDir = CLIENT_DIR,
  limits = DEFAULT_LIMITS,
  allowedHosts = LOOPBACK_HOSTS,
}: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(hostCheck(allowedHosts));
  app.use(express.json({ limit: '100kb' }));
  const queries: QueryContext = { limits, slots: new Slots(limits.queryConcurrency) };

  const api = express.Router();
  api.use(healthRoute(connection));
  // While the embedded Neo4j is being restarted, say so at once instead of waiting on the driver.
  api.use((_req, _res, next) => {
    const availability = connection.availability?.();
    if (!availability || availability.state === 'running') return next();
    next(
      availability.state === 'restarting'
        ? unavailable('Neo4j stopped and is being restarted; try again shortly', availability.retryAfterS)
        : unavailable('Neo4j stopped and could not be restarted; the server is shutting down'),
    );
  });
  api.use(graphRoute(connection));
  api.use(searchRoute(connection));
  api.use(entitiesRoute(connection));
  api.use(measuresRoute(connection));
  api.use(documentsRoute(connection));
  api.use(exportRoute(connection));
  api.use(queriesRoute(connection, queries));
  api.use(cypherRoute(connection, queries));
  api.use(pathsRoute(connection));
  // Routes above this line; anything else under /api is a JSON 404.
  api.use((req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `No API route ${req.method} ${req.path}` } });
  });
  app.use('/api', api);

  if (existsSync(clientDir)) app.use(express.static(clientDir));

  app.use(errorHandler);
  return app;
}
