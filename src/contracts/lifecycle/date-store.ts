import { migrate, type Db } from '../../store/database.js';
import { LIFECYCLE_SCHEMA } from './schema.js';

/** A date someone gave: the operator's correction of a contract's, or `--published` at the import of a release. */
export interface GivenDate {
  published: string;
  updatedBy: string;
  updatedAt: string;
}

/** Publication dates that do not come from files: per imported release (`--published`) and per contract (corrections). */
export class PublicationDateStore {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    migrate(db, 'lifecycle', LIFECYCLE_SCHEMA);
  }

  setReleaseDate(domain: string, release: string, published: string, user: string): void {
    this.db
      .prepare('INSERT INTO lifecycle_release_date (domain, release, published, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (domain, release) DO UPDATE SET published = excluded.published, updated_by = excluded.updated_by, updated_at = excluded.updated_at')
      .run(domain, release, published, user, this.clock().toISOString());
  }

  /** By `<domain folder>/<release>` as the import names them. */
  releaseDates(): Map<string, GivenDate> {
    const rows = this.db.prepare('SELECT domain, release, published, updated_by AS updatedBy, updated_at AS updatedAt FROM lifecycle_release_date').all() as Array<GivenDate & { domain: string; release: string }>;
    return new Map(rows.map(({ domain, release, ...d }) => [`${domain}/${release}`, d]));
  }

  correct(namespace: string, published: string, user: string): void {
    this.db
      .prepare('INSERT INTO lifecycle_published_correction (namespace, published, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (namespace) DO UPDATE SET published = excluded.published, updated_by = excluded.updated_by, updated_at = excluded.updated_at')
      .run(namespace, published, user, this.clock().toISOString());
  }

  /** By Responder namespace. */
  corrections(): Map<string, GivenDate> {
    const rows = this.db.prepare('SELECT namespace, published, updated_by AS updatedBy, updated_at AS updatedAt FROM lifecycle_published_correction').all() as Array<GivenDate & { namespace: string }>;
    return new Map(rows.map(({ namespace, ...d }) => [namespace, d]));
  }
}
