/** Where an observation came from: a call through the hub or a probe of the producer. */
export type ObservationSource = 'call' | 'probe';

export interface Observation {
  /** the producing service component (HSA-id), or the producer URL when the catalogue does not name one */
  producer: string;
  /** the contract's Responder namespace */
  contract: string;
  up: boolean;
  source: ObservationSource;
  atMs: number;
  detail?: string;
}

export interface StateChange {
  atMs: number;
  up: boolean;
  source: ObservationSource;
  detail: string;
}

export interface PlannedOutage {
  id: number;
  producer: string;
  /** '' = every contract of the producer */
  contract: string;
  fromMs: number;
  toMs: number;
  note: string;
}

export interface MonitoredKey {
  producer: string;
  contract: string;
  firstMs: number;
}

export class OutageError extends Error {
  readonly code = 'NTJP_ERR_CONSOLE_OUTAGE';
}

/**
 * The availability record: state changes per (producer, contract) and planned outages, in the instance's
 * SQLite file or in the PostgreSQL database several instances share.
 */
export interface AvailabilityStore {
  /**
   * Records an observation; stores it only when it changes the key's state in the record (resolves to
   * whether it did). Observations of one instance are stored in the order they were made.
   */
  observe(o: Observation): Promise<boolean>;
  keys(): Promise<MonitoredKey[]>;
  /** Changes of one key up to (not including) `untilMs`, oldest first. */
  changes(producer: string, contract: string, untilMs: number): Promise<StateChange[]>;
  addOutage(o: Omit<PlannedOutage, 'id'>, nowMs: number): Promise<PlannedOutage>;
  deleteOutage(id: number): Promise<boolean>;
  /** Outages overlapping `[fromMs, toMs)`. */
  outages(fromMs: number, toMs: number): Promise<PlannedOutage[]>;
}

/** The outage as stored (names trimmed), or an OutageError saying what is wrong with it. */
export function checkedOutage(o: Omit<PlannedOutage, 'id'>): Omit<PlannedOutage, 'id'> {
  if (!o.producer.trim()) throw new OutageError('A planned outage needs a producer.');
  if (!Number.isFinite(o.fromMs) || !Number.isFinite(o.toMs)) throw new OutageError('A planned outage needs a valid start and end time.');
  if (o.toMs <= o.fromMs) throw new OutageError('A planned outage must end after it starts.');
  return { ...o, producer: o.producer.trim(), contract: o.contract.trim() };
}

/**
 * How long an instance trusts the state it last saw of a key: an equal observation within this time (by
 * observation time) is not compared with the stored record again. Another instance sharing the database
 * may change the state meanwhile; after this time the next observation is compared with the record again.
 */
export const RECHECK_MS = 1000;

/**
 * The state each key had in the record when this instance last compared an observation with it. Equal
 * observations (most calls) then cost no query; the store compares the others with the record itself, so
 * instances on one database store every change whichever instance saw it.
 */
export class KnownStates {
  private readonly checked = new Map<string, { up: boolean; atMs: number }>();

  /** Whether `o` must be compared with the record (it may change the state). */
  needsCheck(o: Observation): boolean {
    const seen = this.checked.get(keyOf(o.producer, o.contract));
    return seen === undefined || seen.up !== o.up || o.atMs - seen.atMs >= RECHECK_MS || o.atMs < seen.atMs;
  }

  /** After the store compared `o` with the record: its state is the record's now. */
  checkedAt(o: Observation): void {
    this.checked.set(keyOf(o.producer, o.contract), { up: o.up, atMs: o.atMs });
  }
}

function keyOf(producer: string, contract: string): string {
  return `${producer}\u0000${contract}`;
}

/** Columns of the stored rows under their TypeScript names; quoted aliases keep their case on PostgreSQL too. */
export const CHANGE_COLUMNS = 'at_ms AS "atMs", up, source, detail';
export const OUTAGE_COLUMNS = 'id, producer, contract, from_ms AS "fromMs", to_ms AS "toMs", note';
