import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { UsageError, type CliCommand } from '../command.js';
import { printAnswer, processIo, renderTable } from '../format/index.js';
import { ContractsService, contractsDirOf } from '../../contracts/index.js';

const USAGE = `Usage:
  ntjp contracts import <folder|zip> [--data data] [--contracts-dir dir]
      Copy the RIV-TA domain releases found in the folder or zip (laid out <domain>/<version>/{core_components,
      interactions}) into <data>/contracts. The files stay in the data directory, never in the repository.
  ntjp contracts list [--data data] [--contracts-dir dir] [--format table|json]
      List the contracts the platform knows: Responder namespace, WSDL path on the hub, schema, descriptor.`;

export const command: CliCommand = {
  name: 'contracts',
  summary: 'Import official RIV-TA domain releases and list the known contracts.',
  usage: USAGE,
  async run(argv, io = processIo()) {
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
          const imported = service.importReleases(resolve(positionals[1]));
          printAnswer(io, imported, () => imported.map((r) => `imported ${r.domain}/${r.version} (${r.files} files) into ${r.dir}`).join('\n'));
          return 0;
        }
        case 'list': {
          const known = service.list().map((c) => ({ namespace: c.namespace, wsdlPath: c.wsdlPath, schemaFile: c.schemaFile, interaction: c.descriptor?.interaction, version: c.descriptor?.version, kind: c.descriptor?.kind }));
          printAnswer(io, known, () => renderTable(known, [
            { header: 'namespace', cell: (c) => c.namespace },
            { header: 'wsdl', cell: (c) => (c.wsdlPath ? `/${c.wsdlPath}` : 'no wsdl') },
            { header: 'schema', cell: (c) => (c.schemaFile ? 'schema' : 'no schema') },
            { header: 'descriptor', cell: (c) => (c.interaction ? `${c.interaction} ${c.version} ${c.kind}` : 'no descriptor') },
          ]));
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
