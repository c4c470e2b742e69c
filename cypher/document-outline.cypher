// name: document-outline
// description: The structure of a document: its sections and subsections in order, each with its
//   level, number, title, parent, and the measures it holds directly (number and text). One row per
//   section; a document's measures are the sum over its rows.
// param: document (string, default null): the document's key, title or source file name; null for
//   every document
// example: :params {document: '2020-guangdong-hong-kong-cooperation-work-plan'}
MATCH (d:Document)
WHERE $document IS NULL OR $document IN [d.key, d.title, d.source]
MATCH p = (d)-[:HAS_SECTION*1..]->(s:Section)
OPTIONAL MATCH (parent:Section)-[:HAS_SECTION]->(s)
OPTIONAL MATCH hm = (s)-[:HAS_MEASURE]->(m:Measure)
WITH d, s, parent, p, hm, m
ORDER BY d.year, d.key, s.ordinal, m.ordinal
WITH d, s, parent, p, collect(m) AS ms, collect(hm) AS measurePaths
RETURN d.key AS document, d.title AS title, s.ordinal AS ordinal, s.level AS level,
       s.number AS number, s.title AS section, parent.number AS parent, size(ms) AS measureCount,
       [m IN ms | {measure: m.number, text: m.text}] AS measures, [p] + measurePaths AS paths
ORDER BY d.year, d.key, s.ordinal;
