/**
 * The citizen simulator's journal and booking verbs for `ntjp citizen`: one table, each verb
 * with its usage line; the inbox and certificate verbs are adapted from PORTAL_VERBS below. Both tables are
 * joined in src/cli/commands/citizen.ts.
 */
import { JOURNAL_CONTRACTS } from '../journal/journal-contracts.js';
import type { CitizenClient } from './citizen-client.js';
import { PORTAL_VERBS, runPortalVerb, type PortalClient } from './portal-client.js';

export interface VerbArgs {
  positionals: string[];
  options: { actor?: string; reason?: string; contract?: string };
}

export interface CitizenVerb<Deps> {
  usage: string;
  /** how many positionals it needs */
  arity: number;
  run(deps: Deps, args: VerbArgs): Promise<unknown>;
}

/** `GetDiagnosis2` → the contract's namespace (default GetCareDocumentation 3). */
export function journalNamespace(short: string | undefined): string {
  if (!short) return JOURNAL_CONTRACTS[1]!.namespace;
  const c = JOURNAL_CONTRACTS.find((k) => `${k.operation}${k.namespace.split(':').pop()}`.toLowerCase() === short.toLowerCase());
  if (!c) throw new Error(`unknown contract ${short}; known: ${JOURNAL_CONTRACTS.map((k) => `${k.operation}${k.namespace.split(':').pop()}`).join(', ')}`);
  return c.namespace;
}

export const JOURNAL_BOOKING_VERBS: Record<string, CitizenVerb<{ citizen: CitizenClient }>> = {
  journal: {
    usage: 'journal <personId> [--contract GetCareDocumentation3|GetDiagnosis2|…]   read through the aggregating services',
    arity: 1,
    run: ({ citizen }, a) => citizen.journal(a.positionals[0]!, journalNamespace(a.options.contract)),
  },
  bookings: {
    usage: 'bookings <personId> [--actor <guardianId>]   the aggregated schedule (GetSubjectOfCareSchedule)',
    arity: 1,
    run: ({ citizen }, a) => citizen.bookings(a.positionals[0]!, a.options.actor),
  },
  slots: {
    usage: 'slots <careUnit> <personId> [fromDate] [toDate]   free time slots (yyyyMMdd)',
    arity: 2,
    run: ({ citizen }, a) => citizen.freeSlots(a.positionals[0]!, a.positionals[1]!, a.positionals[2] ?? '20000101', a.positionals[3] ?? '29991231'),
  },
  book: {
    usage: 'book <careUnit> <startTime> <personId> <firstName> <lastName> [--reason <text>] [--actor <guardianId>]',
    arity: 5,
    run: ({ citizen }, a) => {
      const [careUnit, start, personId, firstName, lastName] = a.positionals as [string, string, string, string, string];
      return citizen.book({ careUnit, start, personId, firstName, lastName, reason: a.options.reason }, a.options.actor);
    },
  },
  rebook: {
    usage: 'rebook <careUnit> <bookingId> <newStartTime> <personId> [--actor <guardianId>]',
    arity: 4,
    run: ({ citizen }, a) => citizen.rebook(a.positionals[0]!, a.positionals[1]!, a.positionals[2]!, a.positionals[3]!, a.options.actor),
  },
  cancel: {
    usage: 'cancel <careUnit> <bookingId> <personId> [--actor <guardianId>]',
    arity: 3,
    run: ({ citizen }, a) => citizen.cancel(a.positionals[0]!, a.positionals[1]!, a.positionals[2]!, a.options.actor),
  },
};

/** The inbox and certificate verbs (PORTAL_VERBS, portal-client.ts) in the same shape. */
export const PORTAL_CLI_VERBS: Record<string, CitizenVerb<{ portal: PortalClient }>> = Object.fromEntries(
  PORTAL_VERBS.map((v) => [
    v.name,
    { usage: `${[v.name, ...v.args.map((a) => `<${a}>`)].join(' ')}   ${v.summary}`, arity: v.args.length, run: ({ portal }, a) => runPortalVerb(portal, v.name, a.positionals) },
  ]),
);
