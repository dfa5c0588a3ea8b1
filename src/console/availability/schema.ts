/**
 * Tables of the availability record (docs/console.md, "Availability"). Only state changes are stored, not
 * every observation: a month's downtime is the time between a change to down and the next change to up.
 */
export const AVAILABILITY_SCHEMA: readonly string[] = [
  `CREATE TABLE avail_changes (
     producer TEXT NOT NULL, contract TEXT NOT NULL, at_ms INTEGER NOT NULL, up INTEGER NOT NULL CHECK (up IN (0, 1)),
     source TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
   CREATE INDEX avail_changes_key ON avail_changes (producer, contract, at_ms);
   CREATE TABLE avail_planned_outages (
     id INTEGER PRIMARY KEY, producer TEXT NOT NULL, contract TEXT NOT NULL DEFAULT '',
     from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL,
     CHECK (to_ms > from_ms));`,
];

/** The same tables on PostgreSQL; an identity column keeps the order of changes recorded in one millisecond. */
export const AVAILABILITY_SCHEMA_POSTGRES: readonly string[] = [
  `CREATE TABLE avail_changes (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     producer TEXT NOT NULL, contract TEXT NOT NULL, at_ms BIGINT NOT NULL, up BOOLEAN NOT NULL,
     source TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
   CREATE INDEX avail_changes_key ON avail_changes (producer, contract, at_ms);
   CREATE TABLE avail_planned_outages (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, producer TEXT NOT NULL, contract TEXT NOT NULL DEFAULT '',
     from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL, note TEXT NOT NULL DEFAULT '', created_ms BIGINT NOT NULL,
     CHECK (to_ms > from_ms));`,
];
