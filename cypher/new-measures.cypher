// name: new-measures
// description: Measures that continue nothing of the earlier plans of their series (the same partner
//   region): what is new in a plan. A series' first plan has none. `document` restricts it to one
//   plan (its key, title or source file name); null gives every plan.
// param: document (string, default null): the plan; null for every plan
// example: :params {document: '2020-guangdong-hong-kong-cooperation-work-plan'}
MATCH (d:Document)
WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
MATCH (m:Measure {document: d.key})
WHERE NOT (m)-[:CONTINUES]->()
  AND EXISTS { MATCH (p:Document) WHERE p.region = d.region AND p.year < d.year }
RETURN d.key AS document, d.year AS year, coalesce(m.reference, m.number) AS reference, m.text AS text,
       COLLECT { MATCH (m)-[:MENTIONS]->(e:Entity) RETURN DISTINCT e.name } AS entities
ORDER BY year, document, m.ordinal;
