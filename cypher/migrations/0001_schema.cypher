// Migration 1: the constraints and indexes of the policy graph (cypher/schema.cypher up to version
// 0.1.0, which applied it at every start without a record). Every statement is idempotent (IF NOT
// EXISTS), as every migration is. `npm start`, `npm run ingest` and the tests apply the migrations in
// order, each once (store/migrations/); an analyst may run them all by hand, in order:
//   for f in cypher/migrations/*.cypher; do cypher-shell -f "$f"; done

// Node keys: one node per document, section, measure and canonical entity.
CREATE CONSTRAINT document_key IF NOT EXISTS FOR (d:Document) REQUIRE d.key IS UNIQUE;
CREATE CONSTRAINT section_key IF NOT EXISTS FOR (s:Section) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT measure_key IF NOT EXISTS FOR (m:Measure) REQUIRE m.key IS UNIQUE;
CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE;

// Lookups: a document's sections and measures (replacing a document), entities by name or type.
CREATE INDEX section_document IF NOT EXISTS FOR (s:Section) ON (s.document);
CREATE INDEX measure_document IF NOT EXISTS FOR (m:Measure) ON (m.document);
CREATE INDEX measure_number IF NOT EXISTS FOR (m:Measure) ON (m.number);
CREATE INDEX measure_reference IF NOT EXISTS FOR (m:Measure) ON (m.reference);
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX document_sha256 IF NOT EXISTS FOR (d:Document) ON (d.sha256);

// Full-text search over entity names and aliases (Traditional, Simplified, English) and measure
// text. The cjk analyzer indexes CJK text as character bigrams, so partial names match. Measure text
// is eventually consistent: a load's commit does not wait for its index update (most of a bulk
// load's time otherwise); the ingest waits for it once at the end of a load, with
// CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh(), so searches see a finished load.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases, e.nameEn]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX measure_text IF NOT EXISTS FOR (m:Measure) ON EACH [m.text, m.textAlt]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true}};
