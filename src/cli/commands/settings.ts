import { describeSettings, loadSettings } from '../../config/load.js';
import { SETTINGS_GROUPS } from '../../app/settings-groups.js';
import type { CliCommand } from '../command.js';
import { printAnswer, processIo } from '../format/index.js';

const USAGE = `Usage:
  ntjp settings [flags…]     every setting with the value it resolves to (flags > NTJP_* environment > config file > default)
  ntjp settings --docs       the settings reference as a markdown table (docs/configuration.md is this output)`;

export const command: CliCommand = {
  name: 'settings',
  summary: 'Show every setting and its resolved value, or the settings reference.',
  usage: USAGE,
  async run(argv, io = processIo()) {
    if (argv.includes('--docs')) {
      process.stdout.write(configurationDoc());
      return 0;
    }
    const shown = Object.fromEntries(Object.entries(loadSettings(SETTINGS_GROUPS, { argv })).map(([key, value]) => [key, /token/i.test(key) && value ? '(set)' : value]));
    printAnswer(io, shown, () => Object.entries(shown).map(([key, value]) => `${key.padEnd(36)} ${JSON.stringify(value)}`).join('\n'));
    return 0;
  },
};

/** The whole docs/configuration.md, generated from the settings tables so the two never drift. */
export function configurationDoc(): string {
  return `# Configuration

Every setting can be given as a command-line flag, an \`NTJP_*\` environment variable or an entry in a JSON
config file, in that precedence, over the default. The config file is \`--config <file>\`, \`NTJP_CONFIG\`, or
\`ntjp.config.json\` in the working folder; it may be nested (\`{ "vp": { "httpsPort": 20443 } }\`) or flat
(\`{ "vp.httpsPort": 20443 }\`); an unknown key in it is an error. Lists are comma-separated in flags and
environment variables. Every setting also takes its qualified flag (\`--vp-https-port\`); where two components
share a short flag, only the qualified one is accepted. \`ntjp settings\` prints what each setting resolves to.

This file is generated: \`ntjp settings --docs > docs/configuration.md\` (a test checks it is current).

${describeSettings(SETTINGS_GROUPS)}
`;
}
