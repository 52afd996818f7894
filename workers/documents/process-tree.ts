// Memory of a process and all its descendants (Chromium runs as a tree of processes).
// Linux only: reads /proc; elsewhere it reports 0, which never triggers a restart.
import { readdirSync, readFileSync } from 'node:fs';

/** `pid` and its descendants. */
function processTree(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      // The command name is in parentheses and may hold spaces: fields restart after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid);
      if (list) list.push(Number(entry));
      else children.set(ppid, [Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

function field(file: string, name: string): number {
  try {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'latin1'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Sum of the resident set sizes (VmRSS) of `pid` and its descendants, in MB; pages shared between them count once per process. */
export function processTreeRssMb(pid: number): number {
  return processTree(pid).reduce((kb, p) => kb + field(`/proc/${p}/status`, 'VmRSS'), 0) / 1024;
}

/** Proportional set size (shared pages split among their users) of `pid` and its descendants, in MB: the memory they really take. */
export function processTreePssMb(pid: number): number {
  return processTree(pid).reduce((kb, p) => kb + field(`/proc/${p}/smaps_rollup`, 'Pss'), 0) / 1024;
}
