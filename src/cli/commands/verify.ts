import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { createAgent } from '../../shared/soap/client.js';
import { ContractsService, contractsDirOf } from '../../contracts/index.js';
import { junitReport, startConsumerRecorder, suitePassed, textReport, verifyProducer, type CheckSuite } from '../../contracts/verify/index.js';

const USAGE = `Usage:
  ntjp verify producer --contract <namespace> --url <url> [--logical-address <id>] [--request <file>]
                       [--cert <pem> --key <pem> [--ca <pem>]] [--junit <file>] [--data data] [--schemas <folder>]
      Call the producer with a contract-valid request (the shipped sample, or --request) and check the answer:
      SOAP 1.1 content type and envelope, no fault, the Responder element, the schema, the result code.
  ntjp verify consumer --contract <namespace> [--port 0] [--calls 1] [--wait-ms 600000] [--junit <file>]
                       [--data data] [--schemas <folder>]
      Start a recording endpoint, point your consumer at the printed URL; each call is checked (LogicalAddress
      header, SOAPAction, payload against the schema) and answered with a sample response.
Schemas come from the imported releases (<data>/contracts, see ntjp contracts) or --schemas. Exit code 1 when
a check fails.`;

const OPTIONS = {
  contract: { type: 'string' },
  url: { type: 'string' },
  'logical-address': { type: 'string', default: '5565594230' },
  request: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string' },
  junit: { type: 'string' },
  data: { type: 'string', default: 'data' },
  schemas: { type: 'string' },
  port: { type: 'string', default: '0' },
  calls: { type: 'string', default: '1' },
  'wait-ms': { type: 'string', default: '600000' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>['values'];

function finish(suites: CheckSuite[], junit: string | undefined): number {
  process.stdout.write(textReport(suites));
  if (junit) writeFileSync(resolve(junit), junitReport(suites));
  return suites.length > 0 && suites.every(suitePassed) ? 0 : 1;
}

async function producer(service: ContractsService, v: Values, contractNs: string): Promise<number> {
  if (!v.url) throw new UsageError('--url is required');
  const contract = service.catalogue.get(contractNs)!;
  const read = (f: string | undefined): string | undefined => (f ? readFileSync(resolve(f), 'utf8') : undefined);
  const tls = v.cert && v.key ? { cert: read(v.cert)!, key: read(v.key)!, ca: read(v.ca) ?? [] } : undefined;
  const dispatcher = tls ? createAgent(tls) : undefined;
  try {
    const suite = await verifyProducer({ contract, url: v.url, logicalAddress: v['logical-address']!, requestPayload: read(v.request), validate: (x) => service.validateXml(x), dispatcher });
    return finish([suite], v.junit);
  } finally {
    await dispatcher?.close();
  }
}

async function consumer(service: ContractsService, v: Values, contractNs: string): Promise<number> {
  const wanted = Number(v.calls);
  const waitMs = Number(v['wait-ms']);
  if (!Number.isInteger(wanted) || wanted < 1 || !Number.isInteger(waitMs) || waitMs < 1) throw new UsageError('--calls and --wait-ms must be positive integers');
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const recorder = await startConsumerRecorder({
    contract: service.catalogue.get(contractNs)!,
    validate: (x) => service.validateXml(x),
    port: Number(v.port),
    onCall: (s) => {
      process.stdout.write(`${suitePassed(s) ? 'PASS' : 'FAIL'} ${s.name}\n`);
      if (recorder.suites.length >= wanted) done();
    },
  });
  process.stdout.write(`Recording calls to ${contractNs} at ${recorder.url} (waiting for ${wanted} call(s), at most ${waitMs} ms)\n`);
  const timer = setTimeout(done, waitMs);
  await finished;
  clearTimeout(timer);
  await recorder.close();
  return finish(recorder.suites, v.junit);
}

export const command: CliCommand = {
  name: 'verify',
  summary: 'Check a producer or a consumer against a contract (schema and RIV-TA rules), with JUnit output.',
  usage: USAGE,
  async run(argv) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const mode = positionals[0];
    if (mode !== 'producer' && mode !== 'consumer') throw new UsageError(mode ? `unknown subcommand '${mode}'` : 'producer or consumer is required');
    if (!values.contract) throw new UsageError('--contract <namespace> is required');
    const service = new ContractsService({ contractsDir: values.schemas ? resolve(values.schemas) : contractsDirOf(resolve(values.data!), '') });
    try {
      if (!service.catalogue.has(values.contract)) throw new UsageError(`unknown contract ${values.contract}; ntjp contracts list shows the known ones`);
      return mode === 'producer' ? await producer(service, values, values.contract) : await consumer(service, values, values.contract);
    } finally {
      service.close();
    }
  },
};
