import { migrate, type Db } from '../../store/database.js';
import { byNamespace, byRelease, CORRECTION_COLUMNS, RELEASE_DATE_COLUMNS, type GivenDate, type PublicationDateStore } from './date-store.js';
import { LIFECYCLE_SCHEMA } from './schema.js';

/** Publication dates in the instance's SQLite file. */
export class SqlitePublicationDateStore implements PublicationDateStore {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    migrate(db, 'lifecycle', LIFECYCLE_SCHEMA);
  }

  async setReleaseDate(domain: string, release: string, published: string, user: string): Promise<void> {
    this.db
      .prepare('INSERT INTO lifecycle_release_date (domain, release, published, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (domain, release) DO UPDATE SET published = excluded.published, updated_by = excluded.updated_by, updated_at = excluded.updated_at')
      .run(domain, release, published, user, this.clock().toISOString());
  }

  async releaseDates(): Promise<Map<string, GivenDate>> {
    return byRelease(this.db.prepare(`SELECT ${RELEASE_DATE_COLUMNS} FROM lifecycle_release_date`).all() as Array<GivenDate & { domain: string; release: string }>);
  }

  async correct(namespace: string, published: string, user: string): Promise<void> {
    this.db
      .prepare('INSERT INTO lifecycle_published_correction (namespace, published, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (namespace) DO UPDATE SET published = excluded.published, updated_by = excluded.updated_by, updated_at = excluded.updated_at')
      .run(namespace, published, user, this.clock().toISOString());
  }

  async corrections(): Promise<Map<string, GivenDate>> {
    return byNamespace(this.db.prepare(`SELECT ${CORRECTION_COLUMNS} FROM lifecycle_published_correction`).all() as Array<GivenDate & { namespace: string }>);
  }
}
