// name: unit-overlaps
// description: Overlapping responsibilities: pairs of responsible units that are assigned to the same
//   measures, or to different measures that touch the same entity. Ranked by measures in common, then
//   by entities in common; each row lists both, with a few paths for the graph. Top-k with totals:
//   `sharedMeasures` and `sharedEntities` count everything, `measures` lists the first `maxMeasures`
//   (in plan order), `entities` the first `maxEntities` (those most measures of the pair touch), and
//   `paths` holds at most `maxPaths`, of measures in common and of entities in common.
// param: document (string, default null): only measures of this document (key, title or source file
//   name); null for every document
// param: minShared (integer, default 1, 1..1000): the fewest measures plus entities a pair must share
// param: limit (integer, default 25, 1..500): at most this many pairs
// param: maxMeasures (integer, default 50, 1..1000): at most this many measures in common listed per
//   pair
// param: maxEntities (integer, default 50, 1..1000): at most this many entities in common listed per
//   pair
// param: maxPaths (integer, default 10, 0..1000): at most this many paths per pair for the graph
// example: :params {document: null, minShared: 1, limit: 25, maxMeasures: 50, maxEntities: 50, maxPaths: 10}

// The documents whose measures count; null for every document.
OPTIONAL MATCH (d:Document)
WHERE $document IS NOT NULL AND $document IN [d.key, d.title, d.source]
WITH CASE WHEN $document IS NULL THEN null ELSE collect(d.key) END AS documents
// Counting the measures two units share is cheap: a measure has a few units. Counting the entities
// they share is not: every pair of units whose measures touch a hub entity (香港) shares it. So
// first: do measures alone decide which pairs rank? They do when `limit` pairs share at least
// `minShared` measures; then no pair sharing fewer measures than the last of those can rank.
CALL (documents) {
  MATCH (u1:Institution)<-[:ASSIGNED_TO]-(m:Measure)-[:ASSIGNED_TO]->(u2:Institution)
  WHERE u1.name < u2.name AND (documents IS NULL OR m.document IN documents)
  WITH u1, u2, count(DISTINCT m) AS shared
  WHERE shared >= $minShared
  ORDER BY shared DESC
  LIMIT toInteger($limit)
  RETURN count(*) = toInteger($limit) AS decided, min(shared) AS threshold
}
CALL (documents, decided, threshold) {
  // Decided: the pairs sharing `threshold` measures or more, and for each of them alone the
  // entities both units' measures touch (through two different measures).
  UNWIND CASE WHEN decided THEN [true] ELSE [] END AS candidates
  MATCH (u1:Institution)<-[:ASSIGNED_TO]-(m:Measure)-[:ASSIGNED_TO]->(u2:Institution)
  WHERE u1.name < u2.name AND (documents IS NULL OR m.document IN documents)
  WITH u1, u2, count(DISTINCT m) AS sharedMeasures
  WHERE sharedMeasures >= threshold
  CALL (u1, u2, documents) {
    UNWIND [u1, u2] AS u
    MATCH (u)<-[:ASSIGNED_TO]-(m:Measure)-[:MENTIONS]->(e:Entity)
    WHERE documents IS NULL OR m.document IN documents
    WITH e, collect(DISTINCT CASE WHEN u = u1 THEN m END) AS ones,
         collect(DISTINCT CASE WHEN u = u2 THEN m END) AS twos
    WHERE size(ones) > 0 AND size(twos) > 0 AND (size(ones) > 1 OR size(twos) > 1 OR ones[0] <> twos[0])
    RETURN count(e) AS sharedEntities
  }
  RETURN u1, u2, sharedMeasures, sharedEntities
  UNION ALL
  // Not decided (a small corpus, one document, a high minShared): every pair counts, entities too,
  // taken one unit at a time, so that memory holds one unit's partners rather than every pair.
  UNWIND CASE WHEN decided THEN [] ELSE [true] END AS everyPair
  MATCH (u1:Institution)
  WHERE EXISTS { (u1)<-[:ASSIGNED_TO]-(:Measure) }
  CALL (u1, documents) {
    CALL (u1, documents) {
      MATCH (u1)<-[:ASSIGNED_TO]-(m:Measure)-[:ASSIGNED_TO]->(u2:Institution)
      WHERE u1.name < u2.name AND (documents IS NULL OR m.document IN documents)
      RETURN u2, count(DISTINCT m) AS measures, 0 AS entities
      UNION ALL
      MATCH (u1)<-[:ASSIGNED_TO]-(m1:Measure)-[:MENTIONS]->(e:Entity)
      WHERE documents IS NULL OR m1.document IN documents
      WITH u1, e, collect(DISTINCT m1) AS ones
      MATCH (e)<-[:MENTIONS]-(m2:Measure)-[:ASSIGNED_TO]->(u2:Institution)
      WHERE u1.name < u2.name AND (documents IS NULL OR m2.document IN documents)
      WITH e, u2, ones, collect(DISTINCT m2) AS twos
      WHERE size(ones) > 1 OR size(twos) > 1 OR ones[0] <> twos[0]
      RETURN u2, 0 AS measures, count(e) AS entities
    }
    WITH u2, sum(measures) AS sharedMeasures, sum(entities) AS sharedEntities
    WHERE sharedMeasures + sharedEntities >= $minShared
    ORDER BY sharedMeasures DESC, sharedEntities DESC, u2.name
    LIMIT toInteger($limit)
    RETURN u2, sharedMeasures, sharedEntities
  }
  RETURN u1, u2, sharedMeasures, sharedEntities
}
WITH documents, u1, u2, sharedMeasures, sharedEntities
WHERE sharedMeasures + sharedEntities >= $minShared
ORDER BY sharedMeasures DESC, sharedEntities DESC, u1.name, u2.name
LIMIT toInteger($limit)
// What is shown, for the pairs kept only: the first measures in common in plan order, and the
// entities in common that most of the pair's measures touch.
CALL (u1, u2, documents) {
  MATCH (u1)<-[:ASSIGNED_TO]-(m:Measure)-[:ASSIGNED_TO]->(u2)
  WHERE documents IS NULL OR m.document IN documents
  WITH DISTINCT m
  ORDER BY m.year, m.document, m.ordinal
  LIMIT toInteger($maxMeasures)
  RETURN collect(m) AS measures
}
CALL (u1, u2, documents) {
  UNWIND [u1, u2] AS u
  MATCH (u)<-[:ASSIGNED_TO]-(m:Measure)-[:MENTIONS]->(e:Entity)
  WHERE documents IS NULL OR m.document IN documents
  WITH u, m, e
  ORDER BY m.year, m.document, m.ordinal
  WITH e, collect(DISTINCT CASE WHEN u = u1 THEN m END) AS ones,
       collect(DISTINCT CASE WHEN u = u2 THEN m END) AS twos
  WHERE size(ones) > 0 AND size(twos) > 0 AND (size(ones) > 1 OR size(twos) > 1 OR ones[0] <> twos[0])
  ORDER BY size(ones) + size(twos) DESC, e.name
  LIMIT toInteger($maxEntities)
  // With each entity, the first measures of either unit touching it: enough to make its paths.
  RETURN collect(e) AS entities,
         collect([ones[..toInteger($maxPaths) + 1], twos[..toInteger($maxPaths) + 1]]) AS through
}
// The paths: those of the measures listed and, for the first entities listed, those through two
// different measures (at most maxPaths each, so that a hub entity costs no more).
CALL (u1, u2, measures) {
  UNWIND range(0, size(measures) - 1) AS i
  WITH u1, u2, i, measures[i] AS m
  LIMIT toInteger($maxPaths)
  MATCH p = (u1)<-[:ASSIGNED_TO]-(m)-[:ASSIGNED_TO]->(u2)
  WITH i, p
  ORDER BY i
  RETURN collect(p) AS measurePaths
}
CALL (u1, u2, entities, through) {
  UNWIND range(0, size(entities) - 1) AS i
  WITH u1, u2, i, entities[i] AS e, through[i][0] AS ones, through[i][1] AS twos
  LIMIT toInteger($maxPaths)
  UNWIND range(0, size(ones) - 1) AS a
  UNWIND range(0, size(twos) - 1) AS b
  WITH u1, u2, i, e, a, b, ones[a] AS m1, twos[b] AS m2
  WHERE m1 <> m2
  MATCH p = (u1)<-[:ASSIGNED_TO]-(m1)-[:MENTIONS]->(e)<-[:MENTIONS]-(m2)-[:ASSIGNED_TO]->(u2)
  WITH i, a, b, p
  ORDER BY i, a, b
  WITH i, collect(p)[..toInteger($maxPaths)] AS paths
  ORDER BY i
  RETURN reduce(all = [], ps IN collect(paths) | all + ps) AS entityPaths
}
// Measures in common take the room the entities leave, and at least half of it.
WITH *, toInteger($maxPaths) AS room
WITH *, CASE WHEN room - size(entityPaths) > room - room / 2 THEN room - size(entityPaths) ELSE room - room / 2 END AS share
WITH *, CASE WHEN size(measurePaths) < share THEN size(measurePaths) ELSE share END AS taken
RETURN u1.name AS unit1, u2.name AS unit2, sharedMeasures, sharedEntities,
       [m IN measures | {document: m.document, measure: m.number, reference: coalesce(m.reference, m.number)}] AS measures,
       [e IN entities | e.name] AS entities, measurePaths[..taken] + entityPaths[..room - taken] AS paths
ORDER BY sharedMeasures DESC, sharedEntities DESC, unit1, unit2;
