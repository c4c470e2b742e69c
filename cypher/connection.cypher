// name: connection
// description: How two entities are connected through measures: all shortest paths between them that
//   go entity → measure → entity … (MENTIONS and ASSIGNED_TO, either direction). Each entity is given
//   by any of its names or aliases. `route` reads the path: entity names, and measures as
//   "document #reference" (`…-plan #三（一）16`).
// param: from (string): one entity, e.g. 東莞港, 东莞港 or Dongguan Port
// param: to (string): the other entity
// param: maxLength (integer, default 8, 2..12): the longest path, in relationships (2 is one measure
//   mentioning both; 4 goes through two measures and one entity between them)
// param: limit (integer, default 10, 1..100): at most this many paths
// example: :params {from: '東莞港', to: '香港國際機場', maxLength: 8, limit: 10}
MATCH (a:Entity)
WHERE any(n IN [a.name, a.key, a.nameEn] + coalesce(a.aliases, []) WHERE toLower(n) = toLower(trim($from)))
MATCH (b:Entity)
WHERE any(n IN [b.name, b.key, b.nameEn] + coalesce(b.aliases, []) WHERE toLower(n) = toLower(trim($to)))
  AND a <> b
MATCH p = allShortestPaths((a)-[:MENTIONS|ASSIGNED_TO*..12]-(b))
WHERE length(p) <= $maxLength
RETURN a.name AS from, b.name AS to, length(p) AS length,
       [n IN nodes(p) | CASE WHEN n:Measure THEN n.document + ' #' + coalesce(n.reference, n.number) ELSE n.name END] AS route,
       [n IN nodes(p) WHERE n:Measure | {document: n.document, measure: n.number, reference: coalesce(n.reference, n.number), text: n.text}] AS measures,
       p AS path
ORDER BY length, route
LIMIT toInteger($limit);
