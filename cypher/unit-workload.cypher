// name: unit-workload
// description: The workload of each responsible unit (an Institution that measures are ASSIGNED_TO):
//   how many measures it leads (lead: true, marked 牽頭/牵头), how many it supports (lead: false), how
//   many it shares with at least one other unit, and the units it is co-assigned with, with the number
//   of measures in common. Ranked by measures led, then by measures assigned. Top-k with totals: the
//   counts count everything; `measures` lists the first `maxMeasures` (in plan order), `coAssigned`
//   the `maxUnits` units with the most measures in common (of `coAssignedCount`), and `paths` holds
//   the first `maxPaths` of the measures listed.
// param: unit (string, default null): only this unit (any name or alias); null for every unit
// param: document (string, default null): only measures of this document (key, title or source file
//   name); null for every document
// param: limit (integer, default 50, 1..1000): at most this many units
// param: maxMeasures (integer, default 100, 1..5000): at most this many measures listed per unit
// param: maxUnits (integer, default 100, 1..5000): at most this many co-assigned units listed per
//   unit
// param: maxPaths (integer, default 5, 0..1000): at most this many paths per unit for the graph
// example: :params {unit: null, document: null, limit: 50, maxMeasures: 100, maxUnits: 100, maxPaths: 5}

// The ranking first, on counts alone, so that a unit assigned thousands of measures costs no more
// memory than any other.
MATCH (d:Document)
WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
MATCH (m:Measure {document: d.key})-[a:ASSIGNED_TO]->(u:Institution)
WHERE $unit IS NULL
   OR any(n IN [u.name, u.key, u.nameEn] + coalesce(u.aliases, []) WHERE toLower(n) = toLower(trim($unit)))
WITH u, count(*) AS measuresAssigned, count(CASE WHEN coalesce(a.lead, false) THEN a END) AS measuresLed,
     count(CASE WHEN COUNT { (m)-[:ASSIGNED_TO]->(:Institution) } > 1 THEN a END) AS measuresShared
ORDER BY measuresLed DESC, measuresAssigned DESC, u.name
LIMIT toInteger($limit)
// Then what is shown, for the units kept only: the first measures in plan order …
CALL (u) {
  MATCH (m:Measure)-[a:ASSIGNED_TO]->(u)
  MATCH (d:Document {key: m.document})
  WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
  WITH m, a
  ORDER BY d.year, d.key, m.ordinal
  LIMIT toInteger($maxMeasures)
  RETURN collect({document: m.document, measure: m.number, reference: coalesce(m.reference, m.number),
                  lead: a.lead, shared: COUNT { (m)-[:ASSIGNED_TO]->(:Institution) } > 1}) AS measures,
         collect(m) AS listed
}
// … the units it shares the most measures with …
CALL (u) {
  MATCH (u)<-[:ASSIGNED_TO]-(m:Measure)-[:ASSIGNED_TO]->(other:Institution)
  WHERE other <> u
    AND ($document IS NULL
         OR EXISTS { MATCH (d:Document {key: m.document}) WHERE $document IN [d.key, d.title, d.source] })
  WITH other, count(DISTINCT m) AS inCommon
  ORDER BY inCommon DESC, other.name
  RETURN collect({unit: other.name, measures: inCommon})[..toInteger($maxUnits)] AS coAssigned,
         count(*) AS coAssignedCount
}
// … and the paths of the first measures listed, for the graph.
CALL (u, listed) {
  UNWIND range(0, size(listed) - 1) AS i
  WITH u, i, listed[i] AS m
  LIMIT toInteger($maxPaths)
  MATCH p = (m)-[:ASSIGNED_TO]->(u)
  WITH i, p
  ORDER BY i
  RETURN collect(p) AS paths
}
RETURN u.name AS unit, u.nameEn AS nameEn, measuresLed, measuresAssigned - measuresLed AS measuresSupported,
       measuresShared, measuresAssigned, coAssigned, coAssignedCount, measures, paths
ORDER BY measuresLed DESC, measuresAssigned DESC, unit;
