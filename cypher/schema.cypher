// name: schema
// description: Constraints and indexes of the policy graph. Every statement is idempotent
//   (IF NOT EXISTS); `npm start` and `npm run ingest` apply this file before writing.
//   Run it by hand with: cypher-shell -f cypher/schema.cypher

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
