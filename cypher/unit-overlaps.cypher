// name: unit-overlaps
// description: Overlapping responsibilities: pairs of responsible units that are assigned to the same
//   measures, or to different measures that touch the same entity. Ranked by measures in common, then
//   by entities in common; each row lists both, with up to 25 paths for the graph.
// param: document (string, default null): only measures of this document (key, title or source file
//   name); null for every document
// param: minShared (integer, default 1, 1..1000): the fewest measures plus entities a pair must share
// param: limit (integer, default 25, 1..500): at most this many pairs
// example: :params {document: null, minShared: 1, limit: 25}
OPTIONAL MATCH (d:Document)
WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
WITH collect(d.key) AS documents
CALL (documents) {
  MATCH p = (u1:Institution)<-[:ASSIGNED_TO]-(m:Measure)-[:ASSIGNED_TO]->(u2:Institution)
  WHERE u1.name < u2.name AND m.document IN documents
  RETURN u1, u2, m AS measure, null AS entity, p
  UNION
  MATCH p = (u1:Institution)<-[:ASSIGNED_TO]-(m1:Measure)-[:MENTIONS]->(e:Entity)
            <-[:MENTIONS]-(m2:Measure)-[:ASSIGNED_TO]->(u2:Institution)
  WHERE u1.name < u2.name AND m1 <> m2 AND m1.document IN documents AND m2.document IN documents
  RETURN u1, u2, null AS measure, e AS entity, p
}
WITH u1, u2, collect(DISTINCT measure) AS measures, collect(DISTINCT entity) AS entities, collect(p) AS paths
WHERE size(measures) + size(entities) >= $minShared
RETURN u1.name AS unit1, u2.name AS unit2, size(measures) AS sharedMeasures,
       size(entities) AS sharedEntities,
       [m IN measures | {document: m.document, measure: m.number, reference: coalesce(m.reference, m.number), reference: coalesce(m.reference, m.number)}] AS measures,
       [e IN entities | e.name] AS entities, paths[..25] AS paths
ORDER BY sharedMeasures DESC, sharedEntities DESC, unit1, unit2
LIMIT toInteger($limit);
