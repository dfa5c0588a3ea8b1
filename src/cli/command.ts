import type { CliIo } from './format/index.js';

/** A CLI command: one file in src/cli/commands/ exporting `command`. main.ts finds them by file name. */
export interface CliCommand {
  name: string;
  /** one line for `ntjp help` */
  summary: string;
  /** full usage text for `ntjp help <name>` */
  usage: string;
  /** returns the process exit code; `io` defaults to the process's streams and the terminal's format */
  run(argv: string[], io?: CliIo): Promise<number>;
}
