import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import type { PgClient, PgPool } from '../store/postgres.js';

/**
 * Runs one SQL text written with `?` placeholders on either store, so statements both dialects understand are
 * written once (the outbox, the held requests, the lock).
 */
export interface SqlRunner {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** rows changed */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** `?` → `$1`, `$2`, … (none of these statements has a `?` in a string literal). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Prepared once per text on SQLite (synchronous underneath; the promise is already settled). */
export function sqliteRunner(db: Db): SqlRunner & { prepared(sql: string): Statement } {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  return {
    prepared,
    all: async <T>(sql: string, params: readonly unknown[] = []) => prepared(sql).all(...params) as T[],
    run: async (sql, params = []) => prepared(sql).run(...params).changes,
  };
}

/** Statement names per text, for the whole process: a connection refuses one name for two texts. */
const names = new Map<string, string>();

/** A named prepared statement per text on each PostgreSQL connection. */
export function postgresRunner(db: PgPool | PgClient): SqlRunner {
  const query = (sql: string, params: readonly unknown[]) => {
    let name = names.get(sql);
    if (!name) {
      name = `ei_${names.size + 1}`;
      names.set(sql, name);
    }
    return db.query({ name, text: numbered(sql), values: [...params] });
  };
  return {
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await query(sql, params)).rows as T[],
    run: async (sql, params = []) => (await query(sql, params)).rowCount ?? 0,
  };
}
