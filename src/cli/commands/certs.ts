import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { printAnswer, processIo, type CliIo } from '../format/index.js';
import { initDevPki, issueSystemCertificate, OPERATOR_HSA_ID, P12_PASSWORD, type PkiReport } from '../../pki/index.js';

const USAGE = `Usage:
  ntjp certs init [--dir certs] [--systems HSA-ID,HSA-ID…]
      Create the dev CA (ca.pem, ca.key), the hub's certificate (hub.pem, hub.key; SAN localhost, 127.0.0.1, ::1)
      the operator's client certificate (${OPERATOR_HSA_ID}, for the HTTPS admin listener) and a client
      certificate per listed system. Existing files are kept.
  ntjp certs issue --hsa-id <HSA-ID> [--dir certs]
      Issue one more system certificate: <dir>/<HSA-ID>.pem, .key and .p12 (password "${P12_PASSWORD}"),
      with the HSA-id in the subject serialNumber (OID 2.5.4.5) like a SITHS function certificate.`;

function print(io: CliIo, report: PkiReport): void {
  const file = (n: string): string => `${resolve(report.dir, n)}.pem`;
  printAnswer(io, report, () => [
    ...report.created.map((n) => `created ${file(n)}`),
    ...report.kept.map((n) => `kept    ${file(n)}`),
    ...report.reissued.map((n) => `issued again (not signed by ca.pem, or without key identifiers) ${file(n)}`),
  ].join('\n'));
}

export const command: CliCommand = {
  name: 'certs',
  summary: 'Create the dev CA and SITHS-like test certificates.',
  usage: USAGE,
  async run(argv, io = processIo()) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dir: { type: 'string', default: 'certs' }, 'hsa-id': { type: 'string' }, systems: { type: 'string', default: '' } },
    }).valueOf() as { positionals: string[]; values: { dir: string; 'hsa-id'?: string; systems: string } };
    const dir = resolve(values.dir);
    switch (positionals[0]) {
      case 'init':
        print(io, initDevPki(dir, [OPERATOR_HSA_ID, ...values.systems.split(',').map((s) => s.trim()).filter((s) => s && s !== OPERATOR_HSA_ID)]));
        return 0;
      case 'issue':
        if (!values['hsa-id']) throw new UsageError('--hsa-id is required');
        print(io, issueSystemCertificate(dir, values['hsa-id']));
        return 0;
      default:
        throw new UsageError(positionals[0] ? `unknown subcommand '${positionals[0]}'` : 'a subcommand is required');
    }
  },
};
