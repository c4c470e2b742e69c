// name: overlaps-by-year
// description: Entities (or responsible units) touched by the plans of several years, ranked by how
//   many years and then measures touch them: what stays on the agenda from year to year, and who
//   keeps the work. One row per entity or unit, with the measures of each year (keys) and the paths
//   for the graph. Only dated plans count; `region` keeps one series (hong-kong, macao or both), and
//   `fromYear`/`toYear` a range of years. Top-k with totals, so that a hub of a large corpus answers
//   as small as any other row: `yearCount` and `measureCount` count everything; each year has its
//   `measureTotal` and as many of its measures as the row's `maxMeasures` allow (shared out over the
//   years: the first measure of each, then the second, …); `paths` holds the first `maxPaths` of
//   those, taken in the same turns.
// param: rows (string, default 'entities', one of entities|units): entities the measures mention, or
//   units the measures are assigned to
// param: region (string, default null): only plans with this partner region; null for every series
// param: fromYear (integer, default null, 0..9999): only plans of this year or later
// param: toYear (integer, default null, 0..9999): only plans of this year or earlier
// param: minYears (integer, default 1, 1..100): the fewest years a row must be touched in
// param: limit (integer, default 40, 1..500): at most this many rows
// param: maxMeasures (integer, default 200, 1..5000): at most this many measures listed per row,
//   over all its years
// param: maxPaths (integer, default 10, 0..1000): at most this many paths per row for the graph
// example: :params {rows: 'entities', region: null, fromYear: null, toYear: null, minYears: 1, limit: 40, maxMeasures: 200, maxPaths: 10}

// The ranking first, on counts alone: the years and measures of each entity or unit are counted,
// never collected, so a hub touched by thousands of measures costs no more memory than any other.
MATCH (d:Document)
WHERE d.year IS NOT NULL
  AND ($region IS NULL OR d.region = $region)
  AND ($fromYear IS NULL OR d.year >= $fromYear)
  AND ($toYear IS NULL OR d.year <= $toYear)
MATCH (m:Measure {document: d.key})-[r:MENTIONS|ASSIGNED_TO]->(e:Entity)
WHERE ($rows = 'entities' AND r:MENTIONS) OR ($rows = 'units' AND r:ASSIGNED_TO)
WITH e, d.year AS year, count(DISTINCT m) AS measures
WITH e, count(*) AS yearCount, sum(measures) AS measureCount
WHERE yearCount >= $minYears
ORDER BY yearCount DESC, measureCount DESC, e.name
LIMIT toInteger($limit)
// Then what is shown, for the rows kept only: each year's measures in the plans' order (measure
// nodes, not paths).
CALL (e) {
  MATCH (m:Measure)-[r:MENTIONS|ASSIGNED_TO]->(e)
  WHERE ($rows = 'entities' AND r:MENTIONS) OR ($rows = 'units' AND r:ASSIGNED_TO)
  MATCH (d:Document {key: m.document})
  WHERE d.year IS NOT NULL
    AND ($region IS NULL OR d.region = $region)
    AND ($fromYear IS NULL OR d.year >= $fromYear)
    AND ($toYear IS NULL OR d.year <= $toYear)
  WITH d.year AS year, m
  ORDER BY d.key, m.ordinal
  WITH year, collect(DISTINCT m) AS measures
  ORDER BY year
  RETURN collect({year: year, measureTotal: size(measures)}) AS years, collect(measures) AS lists
}
// The measures listed: the row's maxMeasures shared out over its years in turns (the first measure
// of each year, then the second, …), so every year shows some and a busy one cannot crowd out the
// rest; `listed` holds [year, how many] for the years that get any.
CALL (lists) {
  UNWIND range(0, size(lists) - 1) AS i
  UNWIND range(0, size(lists[i]) - 1) AS j
  WITH i, j
  ORDER BY j, i
  LIMIT toInteger($maxMeasures)
  WITH i, count(*) AS n
  RETURN collect([i, n]) AS listed
}
WITH e, yearCount, measureCount, years,
     [i IN range(0, size(lists) - 1) | lists[i][..coalesce(head([x IN listed WHERE x[0] = i | x[1]]), 0)]] AS shown
// Last the paths for the graph: the first maxPaths of the listed measures taken in the same turns;
// in the order of the years.
CALL (e, shown) {
  UNWIND range(0, size(shown) - 1) AS i
  UNWIND range(0, size(shown[i]) - 1) AS j
  WITH i, j, shown[i][j] AS m
  ORDER BY j, i
  LIMIT toInteger($maxPaths)
  MATCH p = (m)-[r:MENTIONS|ASSIGNED_TO]->(e)
  WHERE ($rows = 'entities' AND r:MENTIONS) OR ($rows = 'units' AND r:ASSIGNED_TO)
  WITH i, j, p
  ORDER BY i, j
  RETURN collect(p) AS paths
}
RETURN e.name AS name, e.key AS key, e.nameEn AS nameEn, yearCount, measureCount,
       [i IN range(0, size(years) - 1) |
        {year: years[i].year, measures: [m IN shown[i] | m.key], measureTotal: years[i].measureTotal}] AS years,
       paths
ORDER BY yearCount DESC, measureCount DESC, name;
