/**
 * The catalogue in a PostgreSQL database (tables `tak_*`), which several platform instances share. Every
 * write takes the revision row of `tak_meta` FOR UPDATE first: writers on any instance queue there, and each
 * checks the revision (TAK_ERR_CONFLICT) or the pending rows only once it holds the lock. Reads of the working
 * rows run in one REPEATABLE READ snapshot, so the revision and the rows they return agree.
 */
import { inTransaction, migratePostgres, type PgClient, type PgPool } from '../store/postgres.js';
import { TakError } from './errors.js';
import { KINDS, emptyWorking, type Kind, type WorkingData, type WorkingRow } from './model.js';
import type { ChangeSet } from './draft.js';
import { decodeData, liveData } from './published-data.js';
import { changeEntries, importEntry, newVersion, rollbackEntry, rolledBackRows } from './store-records.js';
import type { AuditEntry, StoredVersion, TakStore, VersionInfo } from './store.js';
import { TAK_SCHEMA_POSTGRES } from './schema.js';
import { TABLES, VERSION_INFO } from './store-tables.js';

/** Any number other than the migrations' lock (src/store/postgres.ts). */
const EXCLUSIVE_LOCK = 0x74616b31;

/** Rows per INSERT: each batch travels as one JSON parameter, unpacked by json_populate_recordset. */
const BATCH_ROWS = 20_000;

/** A row's pending marks count while it was written after the last publish (src/tak/schema.ts). */
const IS_PENDING = "changed_rev > (SELECT value FROM tak_meta WHERE key = 'published')";

const SELECT: Record<Kind, string> = Object.fromEntries(KINDS.map((k) => {
  const { table, columns } = TABLES[k];
  return [k, `SELECT id, ${columns.map(([f, c]) => `${c} AS "${f}"`).join(', ')}, CASE WHEN ${IS_PENDING} THEN updated_by END AS "updatedBy",
    CASE WHEN ${IS_PENDING} THEN updated_time END AS "updatedTime", deleted FROM ${table} ORDER BY id`];
})) as Record<Kind, string>;

const UPSERT: Record<Kind, string> = Object.fromEntries(KINDS.map((k) => {
  const { table, columns } = TABLES[k];
  const cols = ['id', ...columns.map(([, c]) => c), 'updated_by', 'updated_time', 'deleted', 'changed_rev'];
  return [k, `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM json_populate_recordset(null::${table}, $1)
    ON CONFLICT (id) DO UPDATE SET ${cols.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`];
})) as Record<Kind, string>;

const PENDING = `SELECT ${KINDS.map((k) => `(SELECT count(*) FROM ${TABLES[k].table} WHERE ${IS_PENDING})`).join(' + ')} AS n`;

async function inBatches<T>(items: readonly T[], write: (batch: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_ROWS) await write(items.slice(i, i + BATCH_ROWS));
}

/** The row as its table's columns (JSON keys json_populate_recordset matches by name), written by revision `rev`. */
function toColumns(kind: Kind, row: WorkingRow<Kind>, rev: number): Record<string, unknown> {
  const r = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { id: row.id, updated_by: row.updatedBy, updated_time: row.updatedTime, deleted: row.deleted, changed_rev: row.updatedBy === null ? 0 : rev };
  for (const [f, c] of TABLES[kind].columns) out[c] = r[f] ?? null;
  return out;
}

export class PgTakStore implements TakStore {
  private readonly migrated: Promise<void>;

  constructor(private readonly pool: PgPool) {
    this.migrated = migratePostgres(pool, 'tak', TAK_SCHEMA_POSTGRES);
    // A failed migration fails every call that awaits it; it must not also end the process as unhandled.
    this.migrated.catch(() => undefined);
  }

  private async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.migrated;
    return (await this.pool.query(sql, params)).rows as R[];
  }

  /** A write: in one transaction holding the revision lock, given the revision before it; bumps the revision. */
  private async writing<T>(work: (c: PgClient, revision: number) => Promise<T>): Promise<T> {
    await this.migrated;
    return inTransaction(this.pool, async (c) => {
      const { rows } = await c.query<{ value: number }>("SELECT value FROM tak_meta WHERE key = 'revision' FOR UPDATE");
      const result = await work(c, rows[0]!.value);
      await c.query("UPDATE tak_meta SET value = value + 1 WHERE key = 'revision'");
      return result;
    });
  }

  private async readRows(c: PgClient): Promise<WorkingData> {
    const data = emptyWorking();
    const filters = new Map<number, Array<{ serviceDomain: string; categorizations: string[] }>>();
    const { rows: filterRows } = await c.query<{ p: number; d: string; c: string }>('SELECT permission_id AS p, service_domain AS d, categorizations AS c FROM tak_filter ORDER BY id');
    for (const f of filterRows) {
      const list = filters.get(f.p) ?? [];
      list.push({ serviceDomain: f.d, categorizations: JSON.parse(f.c) as string[] });
      filters.set(f.p, list);
    }
    for (const k of KINDS) {
      const { rows } = await c.query<Record<string, unknown>>(SELECT[k]);
      if (k === 'permission') for (const r of rows) r.filters = filters.get(r.id as number) ?? [];
      (data[k] as unknown[]) = rows;
    }
    return data;
  }

  /** Writes rows as revision `rev` (the one the running write bumps to). */
  private async writeRows(c: PgClient, kind: Kind, rows: WorkingRow<Kind>[], rev: number): Promise<void> {
    await inBatches(rows, (batch) => c.query(UPSERT[kind], [JSON.stringify(batch.map((r) => toColumns(kind, r, rev)))]));
    if (kind !== 'permission' || rows.length === 0) return;
    await inBatches(rows, (batch) => c.query('DELETE FROM tak_filter WHERE permission_id = ANY($1::bigint[])', [batch.map((r) => r.id)]));
    const filters = (rows as WorkingRow<'permission'>[]).flatMap((p) => p.filters.map((f) => ({ permission_id: p.id, service_domain: f.serviceDomain, categorizations: JSON.stringify(f.categorizations) })));
    await inBatches(filters, (batch) => c.query(`INSERT INTO tak_filter (permission_id, service_domain, categorizations)
      SELECT permission_id, service_domain, categorizations FROM json_populate_recordset(null::tak_filter, $1)`, [JSON.stringify(batch)]));
  }

  private async replaceRows(c: PgClient, rows: WorkingData, rev: number): Promise<void> {
    await c.query('DELETE FROM tak_filter');
    for (const k of [...KINDS].reverse()) await c.query(`DELETE FROM ${TABLES[k].table}`);
    for (const k of KINDS) await this.writeRows(c, k, rows[k] as WorkingRow<Kind>[], rev);
  }

  private async addAudit(c: PgClient, entries: AuditEntry[]): Promise<void> {
    await inBatches(entries, (batch) => c.query(`INSERT INTO tak_audit (time, "user", action, kind, row_id, summary)
      SELECT time, "user", action, kind, row_id, summary FROM json_populate_recordset(null::tak_audit, $1)`, [JSON.stringify(batch.map(({ rowId, ...e }) => ({ ...e, row_id: rowId })))]));
  }

  private async pending(c: PgClient): Promise<number> {
    return (await c.query<{ n: number }>(PENDING)).rows[0]!.n;
  }

  async readWorking(): Promise<{ revision: number; data: WorkingData }> {
    await this.migrated;
    return inTransaction(this.pool, async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const { rows } = await c.query<{ value: number }>("SELECT value FROM tak_meta WHERE key = 'revision'");
      return { revision: rows[0]!.value, data: await this.readRows(c) };
    });
  }

  async workingRevision(): Promise<number> {
    return (await this.query<{ value: number }>("SELECT value FROM tak_meta WHERE key = 'revision'"))[0]!.value;
  }

  async write(changes: ChangeSet, user: string, baseRevision: number, created: (kind: string, id: number) => boolean): Promise<void> {
    await this.writing(async (c, now) => {
      if (now !== baseRevision) throw new TakError('TAK_ERR_CONFLICT', `revision ${baseRevision} became ${now}`);
      for (const k of KINDS) await this.writeRows(c, k, changes[k] as WorkingRow<Kind>[], now + 1);
      await this.addAudit(c, changeEntries(changes, user, created));
    });
  }

  async replaceWorking(rows: WorkingData, user: string): Promise<void> {
    await this.writing(async (c, revision) => {
      await this.replaceRows(c, rows, revision + 1);
      await this.addAudit(c, [importEntry(rows, user)]);
    });
  }

  async pendingCount(): Promise<number> {
    return (await this.query<{ n: number }>(PENDING))[0]!.n;
  }

  async publish(author: string, comment: string): Promise<StoredVersion> {
    // The revision lock is TAK's Locktb: a racing publish (here or on another instance) waits, then finds nothing pending.
    return this.writing(async (c, revision) => {
      if ((await this.pending(c)) === 0) throw new TakError('TAK_ERR_NOTHING_TO_PUBLISH');
      const data = liveData(await this.readRows(c));
      const id = ((await c.query<{ m: number | null }>('SELECT max(id) AS m FROM tak_pub_version')).rows[0]!.m ?? 0) + 1;
      const { info, blob, entry } = newVersion(id, author, comment, data);
      // Every row written so far was written by this revision or an earlier one: none of them is pending any more.
      await c.query("UPDATE tak_meta SET value = $1 WHERE key = 'published'", [revision]);
      await c.query('INSERT INTO tak_pub_version (id, format_version, time, author, comment, data, size, routes, permissions) VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)',
        [id, info.time, author, comment, blob, info.size, info.routes, info.permissions]);
      await this.addAudit(c, [entry]);
      return { ...info, data };
    });
  }

  async rollbackLatest(author: string): Promise<{ removed: VersionInfo; active: StoredVersion | undefined }> {
    return this.writing(async (c, revision) => {
      const pending = await this.pending(c);
      if (pending > 0) throw new TakError('TAK_ERR_PENDING_CHANGES', String(pending));
      const ids = (await c.query<{ id: number }>('SELECT id FROM tak_pub_version ORDER BY id DESC LIMIT 2')).rows.map((r) => r.id);
      if (ids.length === 0) throw new TakError('TAK_ERR_NO_VERSION', 'There is no published version to roll back.');
      const removed = (await c.query<VersionInfo>(`SELECT ${VERSION_INFO} FROM tak_pub_version WHERE id = $1`, [ids[0]])).rows[0]!;
      const active = ids[1] === undefined ? undefined : await this.readVersion(c, ids[1]);
      await c.query('DELETE FROM tak_pub_version WHERE id = $1', [removed.id]);
      await this.replaceRows(c, rolledBackRows(active), revision + 1);
      await this.addAudit(c, [rollbackEntry(author, removed.id, active)]);
      return { removed, active };
    });
  }

  async latestVersionId(): Promise<number | undefined> {
    return (await this.query<{ m: number | null }>('SELECT max(id) AS m FROM tak_pub_version'))[0]!.m ?? undefined;
  }

  private async readVersion(c: PgClient | PgPool, id: number): Promise<StoredVersion | undefined> {
    const row = (await c.query<VersionInfo & { data: Buffer }>(`SELECT ${VERSION_INFO}, data FROM tak_pub_version WHERE id = $1`, [id])).rows[0];
    return row ? { ...row, data: decodeData(row.data) } : undefined;
  }

  async version(id: number): Promise<StoredVersion | undefined> {
    await this.migrated;
    return this.readVersion(this.pool, id);
  }

  async versions(): Promise<VersionInfo[]> {
    return this.query<VersionInfo>(`SELECT ${VERSION_INFO} FROM tak_pub_version ORDER BY id`);
  }

  /** A session advisory lock, held on a connection of its own while `work` runs on others. */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    await this.migrated;
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [EXCLUSIVE_LOCK]);
      return await work();
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [EXCLUSIVE_LOCK]).catch(() => undefined);
      c.release();
    }
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    return this.query<AuditEntry>('SELECT time, "user", action, kind, row_id AS "rowId", summary FROM tak_audit ORDER BY id DESC LIMIT $1', [limit]);
  }
}
