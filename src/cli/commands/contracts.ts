import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { UsageError, type CliCommand } from '../command.js';
import { loadSettings } from '../../config/load.js';
import { flagsOf } from '../../config/settings.js';
import { SETTINGS_GROUPS } from '../../platform/settings-groups.js';
import { ContractsService, contractsDirOf, contractsSettings, importLimitsOf } from '../../contracts/index.js';

/** The import limit flags (`--import-max-entries <n>` …) take a value, so it is not read as a positional. */
const LIMIT_FLAGS = Object.fromEntries(contractsSettings.filter((s) => s.key.startsWith('contracts.importMax')).flatMap(flagsOf).map((f) => [f.slice(2), { type: 'string' as const }]));

const USAGE = `Usage:
  ntjp contracts import <folder|zip> [--data data] [--contracts-dir dir] [--import-max-expanded-bytes n]
                       [--import-max-entries n] [--import-max-ratio n]
      Copy the RIV-TA domain releases found in the folder or zip (laid out <domain>/<version>/{core_components,
      interactions}) into <data>/contracts. The files stay in the data directory, never in the repository.
      A zip over a limit (docs/contracts.md) is refused and nothing is imported.
  ntjp contracts list [--data data] [--contracts-dir dir]
      List the contracts the platform knows: Responder namespace, WSDL path on the hub, schema, descriptor.`;

export const command: CliCommand = {
  name: 'contracts',
  summary: 'Import official RIV-TA domain releases and list the known contracts.',
  usage: USAGE,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { data: { type: 'string', default: 'data' }, 'contracts-dir': { type: 'string', default: '' }, ...LIMIT_FLAGS },
    });
    const dir = contractsDirOf(resolve(values.data), values['contracts-dir'] ? resolve(values['contracts-dir']) : '');
    const service = new ContractsService({ contractsDir: dir, importLimits: importLimitsOf(loadSettings(SETTINGS_GROUPS, { argv })) });
    try {
      switch (positionals[0]) {
        case 'import': {
          if (!positionals[1]) throw new UsageError('import needs a folder or zip');
          for (const r of await service.importReleases(resolve(positionals[1]))) process.stdout.write(`imported ${r.domain}/${r.version} (${r.files} files) into ${r.dir}\n`);
          return 0;
        }
        case 'list': {
          for (const c of service.list()) {
            const parts = [c.wsdlPath ? `/${c.wsdlPath}` : 'no wsdl', c.schemaFile ? 'schema' : 'no schema', c.descriptor ? `${c.descriptor.interaction} ${c.descriptor.version} ${c.descriptor.kind}` : 'no descriptor'];
            process.stdout.write(`${c.namespace}\t${parts.join('\t')}\n`);
          }
          return 0;
        }
        default:
          throw new UsageError(positionals[0] ? `unknown subcommand '${positionals[0]}'` : 'a subcommand is required');
      }
    } finally {
      service.close();
    }
  },
};
