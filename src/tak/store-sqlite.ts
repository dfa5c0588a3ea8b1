/** The catalogue in the platform's embedded SQLite database (tables `tak_*`). */
import type { Statement } from 'better-sqlite3';
import { migrate, type Db } from '../store/database.js';
import { TakError } from './errors.js';
import { KINDS, emptyWorking, type Kind, type WorkingData, type WorkingRow } from './model.js';
import type { ChangeSet } from './draft.js';
import { decodeData, liveData } from './published-data.js';
import { changeEntries, importEntry, newVersion, rollbackEntry, rolledBackRows } from './store-records.js';
import type { AuditEntry, StoredVersion, TakStore, VersionInfo } from './store.js';
import { TAK_SCHEMA } from './schema.js';
import { TABLES, VERSION_INFO } from './store-tables.js';

interface Statements {
  select: Record<Kind, Statement>;
  upsert: Record<Kind, Statement>;
}

export class SqliteTakStore implements TakStore {
  private readonly st: Statements;

  constructor(private readonly db: Db) {
    migrate(db, 'tak', TAK_SCHEMA);
    const select = {} as Record<Kind, Statement>;
    const upsert = {} as Record<Kind, Statement>;
    for (const k of KINDS) {
      const { table, columns } = TABLES[k];
      select[k] = db.prepare(`SELECT id, ${columns.map(([f, c]) => `${c} AS "${f}"`).join(', ')}, updated_by AS updatedBy, updated_time AS updatedTime, deleted FROM ${table} ORDER BY id`);
      const cols = ['id', ...columns.map(([, c]) => c), 'updated_by', 'updated_time', 'deleted'];
      upsert[k] = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
        ON CONFLICT(id) DO UPDATE SET ${cols.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`);
    }
    this.st = { select, upsert };
  }

  private revision(): number {
    return (this.db.prepare("SELECT value FROM tak_meta WHERE key = 'revision'").get() as { value: number }).value;
  }

  private bumpRevision(): void {
    this.db.prepare("UPDATE tak_meta SET value = value + 1 WHERE key = 'revision'").run();
  }

  private readRows(): WorkingData {
    const data = emptyWorking();
    const filters = new Map<number, Array<{ serviceDomain: string; categorizations: string[] }>>();
    for (const f of this.db.prepare('SELECT permission_id AS p, service_domain AS d, categorizations AS c FROM tak_filter ORDER BY id').all() as Array<{ p: number; d: string; c: string }>) {
      const list = filters.get(f.p) ?? [];
      list.push({ serviceDomain: f.d, categorizations: JSON.parse(f.c) as string[] });
      filters.set(f.p, list);
    }
    for (const k of KINDS) {
      const rows = this.st.select[k].all() as Array<Record<string, unknown>>;
      for (const r of rows) {
        r.deleted = r.deleted === 1;
        if (k === 'permission') r.filters = filters.get(r.id as number) ?? [];
      }
      (data[k] as unknown[]) = rows;
    }
    return data;
  }

  private writeRows(kind: Kind, rows: WorkingRow<Kind>[]): void {
    const { columns } = TABLES[kind];
    const upsert = this.st.upsert[kind];
    const dropFilters = this.db.prepare('DELETE FROM tak_filter WHERE permission_id = ?');
    const addFilter = this.db.prepare('INSERT INTO tak_filter (permission_id, service_domain, categorizations) VALUES (?, ?, ?)');
    for (const row of rows) {
      const r = row as unknown as Record<string, unknown>;
      upsert.run(row.id, ...columns.map(([f]) => r[f] ?? null), row.updatedBy, row.updatedTime, row.deleted ? 1 : 0);
      if (kind === 'permission') {
        dropFilters.run(row.id);
        for (const f of (row as WorkingRow<'permission'>).filters) addFilter.run(row.id, f.serviceDomain, JSON.stringify(f.categorizations));
      }
    }
  }

  private addAudit(entries: AuditEntry[]): void {
    const ins = this.db.prepare('INSERT INTO tak_audit (time, user, action, kind, row_id, summary) VALUES (?, ?, ?, ?, ?, ?)');
    for (const e of entries) ins.run(e.time, e.user, e.action, e.kind, e.rowId, e.summary);
  }

  async readWorking(): Promise<{ revision: number; data: WorkingData }> {
    return this.db.transaction(() => ({ revision: this.revision(), data: this.readRows() }))();
  }

  async workingRevision(): Promise<number> {
    return this.revision();
  }

  async write(changes: ChangeSet, user: string, baseRevision: number, created: (kind: string, id: number) => boolean): Promise<void> {
    this.db.transaction(() => {
      const now = this.revision();
      if (now !== baseRevision) throw new TakError('TAK_ERR_CONFLICT', `revision ${baseRevision} became ${now}`);
      for (const k of KINDS) this.writeRows(k, changes[k] as WorkingRow<Kind>[]);
      this.addAudit(changeEntries(changes, user, created));
      this.bumpRevision();
    }).immediate();
  }

  private replaceRows(rows: WorkingData): void {
    this.db.prepare('DELETE FROM tak_filter').run();
    for (const k of [...KINDS].reverse()) this.db.prepare(`DELETE FROM ${TABLES[k].table}`).run();
    for (const k of KINDS) this.writeRows(k, rows[k] as WorkingRow<Kind>[]);
  }

  async replaceWorking(rows: WorkingData, user: string): Promise<void> {
    this.db.transaction(() => {
      this.replaceRows(rows);
      this.addAudit([importEntry(rows, user)]);
      this.bumpRevision();
    }).immediate();
  }

  private pending(): number {
    return KINDS.reduce((n, k) => n + (this.db.prepare(`SELECT count(*) AS n FROM ${TABLES[k].table} WHERE updated_by IS NOT NULL`).get() as { n: number }).n, 0);
  }

  async pendingCount(): Promise<number> {
    return this.pending();
  }

  async publish(author: string, comment: string): Promise<StoredVersion> {
    // IMMEDIATE takes the write lock first (TAK's Locktb): a racing publish waits, then finds nothing pending.
    return this.db.transaction(() => {
      if (this.pending() === 0) throw new TakError('TAK_ERR_NOTHING_TO_PUBLISH');
      const data = liveData(this.readRows());
      const id = ((this.db.prepare('SELECT max(id) AS m FROM tak_pub_version').get() as { m: number | null }).m ?? 0) + 1;
      const { info, blob, entry } = newVersion(id, author, comment, data);
      this.db.prepare(`INSERT INTO tak_pub_version (id, format_version, time, author, comment, data, size, routes, permissions) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, info.time, author, comment, blob, info.size, info.routes, info.permissions);
      for (const k of KINDS) this.db.prepare(`UPDATE ${TABLES[k].table} SET updated_by = NULL, updated_time = NULL WHERE updated_by IS NOT NULL`).run();
      this.addAudit([entry]);
      this.bumpRevision();
      return { ...info, data };
    }).immediate();
  }

  async rollbackLatest(author: string): Promise<{ removed: VersionInfo; active: StoredVersion | undefined }> {
    return this.db.transaction(() => {
      const pending = this.pending();
      if (pending > 0) throw new TakError('TAK_ERR_PENDING_CHANGES', String(pending));
      const ids = (this.db.prepare('SELECT id FROM tak_pub_version ORDER BY id DESC LIMIT 2').all() as Array<{ id: number }>).map((r) => r.id);
      if (ids.length === 0) throw new TakError('TAK_ERR_NO_VERSION', 'There is no published version to roll back.');
      const removed = this.versionInfo(ids[0]!)!;
      const active = ids[1] === undefined ? undefined : this.readVersion(ids[1]);
      this.db.prepare('DELETE FROM tak_pub_version WHERE id = ?').run(removed.id);
      this.replaceRows(rolledBackRows(active));
      this.addAudit([rollbackEntry(author, removed.id, active)]);
      this.bumpRevision();
      return { removed, active };
    }).immediate();
  }

  async latestVersionId(): Promise<number | undefined> {
    return (this.db.prepare('SELECT max(id) AS m FROM tak_pub_version').get() as { m: number | null }).m ?? undefined;
  }

  private versionInfo(id: number): VersionInfo | undefined {
    return this.db.prepare(`SELECT ${VERSION_INFO} FROM tak_pub_version WHERE id = ?`).get(id) as VersionInfo | undefined;
  }

  private readVersion(id: number): StoredVersion | undefined {
    const row = this.db.prepare(`SELECT ${VERSION_INFO}, data FROM tak_pub_version WHERE id = ?`).get(id) as (VersionInfo & { data: Buffer }) | undefined;
    return row ? { ...row, data: decodeData(row.data) } : undefined;
  }

  async version(id: number): Promise<StoredVersion | undefined> {
    return this.readVersion(id);
  }

  async versions(): Promise<VersionInfo[]> {
    return this.db.prepare(`SELECT ${VERSION_INFO} FROM tak_pub_version ORDER BY id`).all() as VersionInfo[];
  }

  /** One platform process per SQLite file: nothing to wait for (a transaction cannot span the worker's jobs). */
  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    return this.db.prepare('SELECT time, user, action, kind, row_id AS rowId, summary FROM tak_audit ORDER BY id DESC LIMIT ?').all(limit) as AuditEntry[];
  }
}
