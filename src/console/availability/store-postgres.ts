import { migratePostgres, type PgPool } from '../../store/postgres.js';
import { AVAILABILITY_SCHEMA_POSTGRES } from './schema.js';
import { CHANGE_COLUMNS, checkedOutage, KnownStates, OUTAGE_COLUMNS, type AvailabilityStore, type MonitoredKey, type Observation, type PlannedOutage, type StateChange } from './store.js';

/** The availability record in the PostgreSQL database that several instances share. */
export class PgAvailabilityStore implements AvailabilityStore {
  /** Changes are written one after the other, in the order observed; reads wait for those written before them. */
  private written: Promise<unknown> = Promise.resolve();

  private readonly known = new KnownStates();

  private constructor(private readonly pool: PgPool) {}

  static async open(pool: PgPool): Promise<PgAvailabilityStore> {
    await migratePostgres(pool, 'console', AVAILABILITY_SCHEMA_POSTGRES);
    return new PgAvailabilityStore(pool);
  }

  observe(o: Observation): Promise<boolean> {
    if (!this.known.needsCheck(o)) return Promise.resolve(false);
    this.known.checkedAt(o);
    const write = this.written.then(async () => {
      const { rowCount } = await this.pool.query(
        `INSERT INTO avail_changes (producer, contract, at_ms, up, source, detail) SELECT $1, $2, $3, $4, $5, $6
          WHERE NOT EXISTS (SELECT 1 FROM (SELECT up FROM avail_changes WHERE producer = $1 AND contract = $2 ORDER BY at_ms DESC, id DESC LIMIT 1) latest WHERE up = $4)`,
        [o.producer, o.contract, o.atMs, o.up, o.source, o.detail ?? ''],
      );
      return rowCount === 1;
    });
    this.written = write.catch(() => undefined);
    return write;
  }

  async keys(): Promise<MonitoredKey[]> {
    await this.written;
    return (await this.pool.query<MonitoredKey>('SELECT producer, contract, MIN(at_ms) AS "firstMs" FROM avail_changes GROUP BY producer, contract ORDER BY producer COLLATE "C", contract COLLATE "C"')).rows;
  }

  async changes(producer: string, contract: string, untilMs: number): Promise<StateChange[]> {
    await this.written;
    const { rows } = await this.pool.query<StateChange>(`SELECT ${CHANGE_COLUMNS} FROM avail_changes WHERE producer = $1 AND contract = $2 AND at_ms < $3 ORDER BY at_ms, id`, [producer, contract, untilMs]);
    return rows;
  }

  async addOutage(o: Omit<PlannedOutage, 'id'>, nowMs: number): Promise<PlannedOutage> {
    const outage = checkedOutage(o);
    const { rows } = await this.pool.query<{ id: number }>(
      'INSERT INTO avail_planned_outages (producer, contract, from_ms, to_ms, note, created_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [outage.producer, outage.contract, outage.fromMs, outage.toMs, outage.note, nowMs],
    );
    return { ...outage, id: rows[0]!.id };
  }

  async deleteOutage(id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    return ((await this.pool.query('DELETE FROM avail_planned_outages WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async outages(fromMs: number, toMs: number): Promise<PlannedOutage[]> {
    return (await this.pool.query<PlannedOutage>(`SELECT ${OUTAGE_COLUMNS} FROM avail_planned_outages WHERE from_ms < $1 AND to_ms > $2 ORDER BY from_ms, id`, [toMs, fromMs])).rows;
  }
}
