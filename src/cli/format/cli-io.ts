/** Where and how a command prints: chosen once in main.ts (`--format`, else by the terminal) and handed to it. */
import { defaultFormat, type OutputFormat } from './output-format.js';
import { renderValue } from './render-value.js';

export interface CliIo {
  format: OutputFormat;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function processIo(format: OutputFormat = defaultFormat(process.stdout)): CliIo {
  return { format, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Prints a command's answer: the value as JSON, or for a person `text()` (default: the value laid out by
 * renderValue). `text` is called only when needed, so a large answer asked for as JSON is never laid out.
 */
export function printAnswer(io: CliIo, value: unknown, text: () => string = () => renderValue(value)): void {
  io.stdout.write(`${io.format === 'json' ? JSON.stringify(value, null, 2) : text()}\n`);
}
