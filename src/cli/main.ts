#!/usr/bin/env node
import { readdirSync } from 'node:fs';
import type { CliCommand } from './command.js';
import { UsageError } from './usage-error.js';
import { processIo, takeFormatFlag } from './format/index.js';

const COMMANDS_DIR = new URL('./commands/', import.meta.url);

/** Commands are the files in ./commands (`certs.ts` → `ntjp certs`), so adding one touches no table. */
function commandFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of readdirSync(COMMANDS_DIR)) {
    const m = /^([a-z-]+)\.(ts|js)$/.exec(f);
    if (m && !f.endsWith('.d.ts')) files.set(m[1]!, f);
  }
  return files;
}

async function load(file: string): Promise<CliCommand> {
  return ((await import(new URL(file, COMMANDS_DIR).href)) as { command: CliCommand }).command;
}

async function help(files: Map<string, string>, name?: string): Promise<number> {
  if (name && files.has(name)) {
    process.stdout.write((await load(files.get(name)!)).usage + '\n');
    return 0;
  }
  const lines = ['Usage: ntjp <command> [options]', '', 'Commands:'];
  for (const f of [...files.values()].sort()) {
    const c = await load(f);
    lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  }
  lines.push('', 'Commands that print data (tak, ei, contracts, citizen, certs, settings) take --format table|json;');
  lines.push('the default is a table at a terminal and JSON in a pipe or file. verify prints its report (and JUnit).');
  lines.push('ntjp help <command> shows a command\'s options.');
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const files = commandFiles();
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') return help(files, rest[0]);
  const file = files.get(name);
  if (!file) {
    process.stderr.write(`ntjp: unknown command '${name}'\n`);
    await help(files);
    return 2;
  }
  const cmd = await load(file);
  // `ntjp <command> --help` as `ntjp help <command>`: no command takes --help as an option of its own.
  if (rest.includes('--help') || rest.includes('-h')) return help(files, name);
  try {
    const { format, rest: args } = takeFormatFlag(rest);
    return await cmd.run(args, processIo(format));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`ntjp ${name}: ${e.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    process.stderr.write(`ntjp ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}

// `ntjp contracts list | head`: the reader has gone, so there is no one left to tell; stop quietly, as a
// filter does, instead of dying on the unhandled EPIPE with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    // Long-running commands (serve, start) resolve only when they stop.
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exitCode = 1;
  },
);
