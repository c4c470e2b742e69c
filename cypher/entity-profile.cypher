// name: entity-profile
// description: Everything the graph holds about one entity, given by any of its names or aliases: its
//   type, names, the measures that mention it (document, section, number, the words that matched),
//   where it is (LOCATED_IN, PART_OF) and what is in it, the entities most often mentioned with it, and
//   the units responsible for the measures that touch it.
// param: name (string): the entity: 香港, Hong Kong, 東莞港, 东莞港 …
// example: :params {name: '東莞'}
MATCH (e:Entity)
WHERE any(n IN [e.name, e.key, e.nameEn] + coalesce(e.aliases, []) WHERE toLower(n) = toLower(trim($name)))
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, e.key AS key,
       e.nameEn AS nameEn, e.aliases AS aliases,
       COUNT { (e)<-[:MENTIONS]-(:Measure) } AS measureCount,
       COLLECT {
         MATCH (s)-[:HAS_MEASURE]->(m:Measure)-[r:MENTIONS]->(e)
         WITH s, m, r ORDER BY m.document, m.ordinal
         RETURN {document: m.document, section: CASE WHEN s:Section THEN s.title END, measure: m.number, reference: coalesce(m.reference, m.number),
                 surface: r.surface, spans: r.spans}
       } AS measures,
       COLLECT { MATCH (e)-[:LOCATED_IN]->(c) RETURN c.name } AS locatedIn,
       COLLECT { MATCH (e)-[:PART_OF]->(c) RETURN c.name } AS partOf,
       COLLECT { MATCH (x)-[:LOCATED_IN|PART_OF]->(e) WITH x ORDER BY x.name RETURN x.name } AS contains,
       COLLECT {
         MATCH (e)<-[:MENTIONS]-(m:Measure)-[:MENTIONS]->(o:Entity)
         WITH o, count(DISTINCT m) AS together ORDER BY together DESC, o.name LIMIT 10
         RETURN {entity: o.name, measures: together}
       } AS coMentioned,
       COLLECT {
         MATCH (e)<-[:MENTIONS]-(m:Measure)-[a:ASSIGNED_TO]->(u:Institution)
         WITH u, count(DISTINCT m) AS measures, sum(CASE WHEN a.lead THEN 1 ELSE 0 END) AS led
         ORDER BY measures DESC, u.name
         RETURN {unit: u.name, measures: measures, led: led}
       } AS units,
       COLLECT { MATCH p = ()-[:HAS_MEASURE]->(:Measure)-[:MENTIONS]->(e) RETURN p }
       + COLLECT { MATCH p = (e)-[:LOCATED_IN|PART_OF]-(:Entity) RETURN p } AS paths
ORDER BY entity;
