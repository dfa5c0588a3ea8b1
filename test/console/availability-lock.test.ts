import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/database.js';
import { SqliteAvailabilityStore } from '../../src/console/availability/store-sqlite.js';

describe('availability record on SQLite while another connection writes (the catalogue worker applying a large order)', () => {
  let dir: string;
  let db: Db;
  let other: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ntjp-avail-lock-'));
    db = openDatabase(join(dir, 'ntjp.db'));
    other = openDatabase(join(dir, 'ntjp.db'));
  });
  afterEach(() => {
    db.close();
    other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the event loop run while the lock is held and records the change once it is released', async () => {
    const store = new SqliteAvailabilityStore(db);
    other.exec('BEGIN IMMEDIATE');
    const change = store.observe({ producer: 'SE-P', contract: 'urn:c', up: false, source: 'call', atMs: 1000, detail: 'VP009' });
    let turns = 0;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(() => resolve(++turns), 20));
    other.exec('ROLLBACK');
    expect(turns).to.equal(5);
    expect(await change).to.equal(true);
    expect(await store.changes('SE-P', 'urn:c', 2000)).to.deep.equal([{ atMs: 1000, up: false, source: 'call', detail: 'VP009' }]);
  });

  it('reads only, without taking the write lock, while the state it sees holds', async () => {
    const store = new SqliteAvailabilityStore(db);
    expect(await store.observe({ producer: 'SE-P', contract: 'urn:c', up: true, source: 'call', atMs: 1000 })).to.equal(true);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(await store.observe({ producer: 'SE-P', contract: 'urn:c', up: true, source: 'probe', atMs: 5000 })).to.equal(false);
    } finally {
      other.exec('ROLLBACK');
    }
  });
});
