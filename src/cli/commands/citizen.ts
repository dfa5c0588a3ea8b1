import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { printAnswer, processIo } from '../format/index.js';
import { readIdentity } from '../../pki/index.js';
import { createAgent } from '../../shared/soap/client.js';
import { CITIZEN_CONSUMER_HSA_ID, CitizenClient, DEMO_SYSTEMS } from '../../services/index.js';
import { JOURNAL_BOOKING_VERBS, PORTAL_CLI_VERBS, type CitizenVerb } from '../../services/citizen/citizen-verbs.js';
import { PortalClient } from '../../services/citizen/portal-client.js';

type Deps = { citizen: CitizenClient; portal: PortalClient };

/** The service answered but said no: apart from 1 (the call failed) and 2 (wrong arguments), for scripts. */
const REFUSED_EXIT_CODE = 3;

/** A business refusal: the contract's resultCode ERROR (INFO is a success with a note). */
const refusal = (answer: unknown): { resultText?: string } | undefined =>
  (answer as { resultCode?: unknown } | null)?.resultCode === 'ERROR' ? (answer as { resultText?: string }) : undefined;

/** Every verb table of the citizen simulator; add a table with one line. */
const VERBS: Record<string, CitizenVerb<Deps>> = { ...JOURNAL_BOOKING_VERBS, ...PORTAL_CLI_VERBS };

/** The demo port of a role's system (`ntjp start` with services.fixedPorts) as the default URL. */
const demoUrl = (role: string): string => `https://localhost:${DEMO_SYSTEMS.find((s) => s.role === role)?.port ?? 0}`;

const USAGE = `Usage: ntjp citizen <verb> [arguments] [--hub https://localhost:20000/vp] [--certs-dir certs] [--platform 5565594230]
                    [--inbox-url ${demoUrl('inbox')}] [--mina-intyg-url ${demoUrl('certificate-sender')}]
  Acts as the 1177 e-services (${CITIZEN_CONSUMER_HSA_ID}) over mutual TLS with its generated certificate
  against a running \`ntjp start\`: the journal and bookings through the hub, the inbox and certificates
  through the inbox's portal API and Mina intyg's API. Prints the answer (--format table|json). Exit code 3
  when the service refuses (resultCode ERROR, e.g. a booking of a taken slot), 1 when the call fails. Verbs:
${Object.values(VERBS).map((v) => `    ${v.usage}`).join('\n')}`;

export const command: CliCommand = {
  name: 'citizen',
  summary: 'Citizen simulator: journal, bookings, book/rebook/cancel, inbox, certificates (as the 1177 e-services).',
  usage: USAGE,
  async run(argv, io = processIo()) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        hub: { type: 'string', default: 'https://localhost:20000/vp' },
        'certs-dir': { type: 'string', default: 'certs' },
        platform: { type: 'string', default: '5565594230' },
        'inbox-url': { type: 'string', default: demoUrl('inbox') },
        'mina-intyg-url': { type: 'string', default: demoUrl('certificate-sender') },
        actor: { type: 'string' },
        reason: { type: 'string' },
        contract: { type: 'string' },
      },
    });
    const [name, ...rest] = positionals;
    const verb = name ? VERBS[name] : undefined;
    if (!verb) throw new UsageError(name ? `unknown verb '${name}'` : 'a verb is required');
    if (rest.length < verb.arity) throw new UsageError(`usage: ntjp citizen ${verb.usage}`);
    const agent = createAgent(readIdentity(resolve(values['certs-dir']), CITIZEN_CONSUMER_HSA_ID), { connections: 1 });
    try {
      const citizen = new CitizenClient({ kind: 'mtls', url: values.hub, dispatcher: agent }, values.platform);
      const portal = new PortalClient(agent, { inboxUrl: values['inbox-url'], minaIntygUrl: values['mina-intyg-url'] });
      const answer = await verb.run({ citizen, portal }, { positionals: rest, options: { actor: values.actor, reason: values.reason, contract: values.contract } });
      printAnswer(io, answer);
      const refused = refusal(answer);
      if (!refused) return 0;
      io.stderr.write(`ntjp citizen ${name}: refused: ${refused.resultText ?? 'resultCode ERROR'}\n`);
      return REFUSED_EXIT_CODE;
    } finally {
      await agent.close();
    }
  },
};
