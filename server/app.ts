/**
 * The express application: JSON API under /api and the built client. Routes are thin; every Cypher
 * call lives in server/data/.
 */
import express, { type ErrorRequestHandler } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from './db/connection';
import { healthRoute } from './routes/health';

export const CLIENT_DIR = path.resolve(__dirname, '../dist/client');

export interface AppOptions {
  connection: Connection;
  clientDir?: string;
}

export function createApp({ connection, clientDir = CLIENT_DIR }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  const api = express.Router();
  api.use(healthRoute(connection));
  api.use((req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `No API route ${req.method} ${req.path}` } });
  });
  app.use('/api', api);

  if (existsSync(clientDir)) app.use(express.static(clientDir));

  const onError: ErrorRequestHandler = (
    error: { status?: number; type?: string; message?: string },
    _req,
    res,
    _next,
  ) => {
    const status =
      typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = status === 500 ? 'Internal server error' : (error.message ?? 'Bad request');
    res
      .status(status)
      .json({ error: { code: error.type ?? (status === 500 ? 'INTERNAL' : 'BAD_REQUEST'), message } });
  };
  app.use(onError);
  return app;
}
