/** GET /api/health: is Neo4j reachable, which one, and what the graph holds. 503 with a reason when not. */
import { Router } from 'express';
import type { Connection } from '../db/connection';
import { graphCounts } from '../data/health';

export function healthRoute(connection: Connection): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const neo4j = {
      uri: connection.uri,
      version: connection.server.version,
      edition: connection.server.edition,
      embedded: connection.embedded,
    };
    try {
      const counts = await graphCounts(connection);
      res.json({ status: 'ok', neo4j: { connected: true, ...neo4j }, counts });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      res.status(503).json({
        status: 'unavailable',
        reason: `Neo4j is unreachable: ${reason}`,
        neo4j: { connected: false, ...neo4j },
      });
    }
  });
  return router;
}
