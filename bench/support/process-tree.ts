/**
 * CPU time and memory of a process and all its descendants (a hub with its cluster workers, nginx with its
 * workers), read from /proc (Linux only; elsewhere the figures are 0).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
const PAGE_BYTES = 4096;

interface ProcStat {
  pid: number;
  ppid: number;
  cpuMicros: number;
  rssBytes: number;
}

function statOf(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start after its closing parenthesis.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]);
    return { pid, ppid: Number(f[1]), cpuMicros: (ticks * 1e6) / TICKS_PER_SECOND, rssBytes: Number(f[21]) * PAGE_BYTES };
  } catch {
    return undefined;
  }
}

/** The root and every descendant alive now. */
function tree(rootPid: number): ProcStat[] {
  const all = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).flatMap((n) => statOf(Number(n)) ?? []);
  const byParent = new Map<number, ProcStat[]>();
  for (const s of all) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), s]);
  const out: ProcStat[] = [];
  const todo = all.filter((s) => s.pid === rootPid);
  while (todo.length > 0) {
    const s = todo.pop()!;
    out.push(s);
    todo.push(...(byParent.get(s.pid) ?? []));
  }
  return out;
}

export interface TreeUsage {
  /** CPU time (user + system) of the whole tree, and of the root process alone */
  cpuMicros: number;
  rootCpuMicros: number;
  /** resident memory of the whole tree */
  rssBytes: number;
  processes: number;
}

export function treeUsage(rootPid: number): TreeUsage {
  if (process.platform !== 'linux') return { cpuMicros: 0, rootCpuMicros: 0, rssBytes: 0, processes: 0 };
  const t = tree(rootPid);
  return { cpuMicros: t.reduce((n, s) => n + s.cpuMicros, 0), rootCpuMicros: t[0]?.cpuMicros ?? 0, rssBytes: t.reduce((n, s) => n + s.rssBytes, 0), processes: t.length };
}
