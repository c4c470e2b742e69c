// name: overlaps
// description: Entities touched from two or more top-level sections (or documents), ranked by how
//   many sections and then measures touch them, with the sections and measures on each side (their
//   numbers and keys, with the plan and its year): where separate parts of the plans converge on the
//   same port, zone, institution or policy. `region`, `fromYear` and `toYear` keep one series or a
//   range of years.
// param: by (string, default 'section', one of section|document): what counts as a side: a top-level
//   section of a document, or a whole document
// param: document (string, default null): only this document (key, title or source file name);
//   null for every document
// param: region (string, default null): only plans with this partner region (hong-kong, macao, both);
//   null for every series
// param: fromYear (integer, default null, 0..9999): only plans of this year or later
// param: toYear (integer, default null, 0..9999): only plans of this year or earlier
// param: minSides (integer, default 2, 2..100): the fewest sides an entity must be touched from
// param: limit (integer, default 25, 1..500): at most this many entities
// example: :params {by: 'section', document: null, region: null, fromYear: null, toYear: null, minSides: 2, limit: 25}
MATCH p = (d:Document)-[:HAS_SECTION*0..]->()-[:HAS_MEASURE]->(m:Measure)-[:MENTIONS]->(e:Entity)
WHERE ($document IS NULL OR $document IN [d.key, d.title, d.source])
  AND ($region IS NULL OR d.region = $region)
  AND ($fromYear IS NULL OR d.year >= $fromYear)
  AND ($toYear IS NULL OR d.year <= $toYear)
// Measures at any depth; one directly under its document has the document as its side.
WITH e, d, CASE WHEN nodes(p)[1]:Section THEN nodes(p)[1] ELSE d END AS top, m, p
WITH e, d, CASE $by WHEN 'document' THEN null ELSE top END AS side, m, p
ORDER BY d.year, d.key, m.ordinal
WITH e, d, side, collect(m.number) AS measures, collect(m.key) AS keys, collect(p) AS paths
ORDER BY d.year, d.key, side.ordinal
WITH e,
     collect({document: d.key, year: d.year, sectionNumber: CASE WHEN side:Section THEN side.number END,
              section: CASE WHEN side:Section THEN side.title END, measures: measures, keys: keys}) AS sides,
     sum(size(measures)) AS measureCount, collect(paths) AS pathGroups
WHERE size(sides) >= $minSides
RETURN e.name AS entity, labels(e) AS labels, e.nameEn AS nameEn, size(sides) AS sideCount,
       measureCount, sides, reduce(all = [], g IN pathGroups | all + g) AS paths
ORDER BY sideCount DESC, measureCount DESC, entity
LIMIT toInteger($limit);
