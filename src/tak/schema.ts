/**
 * The catalogue's tables in the shared database (prefix `tak_`), applied with `migrate(db, 'tak', TAK_SCHEMA)`
 * on SQLite and `migratePostgres(pool, 'tak', TAK_SCHEMA_POSTGRES)` on PostgreSQL. Never edit a released step; add one.
 */
import { DEFAULT_PROFILES } from './model.js';

const META_COLUMNS = 'updated_by TEXT, updated_time TEXT, deleted INTEGER NOT NULL DEFAULT 0';

const PROFILE_ROWS = DEFAULT_PROFILES.map((p, i) => `INSERT INTO tak_riv_profile (id, name, description) VALUES (${i + 1}, '${p.name}', '${p.description}');`).join('\n');

const SCHEMA_V1 = `
CREATE TABLE tak_component (id INTEGER PRIMARY KEY, hsa_id TEXT NOT NULL, description TEXT NOT NULL, ${META_COLUMNS});
CREATE UNIQUE INDEX tak_component_key ON tak_component (upper(hsa_id)) WHERE deleted = 0;
CREATE TABLE tak_contract (id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, major INTEGER NOT NULL, minor INTEGER NOT NULL, description TEXT NOT NULL, ${META_COLUMNS});
CREATE UNIQUE INDEX tak_contract_key ON tak_contract (namespace) WHERE deleted = 0;
CREATE TABLE tak_logical_address (id INTEGER PRIMARY KEY, hsa_id TEXT NOT NULL, description TEXT NOT NULL, ${META_COLUMNS});
CREATE UNIQUE INDEX tak_logical_address_key ON tak_logical_address (upper(hsa_id)) WHERE deleted = 0;
CREATE TABLE tak_riv_profile (id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, ${META_COLUMNS});
CREATE TABLE tak_call_address (id INTEGER PRIMARY KEY, url TEXT NOT NULL, component_id INTEGER NOT NULL REFERENCES tak_component(id),
  profile_id INTEGER NOT NULL REFERENCES tak_riv_profile(id), ${META_COLUMNS});
CREATE TABLE tak_route (id INTEGER PRIMARY KEY, contract_id INTEGER NOT NULL REFERENCES tak_contract(id),
  logical_address_id INTEGER NOT NULL REFERENCES tak_logical_address(id), call_address_id INTEGER NOT NULL REFERENCES tak_call_address(id),
  from_date TEXT NOT NULL, to_date TEXT NOT NULL, ${META_COLUMNS});
CREATE TABLE tak_permission (id INTEGER PRIMARY KEY, consumer_id INTEGER NOT NULL REFERENCES tak_component(id),
  contract_id INTEGER NOT NULL REFERENCES tak_contract(id), logical_address_id INTEGER NOT NULL REFERENCES tak_logical_address(id),
  from_date TEXT NOT NULL, to_date TEXT NOT NULL, agreement TEXT NOT NULL, ${META_COLUMNS});
CREATE TABLE tak_filter (id INTEGER PRIMARY KEY, permission_id INTEGER NOT NULL REFERENCES tak_permission(id), service_domain TEXT NOT NULL, categorizations TEXT NOT NULL);
CREATE INDEX tak_filter_permission ON tak_filter (permission_id);
CREATE TABLE tak_hsa_unit (id INTEGER PRIMARY KEY, hsa_id TEXT NOT NULL, parent TEXT, name TEXT, ${META_COLUMNS});
CREATE TABLE tak_pub_version (id INTEGER PRIMARY KEY, format_version INTEGER NOT NULL, time TEXT NOT NULL, author TEXT NOT NULL,
  comment TEXT NOT NULL, data BLOB NOT NULL, size INTEGER NOT NULL, routes INTEGER NOT NULL, permissions INTEGER NOT NULL);
CREATE TABLE tak_audit (id INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL, kind TEXT NOT NULL, row_id INTEGER, summary TEXT NOT NULL);
CREATE TABLE tak_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO tak_meta VALUES ('revision', 0);
${PROFILE_ROWS}
`;

const SCHEMA_V2 = `
CREATE TABLE tak_format_mapping (id INTEGER PRIMARY KEY, logical_address_id INTEGER NOT NULL REFERENCES tak_logical_address(id),
  contract_id INTEGER NOT NULL REFERENCES tak_contract(id), format TEXT NOT NULL, url TEXT NOT NULL, receiver_id TEXT NOT NULL,
  receiver_id_type TEXT NOT NULL, sender_id TEXT NOT NULL, product TEXT NOT NULL, transfer TEXT NOT NULL, asynch_answer TEXT NOT NULL, ${META_COLUMNS});
`;

export const TAK_SCHEMA: readonly string[] = [SCHEMA_V1, SCHEMA_V2];

const PG_META_COLUMNS = 'updated_by TEXT, updated_time TEXT, deleted BOOLEAN NOT NULL DEFAULT false, changed_rev BIGINT NOT NULL DEFAULT 0';

/**
 * The same tables on PostgreSQL: ids BIGINT (the draft assigns them), the blob BYTEA, `deleted` a boolean.
 * `tak_meta`'s revision row is the writers' lock: every write takes it FOR UPDATE first. A row's pending marks
 * (`updated_by`, `updated_time`) count only while its `changed_rev` (the revision that wrote it marked; 0 when
 * written unmarked) is above the `published` revision in `tak_meta`: a publish clears every mark by moving that
 * one number instead of rewriting each pending row.
 */
const POSTGRES_V1 = `
CREATE TABLE tak_component (id BIGINT PRIMARY KEY, hsa_id TEXT NOT NULL, description TEXT NOT NULL, ${PG_META_COLUMNS});
CREATE UNIQUE INDEX tak_component_key ON tak_component (upper(hsa_id)) WHERE NOT deleted;
CREATE TABLE tak_contract (id BIGINT PRIMARY KEY, namespace TEXT NOT NULL, major INTEGER NOT NULL, minor INTEGER NOT NULL, description TEXT NOT NULL, ${PG_META_COLUMNS});
CREATE UNIQUE INDEX tak_contract_key ON tak_contract (namespace) WHERE NOT deleted;
CREATE TABLE tak_logical_address (id BIGINT PRIMARY KEY, hsa_id TEXT NOT NULL, description TEXT NOT NULL, ${PG_META_COLUMNS});
CREATE UNIQUE INDEX tak_logical_address_key ON tak_logical_address (upper(hsa_id)) WHERE NOT deleted;
CREATE TABLE tak_riv_profile (id BIGINT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, ${PG_META_COLUMNS});
CREATE TABLE tak_call_address (id BIGINT PRIMARY KEY, url TEXT NOT NULL, component_id BIGINT NOT NULL REFERENCES tak_component(id),
  profile_id BIGINT NOT NULL REFERENCES tak_riv_profile(id), ${PG_META_COLUMNS});
CREATE TABLE tak_route (id BIGINT PRIMARY KEY, contract_id BIGINT NOT NULL REFERENCES tak_contract(id),
  logical_address_id BIGINT NOT NULL REFERENCES tak_logical_address(id), call_address_id BIGINT NOT NULL REFERENCES tak_call_address(id),
  from_date TEXT NOT NULL, to_date TEXT NOT NULL, ${PG_META_COLUMNS});
CREATE TABLE tak_permission (id BIGINT PRIMARY KEY, consumer_id BIGINT NOT NULL REFERENCES tak_component(id),
  contract_id BIGINT NOT NULL REFERENCES tak_contract(id), logical_address_id BIGINT NOT NULL REFERENCES tak_logical_address(id),
  from_date TEXT NOT NULL, to_date TEXT NOT NULL, agreement TEXT NOT NULL, ${PG_META_COLUMNS});
CREATE TABLE tak_filter (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, permission_id BIGINT NOT NULL REFERENCES tak_permission(id),
  service_domain TEXT NOT NULL, categorizations TEXT NOT NULL);
CREATE INDEX tak_filter_permission ON tak_filter (permission_id);
CREATE TABLE tak_hsa_unit (id BIGINT PRIMARY KEY, hsa_id TEXT NOT NULL, parent TEXT, name TEXT, ${PG_META_COLUMNS});
CREATE TABLE tak_format_mapping (id BIGINT PRIMARY KEY, logical_address_id BIGINT NOT NULL REFERENCES tak_logical_address(id),
  contract_id BIGINT NOT NULL REFERENCES tak_contract(id), format TEXT NOT NULL, url TEXT NOT NULL, receiver_id TEXT NOT NULL,
  receiver_id_type TEXT NOT NULL, sender_id TEXT NOT NULL, product TEXT NOT NULL, transfer TEXT NOT NULL, asynch_answer TEXT NOT NULL, ${PG_META_COLUMNS});
CREATE TABLE tak_pub_version (id BIGINT PRIMARY KEY, format_version INTEGER NOT NULL, time TEXT NOT NULL, author TEXT NOT NULL,
  comment TEXT NOT NULL, data BYTEA NOT NULL, size BIGINT NOT NULL, routes BIGINT NOT NULL, permissions BIGINT NOT NULL);
CREATE TABLE tak_audit (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, time TEXT NOT NULL, "user" TEXT NOT NULL, action TEXT NOT NULL,
  kind TEXT NOT NULL, row_id BIGINT, summary TEXT NOT NULL);
CREATE TABLE tak_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO tak_meta VALUES ('revision', 0), ('published', 0);
${PROFILE_ROWS}
`;

export const TAK_SCHEMA_POSTGRES: readonly string[] = [POSTGRES_V1];
