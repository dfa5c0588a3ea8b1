import { UsageError } from '../usage-error.js';

/** How a command prints its answer: aligned columns for a person, JSON for a script. */
export const OUTPUT_FORMATS = ['table', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A table at a terminal, JSON when the output goes to a pipe or a file. */
export function defaultFormat(stdout: { isTTY?: boolean }): OutputFormat {
  return stdout.isTTY ? 'table' : 'json';
}

function checked(value: string | undefined): OutputFormat {
  if (!OUTPUT_FORMATS.includes(value as OutputFormat)) throw new UsageError(`--format takes ${OUTPUT_FORMATS.join(' or ')}, not '${value ?? ''}'`);
  return value as OutputFormat;
}

/** Takes `--format <f>` or `--format=<f>` out of a command's arguments: every command accepts it. */
export function takeFormatFlag(argv: readonly string[]): { format: OutputFormat | undefined; rest: string[] } {
  const rest: string[] = [];
  let format: OutputFormat | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--format') format = checked(argv[++i]);
    else if (arg.startsWith('--format=')) format = checked(arg.slice('--format='.length));
    else rest.push(arg);
  }
  return { format, rest };
}
