import { join, resolve } from 'node:path';

/** Where the platform's durable state lives: the embedded SQLite file, or a PostgreSQL database. */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * Reads `platform.database`: empty = `<dataDir>/ntjp.db`, `postgres://user@host:port/db` (or `postgresql://`)
 * = PostgreSQL, anything else = the path of a SQLite file.
 */
export function databaseTarget(settings: Record<string, unknown>): DatabaseTarget {
  const given = (settings['platform.database'] as string | undefined) ?? '';
  if (POSTGRES_URL.test(given)) return { kind: 'postgres', url: given };
  return { kind: 'sqlite', file: given ? resolve(given) : join(settings['platform.dataDir'] as string, 'ntjp.db') };
}

/** The target for logs and banners: a PostgreSQL URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return target.file;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}
