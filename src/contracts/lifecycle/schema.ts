/**
 * The contract lifecycle's tables (prefix `lifecycle_`), applied with `migrate(db, 'lifecycle', LIFECYCLE_SCHEMA)`
 * on SQLite and `migratePostgres(pool, 'lifecycle', LIFECYCLE_SCHEMA_POSTGRES)` on PostgreSQL. Never edit a
 * released step; add one.
 *
 * lifecycle_usage holds one row per local day, sender and contract: the hub's traffic log is in memory and
 * bounded, and "called in the last 30 days" must survive a restart.
 */
export const LIFECYCLE_SCHEMA: readonly string[] = [
  `CREATE TABLE lifecycle_usage (
     day TEXT NOT NULL, sender TEXT NOT NULL, contract TEXT NOT NULL, calls INTEGER NOT NULL,
     PRIMARY KEY (day, sender, contract)
   ) WITHOUT ROWID;
   CREATE TABLE lifecycle_release_date (
     domain TEXT NOT NULL, release TEXT NOT NULL, published TEXT NOT NULL,
     updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,
     PRIMARY KEY (domain, release)
   ) WITHOUT ROWID;
   CREATE TABLE lifecycle_published_correction (
     namespace TEXT PRIMARY KEY, published TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
   ) WITHOUT ROWID;`,
];

export const LIFECYCLE_SCHEMA_POSTGRES: readonly string[] = [
  `CREATE TABLE lifecycle_usage (
     day TEXT NOT NULL, sender TEXT NOT NULL, contract TEXT NOT NULL, calls BIGINT NOT NULL,
     PRIMARY KEY (day, sender, contract)
   );
   CREATE TABLE lifecycle_release_date (
     domain TEXT NOT NULL, release TEXT NOT NULL, published TEXT NOT NULL,
     updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,
     PRIMARY KEY (domain, release)
   );
   CREATE TABLE lifecycle_published_correction (
     namespace TEXT PRIMARY KEY, published TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
   );`,
];
