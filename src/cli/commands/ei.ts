import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { printAnswer, processIo } from '../format/index.js';
import { loadSettings } from '../../config/load.js';
import { flagsOf } from '../../config/settings.js';
import { platformSettings } from '../../platform/settings.js';

const FIND_OPTIONS = ['categorization', 'logicalAddress', 'businessObjectInstanceIdentifier', 'clinicalProcessInterestId', 'mostRecentContent', 'sourceSystem', 'dataController', 'owner'] as const;

/** The platform flags (`--data <dir>`, `--admin-port <n>`, `--config <file>`) take a value, so it is not read as a positional. */
const PLATFORM_FLAGS = Object.fromEntries(['--config', ...platformSettings.flatMap(flagsOf)].map((f) => [f.slice(2), { type: 'string' as const }]));

const USAGE = `Usage (talks to a running platform's REST API, /api/ei):
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
  --token <operator token> (default platform.operatorToken or <dataDir>/operator-token), and the platform flags (--data …).`;

interface Target {
  url: string;
  token: string | undefined;
}

function target(argv: string[], url: string | undefined, token: string | undefined): Target {
  const s = loadSettings([platformSettings], { argv });
  const tokenFile = join(s['platform.dataDir'] as string, 'operator-token');
  return {
    url: (url ?? `http://${s['platform.publicHost'] as string}:${s['platform.adminPort'] as number}`).replace(/\/$/, ''),
    token: token ?? ((s['platform.operatorToken'] as string) || (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined)),
  };
}

async function call(t: Target, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(t.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(t.token ? { authorization: `Bearer ${t.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${(json as { message?: string } | undefined)?.message ?? ''}`.trim());
  return json;
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
    const t = target(argv, values.url as string | undefined, values.token as string | undefined);
    const [sub, ...args] = positionals;
    switch (sub) {
      case 'find': {
        const [person, domain] = args;
        if (!person || !domain) throw new UsageError('find needs <personId> <serviceDomain>');
        const query = new URLSearchParams({ registeredResidentIdentification: person, serviceDomain: domain });
        for (const o of FIND_OPTIONS) if (typeof values[o] === 'string') query.set(o, values[o] as string);
        print(await call(t, 'GET', `/api/ei/engagements?${query}`));
        return 0;
      }
      case 'stats':
        print(await call(t, 'GET', '/api/ei/stats'));
        return 0;
      case 'dlq':
        if (args[0] === undefined || args[0] === 'list') {
          print(await call(t, 'GET', '/api/ei/dead-letters'));
          return 0;
        }
        if (args[0] !== 'redeliver') throw new UsageError(`unknown dlq action '${args[0]}'`);
        if (!values.all && args.length < 2) throw new UsageError('dlq redeliver needs --all or dead-letter ids');
        if (args.slice(1).some((a) => !/^\d+$/.test(a))) throw new UsageError('dead-letter ids are integers');
        print(await call(t, 'POST', '/api/ei/dead-letters/redeliver', values.all ? {} : { ids: args.slice(1).map(Number) }));
        return 0;
      case 'write-lock': {
        const action = args[0] ?? 'status';
        if (action === 'status') print(await call(t, 'GET', '/api/ei/write-lock'));
        else if (action === 'on' || action === 'off') print(await call(t, 'PUT', '/api/ei/write-lock', { writeLock: action === 'on' }));
        else throw new UsageError(`write-lock takes status, on or off, not '${action}'`);
        return 0;
      }
      default:
        throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'a subcommand is required');
    }
  },
};
