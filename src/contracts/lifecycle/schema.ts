/**
 * The contract lifecycle's tables in the shared database (prefix `lifecycle_`), applied with
 * `migrate(db, 'lifecycle', LIFECYCLE_SCHEMA)`. Never edit a released step; add one.
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
