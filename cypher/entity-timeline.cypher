// name: entity-timeline
// description: Year by year, the plans and measures that touch an entity (mention it, or assign it
//   work), found by any of its names: Traditional, Simplified, English or an alias
//   (case-insensitive). One row per year and plan, with how many measures and their references; a
//   plan without a year comes last.
// param: name (string): the entity: 港珠澳大橋, 港珠澳大桥 or Hong Kong-Zhuhai-Macao Bridge
// example: :params {name: '港珠澳大桥'}
MATCH (e:Entity)
WHERE any(n IN [e.name, e.key, e.nameEn] + coalesce(e.aliases, []) WHERE toLower(n) = toLower(trim($name)))
MATCH (e)<-[:MENTIONS|ASSIGNED_TO]-(m:Measure)
WITH DISTINCT e, m
MATCH (d:Document {key: m.document})
WITH e, d, m ORDER BY m.ordinal
RETURN e.name AS entity, d.year AS year, d.key AS document, d.title AS title, count(m) AS measures,
       collect(coalesce(m.reference, m.number)) AS references
ORDER BY year IS NULL, year, document;
