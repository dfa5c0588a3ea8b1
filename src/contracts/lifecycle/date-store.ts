/** A date someone gave: the operator's correction of a contract's, or `--published` at the import of a release. */
export interface GivenDate {
  published: string;
  updatedBy: string;
  updatedAt: string;
}

/**
 * Publication dates that do not come from files: per imported release (`--published`) and per contract
 * (corrections), in the instance's SQLite file or in the PostgreSQL database several instances share.
 */
export interface PublicationDateStore {
  setReleaseDate(domain: string, release: string, published: string, user: string): Promise<void>;
  /** By `<domain folder>/<release>` as the import names them. */
  releaseDates(): Promise<Map<string, GivenDate>>;
  correct(namespace: string, published: string, user: string): Promise<void>;
  /** By Responder namespace. */
  corrections(): Promise<Map<string, GivenDate>>;
}

export const RELEASE_DATE_COLUMNS = 'domain, release, published, updated_by AS "updatedBy", updated_at AS "updatedAt"';
export const CORRECTION_COLUMNS = 'namespace, published, updated_by AS "updatedBy", updated_at AS "updatedAt"';

export function byRelease(rows: ReadonlyArray<GivenDate & { domain: string; release: string }>): Map<string, GivenDate> {
  return new Map(rows.map(({ domain, release, ...d }) => [`${domain}/${release}`, d]));
}

export function byNamespace(rows: ReadonlyArray<GivenDate & { namespace: string }>): Map<string, GivenDate> {
  return new Map(rows.map(({ namespace, ...d }) => [namespace, d]));
}
