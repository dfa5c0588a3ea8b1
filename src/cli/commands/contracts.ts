import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { printAnswer, processIo, renderTable, type CliIo } from '../format/index.js';
import { loadSettings } from '../../config/load.js';
import { flagsOf } from '../../config/settings.js';
import { databaseFile, platformSettings } from '../../platform/settings.js';
import { databaseTarget } from '../../store/database-target.js';
import { openStoreHost } from '../../store/store-host.js';
import { PgTakStore, SqliteTakStore, TakService } from '../../tak/index.js';
import { ContractsService, contractsDirOf, contractsSettings, importLimitsOf, LifecycleError, LifecycleService, LIFECYCLE_RULE, REPORT_COLUMNS, reportCells } from '../../contracts/index.js';
import { isIsoDate } from '../../tak/dates.js';

const USAGE = `Usage:
  ntjp contracts import <folder|zip> [--published YYYY-MM-DD] [--import-max-expanded-bytes n]
                       [--import-max-entries n] [--import-max-ratio n]
      Copy the RIV-TA domain releases found in the folder or zip (laid out <domain>/<version>/{core_components,
      interactions}) into <data>/contracts. The files stay in the data directory, never in the repository.
      Publication dates come from each interaction WSDL's revisions; --published dates the contracts whose
      files state none. A zip over a limit (docs/contracts.md) is refused and nothing is imported.
  ntjp contracts list
      List the contracts the platform knows: Responder namespace, WSDL path on the hub, schema, descriptor.
  ntjp contracts lifecycle [--system <hsa-id>]
      The migration report: per system and contract the majors in use, the newest published major, its date,
      the deadline (publication + 18 months) and the status (current, migrate by <date>, overdue).
  ntjp contracts published <namespace> <YYYY-MM-DD> [--user <name>]
      Correct the publication date of a contract major; it wins over every other source.
Output: a table on a terminal, JSON in a pipe or file (--format table|json).
Store options (as every command): --data-dir <dir> (alias --data), --database <file|postgres://user@host:port/db>
  (default <dataDir>/ntjp.db; the dates and usage counts are read and written there, as the platform does),
  --contracts-dir <dir> (default <dataDir>/contracts).`;

/** The store flags take a value, so parseArgs must know them (loadSettings reads them from the same argv). */
const STORE_FLAGS = Object.fromEntries(['--config', ...[...platformSettings, ...contractsSettings].flatMap(flagsOf)].map((f) => [f.slice(2), { type: 'string' as const }]));

type Values = Record<string, string | boolean | undefined>;
type Subcommand = (s: { contracts: ContractsService; lifecycle: LifecycleService; io: CliIo }, args: string[], v: Values) => Promise<void>;

const text = (v: Values, name: string): string | undefined => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
const userOf = (v: Values): string => text(v, 'user') ?? userInfo().username;

const SUBCOMMANDS: Record<string, Subcommand> = {
  async import({ contracts, lifecycle, io }, args, v) {
    if (!args[0]) throw new UsageError('import needs a folder or zip');
    const published = text(v, 'published');
    if (published !== undefined && !isIsoDate(published)) throw new UsageError(`--published ${published} is not a date YYYY-MM-DD`);
    const releases = await contracts.importReleases(resolve(args[0]));
    if (published) await lifecycle.recordReleaseDate(releases, published, userOf(v));
    const versions = await lifecycle.versions();
    const imported = releases.map((r) => {
      const own = [...new Set(contracts.importedWsdls().filter((w) => w.releaseDir === r.dir).map((w) => w.namespace))].map((ns) => versions.get(ns)!);
      const count = (source: string): number => own.filter((c) => c.source === source).length;
      return { ...r, contracts: own.length, datedByReleaseFiles: count('release-files'), datedByPublished: count('import'), undated: own.filter((c) => !c.published).length };
    });
    printAnswer(io, imported, () =>
      imported
        .map((r) => `imported ${r.domain}/${r.version} (${r.files} files) into ${r.dir}; ${r.contracts} contracts: ${r.datedByReleaseFiles} dated by the release's files, ${r.datedByPublished} by --published${r.undated ? `, ${r.undated} without a date (give --published)` : ''}`)
        .join('\n'),
    );
  },
  async list({ contracts, io }) {
    const known = contracts.list().map((c) => ({ namespace: c.namespace, wsdlPath: c.wsdlPath, schemaFile: c.schemaFile, interaction: c.descriptor?.interaction, version: c.descriptor?.version, kind: c.descriptor?.kind }));
    printAnswer(io, known, () =>
      renderTable(known, [
        { header: 'namespace', cell: (c) => c.namespace },
        { header: 'wsdl', cell: (c) => (c.wsdlPath ? `/${c.wsdlPath}` : 'no wsdl') },
        { header: 'schema', cell: (c) => (c.schemaFile ? 'schema' : 'no schema') },
        { header: 'descriptor', cell: (c) => (c.interaction ? `${c.interaction} ${c.version} ${c.kind}` : 'no descriptor') },
      ]),
    );
  },
  async lifecycle({ lifecycle, io }, _args, v) {
    const system = text(v, 'system');
    const systems = system ? [await lifecycle.system(system)] : await lifecycle.report();
    printAnswer(io, { today: lifecycle.today(), rule: LIFECYCLE_RULE, systems }, () =>
      renderTable(reportCells(systems), REPORT_COLUMNS.map((header, i) => ({ header, cell: (row: string[]) => row[i] }))),
    );
  },
  async published({ lifecycle, io }, args, v) {
    if (args.length < 2) throw new UsageError('published needs <namespace> <YYYY-MM-DD>');
    printAnswer(io, await lifecycle.correct(args[0]!, args[1], userOf(v)));
  },
};

export const command: CliCommand = {
  name: 'contracts',
  summary: 'Import RIV-TA releases, list the known contracts, the version lifecycle report and its dates.',
  usage: USAGE,
  async run(argv, io = processIo()) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...STORE_FLAGS, published: { type: 'string' }, system: { type: 'string' }, user: { type: 'string' } },
    });
    const [sub, ...args] = positionals;
    const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (!run) throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'a subcommand is required');
    const settings = loadSettings([platformSettings, contractsSettings], { argv });
    const contracts = new ContractsService({ contractsDir: contractsDirOf(resolve(settings['platform.dataDir'] as string), settings['contracts.dir'] ? resolve(settings['contracts.dir'] as string) : ''), importLimits: importLimitsOf(settings) });
    const host = openStoreHost(databaseTarget(settings), databaseFile(settings));
    try {
      const snapshot = await new TakService(host.postgres ? new PgTakStore(host.postgres) : new SqliteTakStore(host.db)).latestSnapshot();
      const lifecycle = await LifecycleService.open({ host, contracts, catalogue: () => snapshot });
      await run({ contracts, lifecycle, io }, args, values);
      return 0;
    } catch (e) {
      if (!(e instanceof LifecycleError)) throw e;
      io.stderr.write(`ntjp contracts ${sub}: ${e.code}: ${e.message}\n`);
      return 1;
    } finally {
      contracts.close();
      await host.close();
    }
  },
};
