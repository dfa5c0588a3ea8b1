import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child<T> {
  proc: ChildProcess;
  /** the JSON object the child printed on its first stdout line */
  ready: T;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

/** Starts `node --import tsx <script> <args>` and waits for its first stdout line, a JSON object. */
export function startTsChild<T>(script: string, args: string[] = [], ipc = false): Promise<Child<T>> {
  return startNodeChild<T>(['--import', 'tsx', new URL(script, import.meta.url).pathname, ...args], ipc);
}

/** Starts `node <args>` (e.g. a script compiled by compiled.ts) and waits for its first stdout line, a JSON object. */
export function startNodeChild<T>(args: string[], ipc = false): Promise<Child<T>> {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])] });
  return waitForJsonLine<T>(proc);
}

export function waitForJsonLine<T>(proc: ChildProcess): Promise<Child<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child did not get ready in time')), READY_TIMEOUT_MS);
    const lines = createInterface({ input: proc.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve({ proc, ready: JSON.parse(line) as T, stop: () => stopChild(proc) });
      } catch (e) {
        reject(new Error(`child printed no JSON: ${line} (${(e as Error).message})`));
      }
    });
    proc.once('exit', (code) => reject(new Error(`child exited with ${code} before it was ready`)));
  });
}

export function stopChild(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}
