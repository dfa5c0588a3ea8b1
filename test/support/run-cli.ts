import type { CliCommand } from '../../src/cli/command.js';
import { takeFormatFlag, type OutputFormat } from '../../src/cli/format/index.js';

/**
 * Runs a CLI command in-process as `ntjp` would (its `--format` taken out first, JSON by default as in a
 * pipe), capturing what it writes to stdout and stderr.
 */
export async function runCli(command: CliCommand, argv: string[], format: OutputFormat = 'json'): Promise<{ code: number; out: string; err: string }> {
  const { format: given, rest } = takeFormatFlag(argv);
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    const code = await command.run(rest, { format: given ?? format, stdout: process.stdout, stderr: process.stderr });
    return { code, out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}
