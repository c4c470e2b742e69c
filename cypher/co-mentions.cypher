// name: co-mentions
// description: Entities mentioned together in the same measures, with how many measures they share
//   and which, and up to 25 paths entity ← measure → entity for the graph. With a name, the entities
//   mentioned together with that one; without, the pairs mentioned together most often.
// param: name (string, default null): only pairs with this entity (any name or alias); null for all
//   pairs
// param: minCount (integer, default 1, 1..1000): the fewest measures a pair must share
// param: limit (integer, default 25, 1..500): at most this many pairs
// example: :params {name: '香港', minCount: 2, limit: 25}
MATCH p = (a:Entity)<-[:MENTIONS]-(m:Measure)-[:MENTIONS]->(b:Entity)
WHERE CASE
        WHEN $name IS NULL THEN a.key < b.key
        ELSE any(n IN [a.name, a.key, a.nameEn] + coalesce(a.aliases, [])
                 WHERE toLower(n) = toLower(trim($name)))
      END
WITH a, b, m, p
ORDER BY m.document, m.ordinal
WITH a, b, collect({document: m.document, measure: m.number, reference: coalesce(m.reference, m.number), reference: coalesce(m.reference, m.number)}) AS measures,
     collect(p) AS paths
WHERE size(measures) >= $minCount
RETURN a.name AS entity1, b.name AS entity2, size(measures) AS count, measures,
       paths[..25] AS paths
ORDER BY count DESC, entity1, entity2
LIMIT toInteger($limit);
