// name: document-outline
// description: The structure of a document: its sections and subsections in order, each with its
//   level, number, title, parent, and the measures it holds directly (number and text). One row per
//   section, and one of level 0 (no number or title) for measures directly under the document; a
//   document's measures are the sum over its rows.
// param: document (string, default null): the document's key, title or source file name; null for
//   every document
// example: :params {document: '2020-guangdong-hong-kong-cooperation-work-plan'}
MATCH (d:Document)
WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
CALL (d) {
  MATCH p = (d)-[:HAS_SECTION*1..]->(s:Section)
  OPTIONAL MATCH (parent:Section)-[:HAS_SECTION]->(s)
  RETURN s AS holder, parent, [p] AS structure
  UNION
  MATCH (d)-[:HAS_MEASURE]->(:Measure)
  WITH DISTINCT d
  RETURN d AS holder, null AS parent, [] AS structure
}
OPTIONAL MATCH hm = (holder)-[:HAS_MEASURE]->(m:Measure)
WITH d, holder, parent, structure, hm, m,
     CASE WHEN holder:Section THEN holder.ordinal ELSE 0 END AS ordinal
ORDER BY d.year, d.key, ordinal, m.ordinal
WITH d, holder, parent, structure, ordinal, collect(m) AS ms, collect(hm) AS measurePaths
RETURN d.key AS document, d.title AS title, ordinal,
       CASE WHEN holder:Section THEN holder.level ELSE 0 END AS level,
       CASE WHEN holder:Section THEN holder.number END AS number,
       CASE WHEN holder:Section THEN holder.title END AS section, parent.number AS parent,
       size(ms) AS measureCount, [m IN ms | {measure: m.number, reference: coalesce(m.reference, m.number), text: m.text}] AS measures,
       structure + measurePaths AS paths
ORDER BY d.year, d.key, ordinal;
