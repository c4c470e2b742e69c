// name: dropped-measures
// description: Measures that the next plan of their series (the same partner region, the next year
//   that has a plan) continues nothing of: commitments that disappeared that year. `document`
//   restricts it to one plan (its key, title or source file name); null gives every plan.
// param: document (string, default null): the plan whose measures may have been dropped; null for
//   every plan
// example: :params {document: '2019-guangdong-hong-kong-work-plan-units'}
MATCH (d:Document)
WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
WITH d, COLLECT { MATCH (x:Document) WHERE x.region = d.region AND x.year > d.year RETURN x.year ORDER BY x.year LIMIT 1 } AS next
WHERE size(next) = 1
MATCH (m:Measure {document: d.key})
WHERE NOT EXISTS {
  MATCH (m)<-[:CONTINUES]-(n:Measure) MATCH (nd:Document {key: n.document}) WHERE nd.year = next[0]
}
RETURN d.key AS document, d.year AS year, next[0] AS droppedIn, coalesce(m.reference, m.number) AS reference,
       m.text AS text
ORDER BY year, document, m.ordinal;
