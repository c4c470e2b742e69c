/**
 * GET /api/export?format=json|gexf|graphml|csv[&part=nodes|edges] with the filters of /api/graph.
 * Sent as a download (Content-Disposition: attachment). CSV is one table per request: `part=nodes`
 * (the default) or `part=edges`.
 */
import { Router } from 'express';
import type { Connection } from '../../store/connection';
import { badRequest } from '../http/errors';
import { CSV_PARTS, EXPORT_FORMATS, exportFile } from './export';
import { readGraph } from '../graph/graph';
import { choiceParam } from '../http/params';
import { graphFilters } from '../graph/route';

export function exportRoute(connection: Connection): Router {
  const router = Router();
  router.get('/export', async (req, res) => {
    const format = choiceParam(req.query, 'format', EXPORT_FORMATS, 'json');
    const part = choiceParam(req.query, 'part', CSV_PARTS, 'nodes');
    if (req.query.part !== undefined && format !== 'csv')
      throw badRequest('part', 'only applies to format=csv');
    const graph = await readGraph(connection, graphFilters(req.query));
    const file = exportFile(graph, format, part);
    // attachment() also sets a type from the file name; ours comes after it.
    res.attachment(file.filename).type(file.contentType).send(file.body);
  });
  return router;
}
