// CPU time from /proc (Linux only; null elsewhere): this process's main thread, its other
// threads (the load generator's worker, libuv, GC), and every postgres process on the machine.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far. */
export interface CpuSnapshot {
  main: number;
  otherThreads: number;
  postgres: number;
}

function ticks(statPath: string): { comm: string; seconds: number } | null {
  try {
    const text = readFileSync(statPath, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the stat line; fields[] starts at field 3.
    return { comm, seconds: (Number(fields[11]) + Number(fields[12])) / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds the calling thread has used so far (null off Linux). */
export function threadCpuSeconds(): number | null {
  return ticks('/proc/thread-self/stat')?.seconds ?? null;
}

export function cpuSnapshot(): CpuSnapshot | null {
  try {
    let main = 0;
    let otherThreads = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const t = ticks(`/proc/self/task/${tid}/stat`);
      if (!t) continue;
      if (Number(tid) === process.pid) main += t.seconds;
      else otherThreads += t.seconds;
    }
    let postgres = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const t = ticks(`/proc/${pid}/stat`);
      if (t?.comm.startsWith('postgres')) postgres += t.seconds;
    }
    return { main, otherThreads, postgres };
  } catch {
    return null;
  }
}
