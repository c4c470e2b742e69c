// name: measure-lineage
// description: A measure's lineage through the years of its series, one row per measure: the measure
//   itself, every measure it continues (CONTINUES runs from the newer measure to the older one) and
//   what those continue, back to the first plan, and every measure that continues it, forward to the
//   last. Each row gives the plan's year, the reference and text, and what the measure continues
//   (reference, year, kind: same, revised, merged or split; similarity 0–1).
// param: measure (string): the measure's key, e.g. 2020-guangdong-hong-kong-cooperation-work-plan/m2
// example: :params {measure: '2020-guangdong-hong-kong-cooperation-work-plan/m2'}
MATCH (m:Measure {key: $measure})
CALL (m) {
  RETURN m AS x, 'self' AS relation
  UNION
  MATCH (m)-[:CONTINUES]->+(x:Measure) RETURN x, 'predecessor' AS relation
  UNION
  MATCH (m)<-[:CONTINUES]-+(x:Measure) RETURN x, 'successor' AS relation
}
MATCH (d:Document {key: x.document})
RETURN d.year AS year, d.key AS document, coalesce(x.reference, x.number) AS reference, relation, x.text AS text,
       COLLECT {
         MATCH (x)-[c:CONTINUES]->(y:Measure) MATCH (yd:Document {key: y.document})
         RETURN {reference: coalesce(y.reference, y.number), year: yd.year, kind: c.kind, similarity: c.similarity}
       } AS continues
ORDER BY year, document, x.ordinal;
