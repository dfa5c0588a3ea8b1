import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { printAnswer, processIo } from '../format/index.js';
import { loadSettings } from '../../config/load.js';
import { flagsOf } from '../../config/settings.js';
import { platformSettings } from '../../platform/settings.js';
import { eiOverRest, type EiAccess, type RestTarget } from '../ei/ei-access.js';

const FIND_OPTIONS = ['categorization', 'logicalAddress', 'businessObjectInstanceIdentifier', 'clinicalProcessInterestId', 'mostRecentContent', 'sourceSystem', 'dataController', 'owner'] as const;

/** The platform flags (`--data <dir>`, `--admin-port <n>`, `--config <file>`) take a value, so it is not read as a positional. */
const PLATFORM_FLAGS = Object.fromEntries(['--config', ...platformSettings.flatMap(flagsOf)].map((f) => [f.slice(2), { type: 'string' as const }]));

const USAGE = `Usage (talks to a running platform's REST API, /api/ei; with --database <file | postgres://…>, works on that store instead):
  ntjp ei find <personId> <serviceDomain> [--categorization X] [--sourceSystem X] [--mostRecentContent yyyyMMddHHmmss] …
      Engagements of a person in a service domain (FindContent: every option must match; mostRecentContent = at or after).
      Options: ${FIND_OPTIONS.map((o) => `--${o}`).join(', ')}.
  ntjp ei stats
      Engagements per service domain and source system, subscribers, notification queues, write lock.
  ntjp ei dlq [list]
  ntjp ei dlq redeliver [--all | <id> …]
      List the notifications that gave up (dead letters), or put them back in their subscribers' queues.
  ntjp ei write-lock [status | on | off]
      While on, Update and ProcessNotification are accepted and kept but not applied; off applies them in order.
Common options: --format table|json, --url <admin URL> (default http://<platform.publicHost>:<platform.adminPort>),
  --token <operator token> (default platform.operatorToken or <dataDir>/operator-token), and the platform flags (--data …).
  --database <SQLite file | postgres://user@host:port/db>: no platform needed; the instances running on that store deliver
  requeued dead letters and apply held requests within about a second (write-lock off then reports applied 0), and
  stats leave out the subscribers (they come from a running platform's catalogue).`;

function restTarget(argv: string[], url: string | undefined, token: string | undefined): RestTarget {
  const s = loadSettings([platformSettings], { argv });
  const tokenFile = join(s['platform.dataDir'] as string, 'operator-token');
  return {
    url: (url ?? `http://${s['platform.publicHost'] as string}:${s['platform.adminPort'] as number}`).replace(/\/$/, ''),
    token: token ?? ((s['platform.operatorToken'] as string) || (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined)),
  };
}

export const command: CliCommand = {
  name: 'ei',
  summary: 'Engagement index: find, stats, dead letters, write lock.',
  usage: USAGE,
  async run(argv, io = processIo()) {
    const print = (value: unknown): void => printAnswer(io, value);
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: false,
      options: { ...PLATFORM_FLAGS, url: { type: 'string' }, token: { type: 'string' }, all: { type: 'boolean' }, ...Object.fromEntries(FIND_OPTIONS.map((o) => [o, { type: 'string' as const }])) },
    });
    // The store's code (drivers, the EI) is loaded only for --database, so the REST commands start as fast as before.
    const ei = typeof values.database === 'string'
      ? await (await import('../ei/ei-on-store.js')).eiOnStore(values.database)
      : eiOverRest(restTarget(argv, values.url as string | undefined, values.token as string | undefined));
    try {
      return await runSubcommand(ei, positionals, values, print);
    } finally {
      await ei.close();
    }
  },
};

/** One subcommand over either access; 0 when done, a UsageError for wrong arguments. */
async function runSubcommand(ei: EiAccess, positionals: string[], values: Record<string, string | boolean | undefined>, print: (value: unknown) => void): Promise<number> {
  const [sub, ...args] = positionals;
  switch (sub) {
    case 'find': {
      const [person, domain] = args;
      if (!person || !domain) throw new UsageError('find needs <personId> <serviceDomain>');
      const query: Record<string, string> = { registeredResidentIdentification: person, serviceDomain: domain };
      for (const o of FIND_OPTIONS) if (typeof values[o] === 'string') query[o] = values[o] as string;
      print(await ei.find(query));
      return 0;
    }
    case 'stats':
      print(await ei.stats());
      return 0;
    case 'dlq':
      if (args[0] === undefined || args[0] === 'list') {
        print(await ei.deadLetters());
        return 0;
      }
      if (args[0] !== 'redeliver') throw new UsageError(`unknown dlq action '${args[0]}'`);
      if (!values.all && args.length < 2) throw new UsageError('dlq redeliver needs --all or dead-letter ids');
      if (args.slice(1).some((a) => !/^\d+$/.test(a))) throw new UsageError('dead-letter ids are integers');
      print(await ei.redeliver(values.all ? 'all' : args.slice(1).map(Number)));
      return 0;
    case 'write-lock': {
      const action = args[0] ?? 'status';
      if (action === 'status') print(await ei.writeLock());
      else if (action === 'on' || action === 'off') print(await ei.setWriteLock(action === 'on'));
      else throw new UsageError(`write-lock takes status, on or off, not '${action}'`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'a subcommand is required');
  }
}
