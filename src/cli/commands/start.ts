import { initDevPki, OPERATOR_HSA_ID } from '../../pki/index.js';
import { DEMO_SYSTEMS } from '../../services/index.js';
import { startHelp } from '../../services/demo/help-text.js';
import type { VpApi } from '../../vp/index.js';
import type { CliCommand } from '../command.js';
import { servePlatform } from './serve.js';

const USAGE = `Usage: ntjp start [platform options]
  The one-command test environment: creates the dev PKI for every demo system on first run,
  starts the hub, catalogue (with a demo order published at start), EI, aggregating services and every
  reference system with demo data, prints the URLs, the demo HSA-ids and three copy-paste commands, then "ready".
  Takes every option of the platform (ntjp settings); e.g. --data <dir>, --certs-dir <dir>.
  Stop with Ctrl-C.`;

export const command: CliCommand = {
  name: 'start',
  summary: 'Start the whole test environment with demo data (npm start).',
  usage: USAGE,
  run: (argv) =>
    servePlatform(argv, {
      prepare(settings) {
        settings['services.run'] = true;
        // As `ntjp certs init`: the operator's client certificate too, for the HTTPS admin listener it prints.
        initDevPki(settings['platform.certsDir'] as string, [OPERATOR_HSA_ID, ...DEMO_SYSTEMS.map((s) => s.hsaId)]);
      },
      banner: ({ ctx }) => `${startHelp({ hubHttpsUrl: ctx.use<VpApi>('vp').urls.https, certsDir: ctx.certsDir, platformHsaId: ctx.platformHsaId })}\nready`,
    }),
};
