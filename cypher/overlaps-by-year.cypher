// name: overlaps-by-year
// description: Entities (or responsible units) touched by the plans of several years, ranked by how
//   many years and then measures touch them: what stays on the agenda from year to year, and who
//   keeps the work. One row per entity or unit, with the measures of each year (keys) and the paths
//   for the graph. Only dated plans count; `region` keeps one series (hong-kong, macao or both), and
//   `fromYear`/`toYear` a range of years.
// param: rows (string, default 'entities', one of entities|units): entities the measures mention, or
//   units the measures are assigned to
// param: region (string, default null): only plans with this partner region; null for every series
// param: fromYear (integer, default null, 0..9999): only plans of this year or later
// param: toYear (integer, default null, 0..9999): only plans of this year or earlier
// param: minYears (integer, default 1, 1..100): the fewest years a row must be touched in
// param: limit (integer, default 40, 1..500): at most this many rows
// example: :params {rows: 'entities', region: null, fromYear: null, toYear: null, minYears: 1, limit: 40}
MATCH (d:Document)
WHERE d.year IS NOT NULL
  AND ($region IS NULL OR d.region = $region)
  AND ($fromYear IS NULL OR d.year >= $fromYear)
  AND ($toYear IS NULL OR d.year <= $toYear)
MATCH p = (m:Measure {document: d.key})-[r:MENTIONS|ASSIGNED_TO]->(e:Entity)
WHERE ($rows = 'entities' AND r:MENTIONS) OR ($rows = 'units' AND r:ASSIGNED_TO)
WITH e, d.year AS year, m, p ORDER BY d.key, m.ordinal
WITH e, year, collect(DISTINCT m.key) AS measures, collect(p) AS paths
ORDER BY year
WITH e, collect({year: year, measures: measures}) AS years, sum(size(measures)) AS measureCount,
     collect(paths) AS pathGroups
WHERE size(years) >= $minYears
RETURN e.name AS name, e.key AS key, e.nameEn AS nameEn, size(years) AS yearCount, measureCount, years,
       reduce(all = [], g IN pathGroups | all + g) AS paths
ORDER BY yearCount DESC, measureCount DESC, name
LIMIT toInteger($limit);
