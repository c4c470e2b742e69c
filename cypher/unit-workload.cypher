// name: unit-workload
// description: The workload of each responsible unit (an Institution that measures are ASSIGNED_TO):
//   how many measures it leads (lead: true, marked 牽頭/牵头), how many it supports (lead: false), how
//   many it shares with at least one other unit, and the units it is co-assigned with, with the number
//   of measures in common. Ranked by measures led, then by measures assigned.
// param: unit (string, default null): only this unit (any name or alias); null for every unit
// param: document (string, default null): only measures of this document (key, title or source file
//   name); null for every document
// param: limit (integer, default 50, 1..1000): at most this many units
// example: :params {unit: null, document: null, limit: 50}
MATCH (d:Document)
WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
MATCH p = (m:Measure {document: d.key})-[a:ASSIGNED_TO]->(u:Institution)
WHERE $unit IS NULL
   OR any(n IN [u.name, u.key, u.nameEn] + coalesce(u.aliases, []) WHERE toLower(n) = toLower(trim($unit)))
WITH u, m, a, p, COUNT { (m)-[:ASSIGNED_TO]->(:Institution) } > 1 AS shared
ORDER BY d.year, d.key, m.ordinal
WITH u, collect(m) AS ms, collect(p) AS paths,
     collect({document: m.document, measure: m.number, reference: coalesce(m.reference, m.number), lead: a.lead, shared: shared}) AS measures
CALL (u, ms) {
  UNWIND ms AS m
  MATCH (m)-[:ASSIGNED_TO]->(other:Institution)
  WHERE other <> u
  WITH other, count(DISTINCT m) AS inCommon
  ORDER BY inCommon DESC, other.name
  RETURN collect({unit: other.name, measures: inCommon}) AS coAssigned
}
RETURN u.name AS unit, u.nameEn AS nameEn,
       size([x IN measures WHERE coalesce(x.lead, false)]) AS measuresLed,
       size([x IN measures WHERE NOT coalesce(x.lead, false)]) AS measuresSupported,
       size([x IN measures WHERE x.shared]) AS measuresShared,
       size(measures) AS measuresAssigned, coAssigned, measures, paths
ORDER BY measuresLed DESC, measuresAssigned DESC, unit
LIMIT toInteger($limit);
