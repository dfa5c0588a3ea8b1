/**
 * The EI's tables in the shared database (prefix `ei_`), applied with `migrate(db, 'ei', EI_SCHEMA)` on SQLite
 * and `migratePostgres(pool, 'ei', EI_SCHEMA_POSTGRES)` on PostgreSQL. Never edit a released step; add one.
 *
 * ei_engagement is keyed by (rrid, serviceDomain, categorization, id) WITHOUT ROWID: the real EI's index
 * (rrid, service_domain, categorization) and the unique id in one B-tree, so FindContent (rrid and
 * serviceDomain are mandatory) is a range scan and an Update looks a row up by its full key.
 */
export const EI_SCHEMA: readonly string[] = [
  `CREATE TABLE ei_engagement (
     rrid TEXT NOT NULL, service_domain TEXT NOT NULL, categorization TEXT NOT NULL, id BLOB NOT NULL,
     logical_address TEXT NOT NULL, boii TEXT NOT NULL, cpiid TEXT NOT NULL, most_recent_content TEXT,
     source_system TEXT NOT NULL, data_controller TEXT NOT NULL, owner TEXT NOT NULL,
     creation_time TEXT NOT NULL, update_time TEXT,
     PRIMARY KEY (rrid, service_domain, categorization, id)
   ) WITHOUT ROWID;
   CREATE TABLE ei_count (
     service_domain TEXT NOT NULL, source_system TEXT NOT NULL, engagements INTEGER NOT NULL,
     PRIMARY KEY (service_domain, source_system)
   ) WITHOUT ROWID;
   CREATE TABLE ei_outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT, subscriber TEXT NOT NULL, payload TEXT NOT NULL,
     correlation_id TEXT NOT NULL, transactions INTEGER NOT NULL, created_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT, dead_at INTEGER
   );
   CREATE INDEX ei_outbox_queue ON ei_outbox (subscriber, dead_at, id);
   CREATE TABLE ei_held_request (
     id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, transactions TEXT NOT NULL,
     correlation_id TEXT NOT NULL, received_at INTEGER NOT NULL
   );
   CREATE TABLE ei_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // The notifier delivering a message holds it until lease_until (ms since the epoch), so another instance does not send it too.
  `ALTER TABLE ei_outbox ADD COLUMN lease_owner TEXT;
   ALTER TABLE ei_outbox ADD COLUMN lease_until INTEGER;`,
];

/**
 * The same tables on PostgreSQL. ei_engagement's primary key is the same B-tree; the id is `bytea`. Times in
 * milliseconds are `BIGINT` (read as numbers, src/store/postgres.ts).
 */
export const EI_SCHEMA_POSTGRES: readonly string[] = [
  `CREATE TABLE ei_engagement (
     rrid TEXT NOT NULL, service_domain TEXT NOT NULL, categorization TEXT NOT NULL, id BYTEA NOT NULL,
     logical_address TEXT NOT NULL, boii TEXT NOT NULL, cpiid TEXT NOT NULL, most_recent_content TEXT,
     source_system TEXT NOT NULL, data_controller TEXT NOT NULL, owner TEXT NOT NULL,
     creation_time TEXT NOT NULL, update_time TEXT,
     PRIMARY KEY (rrid, service_domain, categorization, id)
   );
   CREATE TABLE ei_count (
     service_domain TEXT NOT NULL, source_system TEXT NOT NULL, engagements BIGINT NOT NULL,
     PRIMARY KEY (service_domain, source_system)
   );
   CREATE TABLE ei_outbox (
     id BIGSERIAL PRIMARY KEY, subscriber TEXT NOT NULL, payload TEXT NOT NULL,
     correlation_id TEXT NOT NULL, transactions INTEGER NOT NULL, created_at BIGINT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, last_error TEXT, dead_at BIGINT,
     lease_owner TEXT, lease_until BIGINT
   );
   CREATE INDEX ei_outbox_queue ON ei_outbox (subscriber, dead_at, id);
   CREATE TABLE ei_held_request (
     id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, transactions TEXT NOT NULL,
     correlation_id TEXT NOT NULL, received_at BIGINT NOT NULL
   );
   CREATE TABLE ei_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];
