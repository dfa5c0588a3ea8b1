import { migratePostgres, type PgPool } from '../../store/postgres.js';
import { byNamespace, byRelease, CORRECTION_COLUMNS, RELEASE_DATE_COLUMNS, type GivenDate, type PublicationDateStore } from './date-store.js';
import { LIFECYCLE_SCHEMA_POSTGRES } from './schema.js';

/** Publication dates in the PostgreSQL database that several instances share. */
export class PgPublicationDateStore implements PublicationDateStore {
  private constructor(
    private readonly pool: PgPool,
    private readonly clock: () => Date,
  ) {}

  static async open(pool: PgPool, clock: () => Date = () => new Date()): Promise<PgPublicationDateStore> {
    await migratePostgres(pool, 'lifecycle', LIFECYCLE_SCHEMA_POSTGRES);
    return new PgPublicationDateStore(pool, clock);
  }

  async setReleaseDate(domain: string, release: string, published: string, user: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO lifecycle_release_date (domain, release, published, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (domain, release) DO UPDATE SET published = excluded.published, updated_by = excluded.updated_by, updated_at = excluded.updated_at',
      [domain, release, published, user, this.clock().toISOString()],
    );
  }

  async releaseDates(): Promise<Map<string, GivenDate>> {
    return byRelease((await this.pool.query<GivenDate & { domain: string; release: string }>(`SELECT ${RELEASE_DATE_COLUMNS} FROM lifecycle_release_date`)).rows);
  }

  async correct(namespace: string, published: string, user: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO lifecycle_published_correction (namespace, published, updated_by, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (namespace) DO UPDATE SET published = excluded.published, updated_by = excluded.updated_by, updated_at = excluded.updated_at',
      [namespace, published, user, this.clock().toISOString()],
    );
  }

  async corrections(): Promise<Map<string, GivenDate>> {
    return byNamespace((await this.pool.query<GivenDate & { namespace: string }>(`SELECT ${CORRECTION_COLUMNS} FROM lifecycle_published_correction`)).rows);
  }
}
