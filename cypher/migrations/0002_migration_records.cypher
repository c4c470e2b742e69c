// Migration 2: one (:Migration {number, name, checksum, appliedAt}) node per migration applied,
// written by store/migrations/migrate.ts in the same step as the migration; the constraint makes two
// processes starting at once record a migration once (the second one's record fails and it reads again).
CREATE CONSTRAINT migration_number IF NOT EXISTS FOR (m:Migration) REQUIRE m.number IS UNIQUE;
