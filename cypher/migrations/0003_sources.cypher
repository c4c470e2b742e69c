// Migration 3: the originals of ingested sources, when they are kept in the graph (SOURCES_STORE=graph,
// the default with NEO4J_URI): one (:Source {sha256, name, mediaType, encoding, format, bytes,
// ingestedAt, content}) node per distinct file (ingest/originals/graph.ts).
CREATE CONSTRAINT source_sha256 IF NOT EXISTS FOR (s:Source) REQUIRE s.sha256 IS UNIQUE;
