/**
 * The express application: JSON API under /api and the built client. Each feature folder (graph,
 * search, entities, …) has its route and its queries; every Cypher call there is parameterised.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { DEFAULT_LIMITS, LOOPBACK_HOSTS, type Limits } from '../store/config';
import { Slots, type QueryContext } from './console/slots';
import type { Connection } from '../store/connection';
import { errorHandler, unavailable } from './http/errors';
import { hostCheck, securityHeaders } from './http/security';
import { writeAccess } from './http/write-access';
import { responseCache } from './http/cache';
import { healthRoute } from './health/route';
import { graphRoute } from './graph/route';
import { searchRoute } from './search/route';
import { entitiesRoute } from './entities/route';
import { measuresRoute } from './measures/route';
import { lineageRoute } from './lineage/route';
import { documentsRoute } from './documents/route';
import { originalRoute } from './documents/original';
import { exportRoute } from './export/route';
import { queriesRoute } from './queries/route';
import { cypherRoute } from './console/route';
import { pathsRoute } from './paths/route';
import { CLIENT_DIST } from '../store/repo';
import type { Originals } from '../ingest';

export const CLIENT_DIR = CLIENT_DIST;

export interface AppOptions {
  connection: Connection;
  clientDir?: string;
  limits?: Limits;
  /** Host names the server answers for (config.allowedHosts); loopback names by default. */
  allowedHosts?: readonly string[];
  /** The token write routes need (config.adminToken); without one, only loopback clients may write. */
  adminToken?: string | null;
  /** Where the originals of uploads are kept and downloads read (ingest/originals/); none: not kept. */
  originals?: Originals | null;
}

export function createApp({
  connection,
  clientDir = CLIENT_DIR,
  limits = DEFAULT_LIMITS,
  allowedHosts = LOOPBACK_HOSTS,
  adminToken = null,
  originals = null,
}: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(hostCheck(allowedHosts));
  const json = express.json({ limit: '100kb' });
  // An upload's body (a form, or a pasted text up to the file limit) is read by the documents route.
  app.use((req, res, next) =>
    req.method === 'POST' && req.path === '/api/documents' ? next() : json(req, res, next),
  );
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
  // Answers kept per graph version (http/cache.ts); writes through this server renew the version.
  api.use(responseCache(connection));
  api.use(graphRoute(connection));
  api.use(searchRoute(connection));
  // Before entities and measures: their wildcard keys would take `/timeline` and `/lineage`.
  api.use(lineageRoute(connection));
  api.use(entitiesRoute(connection));
  api.use(measuresRoute(connection));
  // Before documents: its wildcard key would take `/original`.
  api.use(originalRoute(connection, originals));
  api.use(documentsRoute(connection, limits, writeAccess(adminToken), originals));
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
