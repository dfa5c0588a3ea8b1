import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { printAnswer, processIo, ProgressLine, renderValue, type CliIo } from '../format/index.js';
import { auditText, diffText, orderText, rowsTable, type AuditLine, type OrderAnswer } from '../views/tak-views.js';
import { loadSettings } from '../../config/load.js';
import { platformSettings } from '../../platform/settings.js';
import { databaseTarget } from '../../store/database-target.js';
import { TakError, TakService, lookupIn, openTakStore, withNames, type RowLookup } from '../../tak/index.js';
import type { CatalogueDiff } from '../../tak/diff.js';
import { KINDS, type Kind } from '../../tak/model.js';
import type { AuditEntry } from '../../tak/store.js';
import { ENTITY_PATHS } from '../../tak/rest-paths.js';
import { INPUT_FIELDS } from '../../tak/entity-inputs.js';
import { readHsaTree } from '../../tak/hsa-import.js';

const ENTITIES = Object.keys(ENTITY_PATHS).join(' | ');

const USAGE = `Usage (works on the catalogue in <dataDir>/ntjp.db, or --database <file> | postgres://user@host:port/db; a running
platform on the same database switches to a new version within ~1 s):
  ntjp tak order <file.json> [--dry-run] [--verbose]
      apply a bulk order (beställning), all or nothing: prints the changes counted per entity, --verbose each
      change; --dry-run only reports. Work over a second shows its progress on stderr.
  ntjp tak list <entity> [--include-deleted]  entity: ${ENTITIES}; references by name
  ntjp tak add <entity> --<field> <value> …   fields per entity:
${Object.entries(ENTITY_PATHS).map(([p, k]) => `      ${p}: ${INPUT_FIELDS[k].required.join(', ')}${INPUT_FIELDS[k].optional.length ? ` [${INPUT_FIELDS[k].optional.join(', ')}]` : ''}`).join('\n')}
      (--certificate <PEM file> reads the component HSA-id from the subject serialNumber; --filters takes JSON)
  ntjp tak end <routes|permissions> <id> [--to YYYY-MM-DD]   end a row (default: yesterday)
  ntjp tak delete <entity> <id>              soft delete
  ntjp tak publish [--comment <text>]        store pending changes as a new version
  ntjp tak rollback                          remove the latest version, back to the one before
  ntjp tak versions | pending | audit         audit: the last 100 changes, rows by name
  ntjp tak diff [<version> [<against>]]      what a version changed (default: what a publish would change)
  ntjp tak export [--version N] [--out <file>]   rows of a version (default latest) as JSON
  ntjp tak import <file.json>                replace the working catalogue by an export (pending)
  ntjp tak hsa-import <file.json|file.xml>   replace the HSA tree (JSON [{hsaId, parent, name}] or HSA XML)
Options: --user <name> (audit trail; default the OS user), --format table|json and the platform flags (--data <dir> …).`;

type Values = Record<string, string | boolean | undefined>;

const SWITCHES = new Set(['dry-run', 'include-deleted', 'verbose']);

/** `--name value`, `--name=value` and the switches; add takes any field name, so flags are not declared up front. */
function parseFlags(argv: string[]): { positionals: string[]; values: Values } {
  const positionals: string[] = [];
  const values: Values = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) positionals.push(arg);
    else if (arg.includes('=')) values[arg.slice(2, arg.indexOf('='))] = arg.slice(arg.indexOf('=') + 1);
    else if (SWITCHES.has(arg.slice(2))) values[arg.slice(2)] = true;
    else if (argv[i + 1] === undefined) throw new UsageError(`${arg} needs a value`);
    else values[arg.slice(2)] = argv[++i];
  }
  return { positionals, values };
}

function need(args: string[], n: number, what: string): string[] {
  if (args.length < n) throw new UsageError(`needs ${what}`);
  return args;
}

function kindOf(entity: string | undefined): (typeof ENTITY_PATHS)[string] {
  const kind = entity === undefined ? undefined : ENTITY_PATHS[entity];
  if (!kind) throw new UsageError(`unknown entity '${entity ?? ''}'; one of ${ENTITIES}`);
  return kind;
}

function idOf(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`'${text ?? ''}' is not an id`);
  return id;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** Every row of the working catalogue, deleted ones too, to name what rows and audit entries refer to. */
const namesOf = async (s: TakService): Promise<RowLookup> => lookupIn((await s.store.readWorking()).data);

async function order(s: TakService, file: string, v: Values, user: string, io: CliIo): Promise<OrderAnswer> {
  const progress = new ProgressLine(io.stderr, 'ntjp tak order');
  progress.update('reading the order');
  try {
    const { changes, ...summary } = await s.order(readJson(file), { dryRun: v['dry-run'] === true, user, progress: (...a) => progress.update(...a) });
    return v.verbose === true ? { ...summary, changes } : summary;
  } finally {
    progress.finish();
  }
}

async function audit(s: TakService): Promise<AuditLine[]> {
  const names = await namesOf(s);
  return (await s.store.audit(100)).map(({ summary, ...e }: AuditEntry): AuditLine => {
    // A row change keeps the row's fields as JSON; publish, rollback and import keep a sentence.
    const row = (KINDS as readonly string[]).includes(e.kind) && summary.startsWith('{') ? (JSON.parse(summary) as object) : undefined;
    return row ? { ...e, row: withNames(names, e.kind as Kind, row) } : { ...e, summary };
  });
}

/** Sub-commands: each gets the service, the positional arguments after its name, the flags, the user and the output. */
const SUBCOMMANDS: Record<string, (s: TakService, args: string[], v: Values, user: string, io: CliIo) => Promise<unknown>> = {
  order: (s, a, v, user, io) => order(s, need(a, 1, '<file.json>')[0]!, v, user, io),
  list: async (s, a, v) => {
    const kind = kindOf(a[0]);
    const names = await namesOf(s);
    return (await s.list(kind, { includeDeleted: v['include-deleted'] === true })).map((r) => withNames(names, kind, r));
  },
  add: (s, a, v, user) => {
    // Flags are kebab-case (`--logical-address`), input fields camelCase.
    const camel = (k: string): string => k.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const input: Record<string, unknown> = Object.fromEntries(Object.entries(v).filter(([k]) => !['user', 'data', 'database'].includes(k)).map(([k, x]) => [camel(k), x]));
    if (typeof input.certificate === 'string') input.certificate = readFileSync(input.certificate, 'utf8');
    if (typeof input.filters === 'string') input.filters = JSON.parse(input.filters);
    return s.add(kindOf(a[0]), input, user);
  },
  end: (s, a, v, user) => s.end(kindOf(a[0]), idOf(a[1]), user, typeof v.to === 'string' ? v.to : undefined),
  delete: async (s, a, _v, user) => {
    await s.remove(kindOf(a[0]), idOf(a[1]), user);
    return { deleted: a[0], id: idOf(a[1]) };
  },
  publish: (s, _a, v, user) => s.publish(user, typeof v.comment === 'string' ? v.comment : ''),
  rollback: (s, _a, _v, user) => s.rollback(user),
  versions: (s) => s.versions(),
  pending: (s) => s.diff(),
  audit,
  diff: (s, a) => s.diff(a[0] === undefined ? undefined : idOf(a[0]), a[1] === undefined ? undefined : idOf(a[1])),
  export: async (s, _a, v) => {
    const version = typeof v.version === 'string' ? await s.version(idOf(v.version)) : await s.latest();
    if (!version) throw new TakError('TAK_ERR_NO_VERSION', 'There is no published version to export.');
    if (typeof v.out !== 'string') return version.data;
    writeFileSync(v.out, JSON.stringify(version.data));
    return { version: version.id, file: v.out };
  },
  import: async (s, a, _v, user) => {
    await s.importData(readJson(need(a, 1, '<file.json>')[0]!), user);
    return { pending: await s.store.pendingCount() };
  },
  'hsa-import': async (s, a, _v, user) => ({ imported: await s.importHsa(readHsaTree(readFileSync(need(a, 1, '<file>')[0]!, 'utf8')), user) }),
};

/** Sub-commands whose answer reads better laid out than the generic way. */
const TEXT: Partial<Record<string, (value: any, v: Values) => string>> = {
  order: (a: OrderAnswer) => orderText(a),
  list: (rows: Array<Record<string, unknown>>, v) => rowsTable(rows, v['include-deleted'] === true),
  audit: (lines: AuditLine[]) => auditText(lines),
  pending: (d: CatalogueDiff) => diffText(d),
  diff: (d: CatalogueDiff) => diffText(d),
  // Without --out the export is the answer itself, a JSON file's content whatever the format.
  export: (data: unknown, v) => (typeof v.out === 'string' ? renderValue(data) : JSON.stringify(data, null, 2)),
};

export const command: CliCommand = {
  name: 'tak',
  summary: 'Service catalogue: orders, entities, publish, rollback, versions, diff, export/import.',
  usage: USAGE,
  async run(argv, io = processIo()) {
    const { positionals, values } = parseFlags(argv);
    const [sub, ...args] = positionals;
    const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (!run) throw new UsageError(sub === undefined ? 'needs a sub-command' : `unknown sub-command '${sub}'`);
    const settings = loadSettings([platformSettings], { argv });
    const { store, close } = openTakStore(databaseTarget(settings), `ntjp tak ${sub}`);
    try {
      const user = typeof values.user === 'string' ? values.user : userInfo().username;
      const value = await run(new TakService(store), args, values, user, io);
      printAnswer(io, value, TEXT[sub!] && (() => TEXT[sub!]!(value, values)));
      return 0;
    } catch (e) {
      if (!(e instanceof TakError)) throw e;
      io.stderr.write(`ntjp tak ${sub}: ${e.code}: ${e.message}\n${e.problems.map((p) => `  - ${p}\n`).join('')}`);
      return 1;
    } finally {
      await close();
    }
  },
};
