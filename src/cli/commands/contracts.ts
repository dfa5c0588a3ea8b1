import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { UsageError, type CliCommand } from '../command.js';
import { ContractsService, contractsDirOf } from '../../contracts/index.js';

const USAGE = `Usage:
  ntjp contracts import <folder|zip> [--data data] [--contracts-dir dir]
      Copy the RIV-TA domain releases found in the folder or zip (laid out <domain>/<version>/{core_components,
      interactions}) into <data>/contracts. The files stay in the data directory, never in the repository.
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
      options: { data: { type: 'string', default: 'data' }, 'contracts-dir': { type: 'string', default: '' } },
    });
    const dir = contractsDirOf(resolve(values.data), values['contracts-dir'] ? resolve(values['contracts-dir']) : '');
    const service = new ContractsService({ contractsDir: dir });
    try {
      switch (positionals[0]) {
        case 'import': {
          if (!positionals[1]) throw new UsageError('import needs a folder or zip');
          for (const r of service.importReleases(resolve(positionals[1]))) process.stdout.write(`imported ${r.domain}/${r.version} (${r.files} files) into ${r.dir}\n`);
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
