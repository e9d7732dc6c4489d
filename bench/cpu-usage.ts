import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, milliseconds) used so far by the server process and by the
 * PostgreSQL backends serving one database, read from /proc (Linux). A benchmark reads it
 * before and after a phase to say where each request's time went; on other systems it
 * reports nothing.
 */
export interface CpuSample {
  serverMs: number;
  /** The server's main thread alone (JavaScript runs there; GC and I/O helpers are other threads). */
  serverMainMs: number;
  databaseMs: number;
  /** This process: the simulated users' HTTP client. */
  clientMs: number;
  /** Every CPU of the machine, busy (not idle or waiting on I/O): includes the kernel's share. */
  machineMs: number;
}

const ticksPerSecond = 100; // USER_HZ on Linux

function processCpuMs(pid: number, file = `/proc/${pid}/stat`): number {
  try {
    // Fields after the command (which is in parentheses and may contain spaces).
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** Backends show their database in their title: "postgres: user database host(port) state". */
function databaseBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

function machineBusyMs(): number {
  // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal …
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / ticksPerSecond;
}

export function cpuSample(serverPid: number, database: string): CpuSample | null {
  if (process.platform !== 'linux') return null;
  const own = process.cpuUsage();
  return {
    serverMs: processCpuMs(serverPid),
    // The main thread's id is the process id.
    serverMainMs: processCpuMs(serverPid, `/proc/${serverPid}/task/${serverPid}/stat`),
    databaseMs: databaseBackends(database).reduce((sum, pid) => sum + processCpuMs(pid), 0),
    clientMs: (own.user + own.system) / 1000,
    machineMs: machineBusyMs(),
  };
}
