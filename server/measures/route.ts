/**
 * GET /api/measures (the table: q, node, document, year, region, lineage, sort, order, offset, limit;
 * format=csv with script=written|traditional|simplified for the CSV) and
 * GET /api/measures/:key. Measure keys contain `/` (`<document>/m16`): give the key as path segments
 * (`/api/measures/<document>/m16`) or percent-encoded (`…%2Fm16`); both name the same measure.
 */
import { Router } from 'express';
import { LINEAGE_KINDS, MEASURE_SORTS, PARTNER_REGIONS } from '../../model/api';
import { CONTENT_SCRIPTS } from '../../model/script';
import type { Connection } from '../../store/connection';
import { measure } from './measures';
import { listMeasures, MAX_CSV_ROWS, MAX_PAGE, measuresCsv } from './list';
import { choiceParam, intParam, keyParam, textParam } from '../http/params';

const LINEAGE_FILTERS = ['', ...LINEAGE_KINDS, 'new', 'dropped'] as const;

export function measuresRoute(connection: Connection): Router {
  const router = Router();
  router.get('/measures', async (req, res) => {
    const year = intParam(req.query, 'year', { min: 0, max: 9999, fallback: -1 });
    const region = choiceParam(req.query, 'region', ['', ...PARTNER_REGIONS], '');
    const lineage = choiceParam(req.query, 'lineage', LINEAGE_FILTERS, '');
    const csv = choiceParam(req.query, 'format', ['json', 'csv'] as const, 'json') === 'csv';
    const list = await listMeasures(connection, {
      q: textParam(req.query, 'q'),
      node: textParam(req.query, 'node'),
      document: textParam(req.query, 'document'),
      year: year >= 0 ? year : undefined,
      region: region || undefined,
      lineage: lineage || undefined,
      sort: choiceParam(req.query, 'sort', MEASURE_SORTS, 'document'),
      order: choiceParam(req.query, 'order', ['asc', 'desc'] as const, 'asc'),
      offset: csv ? 0 : intParam(req.query, 'offset', { min: 0, max: 10_000_000, fallback: 0 }),
      limit: csv ? MAX_CSV_ROWS : intParam(req.query, 'limit', { min: 1, max: MAX_PAGE, fallback: 100 }),
    });
    if (!csv) return void res.json(list);
    // The CSV in the script the table shows (the explorer's content-script switch).
    const script = choiceParam(req.query, 'script', CONTENT_SCRIPTS, 'written');
    res.type('text/csv; charset=utf-8').attachment('measures.csv').send(measuresCsv(list.rows, script));
  });
  router.get('/measures/*key', async (req, res) => {
    res.json(await measure(connection, keyParam(req.params.key)));
  });
  return router;
}
