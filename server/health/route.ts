/**
 * GET /api/health: is Neo4j reachable, which one, and what the graph holds. 503 with a reason and
 * Retry-After when not (status `restarting` while the embedded Neo4j is being started again).
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { graphCounts } from './health';
import { UNAVAILABLE_RETRY_AFTER_S } from '../http/errors';

export function healthRoute(connection: Connection): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const neo4j = {
      uri: connection.uri,
      version: connection.server.version,
      edition: connection.server.edition,
      embedded: connection.embedded,
    };
    const availability = connection.availability?.();
    if (availability && availability.state !== 'running') {
      res.setHeader('Retry-After', String(availability.retryAfterS || UNAVAILABLE_RETRY_AFTER_S));
      res.status(503).json({
        status: availability.state,
        reason:
          availability.state === 'restarting'
            ? 'Neo4j stopped and is being restarted'
            : 'Neo4j stopped and could not be restarted',
        neo4j: { connected: false, ...neo4j },
      });
      return;
    }
    try {
      const counts = await graphCounts(connection);
      res.json({ status: 'ok', neo4j: { connected: true, ...neo4j }, counts });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
      res.status(503).json({
        status: 'unavailable',
        reason: `Neo4j is unreachable: ${reason}`,
        neo4j: { connected: false, ...neo4j },
      });
    }
  });
  return router;
}
