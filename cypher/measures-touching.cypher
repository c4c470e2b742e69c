// name: measures-touching
// description: Measures that mention an entity, found by any of its names: Traditional, Simplified,
//   English or an alias (case-insensitive). Each row is one measure and one entity it mentions, with
//   the measure text, its section (null for a measure directly under the document) and document, the mention spans (flat [start0, end0, start1, end1, …]
//   offsets in the measure text) and the text they cover. With includeContained, entities located in
//   it or part of it count too (東莞 brings 東莞港; 珠三角九市 brings its nine cities), and `via`
//   shows the chain from that entity to the one asked for.
// param: name (string): the entity: 港珠澳大橋, 港珠澳大桥, Hong Kong-Zhuhai-Macao Bridge or HZMB
// param: includeContained (boolean, default false): also measures touching entities LOCATED_IN or
//   PART_OF it, up to four steps away
// example: :params {name: '港珠澳大桥', includeContained: false}
CALL () {
  // The entity by any of its names, found through the indexes (key, name, and the full-text index of
  // names, aliases and English names as a phrase); only when none of those is it, every entity is read.
  CALL () {
    MATCH (t:Entity {key: trim($name)}) RETURN t
    UNION
    MATCH (t:Entity {name: trim($name)}) RETURN t
    UNION
    CALL db.index.fulltext.queryNodes('entity_names',
      '"' + replace(replace(trim($name), '\\', '\\\\'), '"', '\\"') + '"') YIELD node
    RETURN node AS t
  }
  WITH t WHERE any(n IN [t.name, t.key, t.nameEn] + coalesce(t.aliases, []) WHERE toLower(n) = toLower(trim($name)))
  RETURN collect(DISTINCT t) AS found
}
CALL (found) {
  UNWIND found AS target RETURN target
  UNION
  WITH found WHERE size(found) = 0
  MATCH (target:Entity)
  WHERE any(n IN [target.name, target.key, target.nameEn] + coalesce(target.aliases, [])
            WHERE toLower(n) = toLower(trim($name)))
  RETURN target
}
MATCH (e:Entity)-[:LOCATED_IN|PART_OF*0..4]->(target)
WITH DISTINCT target, e
WHERE e = target OR $includeContained
MATCH c = shortestPath((e)-[:LOCATED_IN|PART_OF*0..4]->(target))
// Measures at any depth: under a section or subsection, or directly under the document (s = d).
MATCH p = (d:Document)-[:HAS_SECTION*0..]->(s)-[:HAS_MEASURE]->(m:Measure)-[r:MENTIONS]->(e)
RETURN d.key AS document, CASE WHEN s:Section THEN s.number END AS sectionNumber,
       CASE WHEN s:Section THEN s.title END AS section, m.number AS measure, coalesce(m.reference, m.number) AS reference,
       m.text AS text, e.name AS entity, labels(e) AS labels, [x IN nodes(c) | x.name] AS via,
       r.spans AS spans,
       [i IN range(0, size(r.spans) - 2, 2) |
        substring(m.text, r.spans[i], r.spans[i + 1] - r.spans[i])] AS surfaces,
       p AS path, c AS containment
ORDER BY d.year, d.key, m.ordinal, e.name;
