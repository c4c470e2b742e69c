// name: overlaps
// description: Entities touched from two or more top-level sections (or documents), ranked by how
//   many sections and then measures touch them, with the sections and measures on each side (their
//   numbers and keys, with the plan and its year): where separate parts of the plans converge on the
//   same port, zone, institution or policy. `region`, `fromYear` and `toYear` keep one series or a
//   range of years. Top-k with totals, so that a hub entity of a large corpus answers as small as any
//   other: `sideCount` and `measureCount` count everything; `sides` lists the `maxSides` with the most
//   measures (in plan order), each with its `measureTotal` and as many of its measures as the row's `maxMeasures`
//   allow (shared out over the sides: the first measure of each, then the second, …); `paths` holds
//   the first `maxPaths` of those, taken in the same turns.
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
// param: maxSides (integer, default 50, 1..500): at most this many sides listed per entity: those
//   with the most measures (ties in plan order), listed in plan order (year, plan, section)
// param: maxMeasures (integer, default 200, 1..5000): at most this many measures listed per entity,
//   over all its sides
// param: maxPaths (integer, default 10, 0..1000): at most this many paths per entity for the graph
// example: :params {by: 'section', document: null, region: null, fromYear: null, toYear: null, minSides: 2, limit: 25, maxSides: 50, maxMeasures: 200, maxPaths: 10}

// The ranking first, on counts alone: an entity's sides and measures are counted, never collected,
// so a hub touched by thousands of measures costs the ranking no more memory than any other entity.
MATCH p = (d:Document)-[:HAS_SECTION*0..]->()-[:HAS_MEASURE]->(:Measure)-[:MENTIONS]->(e:Entity)
WHERE ($document IS NULL OR $document IN [d.key, d.title, d.source])
  AND ($region IS NULL OR d.region = $region)
  AND ($fromYear IS NULL OR d.year >= $fromYear)
  AND ($toYear IS NULL OR d.year <= $toYear)
// Measures at any depth; one directly under its document has the document as its side.
WITH e, d, CASE WHEN $by = 'section' AND nodes(p)[1]:Section THEN nodes(p)[1] ELSE d END AS side,
     count(*) AS measures
WITH e, count(*) AS sideCount, sum(measures) AS measureCount
WHERE sideCount >= $minSides
ORDER BY sideCount DESC, measureCount DESC, e.name
LIMIT toInteger($limit)
// Then what is shown, for the entities kept only: the first sides in plan order, with their
// measures in the plan's order (measure nodes, not paths).
CALL (e) {
  MATCH p = (d:Document)-[:HAS_SECTION*0..]->()-[:HAS_MEASURE]->(m:Measure)-[:MENTIONS]->(e)
  WHERE ($document IS NULL OR $document IN [d.key, d.title, d.source])
    AND ($region IS NULL OR d.region = $region)
    AND ($fromYear IS NULL OR d.year >= $fromYear)
    AND ($toYear IS NULL OR d.year <= $toYear)
  WITH d, CASE WHEN $by = 'section' AND nodes(p)[1]:Section THEN nodes(p)[1] ELSE d END AS side, m
  ORDER BY m.ordinal
  WITH d, side, collect(m) AS measures
  // The sides with the most measures (on a corpus, the first in plan order would all be its oldest
  // plans'), then listed in plan order.
  ORDER BY size(measures) DESC, d.year, d.key, side.ordinal
  LIMIT toInteger($maxSides)
  WITH d, side, measures
  ORDER BY d.year, d.key, side.ordinal
  RETURN collect({document: d.key, year: d.year, sectionNumber: CASE WHEN side:Section THEN side.number END,
                  section: CASE WHEN side:Section THEN side.title END, measureTotal: size(measures)}) AS sides,
         collect(measures) AS lists
}
// The measures listed: the row's maxMeasures shared out over its sides in turns (the first measure
// of each side, then the second, …), so every side shows some and a long one cannot crowd out the
// rest; `listed` holds [side, how many] for the sides that get any.
CALL (lists) {
  UNWIND range(0, size(lists) - 1) AS i
  UNWIND range(0, size(lists[i]) - 1) AS j
  WITH i, j
  ORDER BY j, i
  LIMIT toInteger($maxMeasures)
  WITH i, count(*) AS n
  RETURN collect([i, n]) AS listed
}
WITH e, sideCount, measureCount, sides,
     [i IN range(0, size(lists) - 1) | lists[i][..coalesce(head([x IN listed WHERE x[0] = i | x[1]]), 0)]] AS shown
// Last the paths for the graph: the first maxPaths of the listed measures taken in the same turns,
// so that the sides shown have their plan and section in the graph; in the order of the sides.
CALL (e, shown) {
  UNWIND range(0, size(shown) - 1) AS i
  UNWIND range(0, size(shown[i]) - 1) AS j
  WITH i, j, shown[i][j] AS m
  ORDER BY j, i
  LIMIT toInteger($maxPaths)
  MATCH p = (:Document)-[:HAS_SECTION*0..]->()-[:HAS_MEASURE]->(m)-[:MENTIONS]->(e)
  WITH i, j, p
  ORDER BY i, j
  RETURN collect(p) AS paths
}
RETURN e.name AS entity, labels(e) AS labels, e.nameEn AS nameEn, sideCount, measureCount,
       [i IN range(0, size(sides) - 1) |
        {document: sides[i].document, year: sides[i].year, sectionNumber: sides[i].sectionNumber,
         section: sides[i].section, measures: [m IN shown[i] | m.number], keys: [m IN shown[i] | m.key],
         measureTotal: sides[i].measureTotal}] AS sides,
       paths
ORDER BY sideCount DESC, measureCount DESC, entity;
