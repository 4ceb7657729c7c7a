/**
 * How many cores other processes keep busy now. The load average the kernel keeps is a minute's
 * memory and counts this process's own past: right after a busy minute (another consolidation, a
 * benchmark's earlier run) it says the machine is busy when it is idle, and Windows does not keep
 * one at all (os.loadavg() is 0 there). Instead, the cores' busy time is sampled when the CLI loads
 * (src/cli/main.ts imports this module first) and again when the reading threads are chosen, and
 * this process's own time taken out: the load of everything else over the CLI's start-up (about
 * 100 ms from the code cache). When that window is too short to tell, the threads are chosen in two
 * steps (see threadPlan in read-children.ts).
 */
import os from 'os';

export interface CpuSample {
  /** performance.now() when taken. */
  at: number;
  /** Busy milliseconds of every core since boot (user, nice, system, interrupts). */
  busy: number;
  /** CPU milliseconds of this process (every thread). */
  own: number;
}

export function sampleCpu(): CpuSample {
  let busy = 0;
  for (const c of os.cpus()) busy += c.times.user + c.times.nice + c.times.sys + c.times.irq;
  const u = process.cpuUsage();
  return { at: performance.now(), busy, own: (u.user + u.system) / 1000 };
}

/**
 * Shorter windows say too little: the cores' times move in steps of 10 ms, so over 60 ms two cores'
 * busy time is known within about a third of a core.
 */
const MIN_WINDOW_MS = 60;

/** Cores kept busy by other processes between two samples; undefined when they are too close. */
export function othersLoad(since: CpuSample, now: CpuSample): number | undefined {
  const ms = now.at - since.at;
  if (ms < MIN_WINDOW_MS) return undefined;
  return Math.max(0, (now.busy - since.busy - (now.own - since.own)) / ms);
}

const AT_LOAD = sampleCpu();

/** The load of other processes since this module loaded; undefined while that is too short a time. */
export function measuredLoad(): number | undefined {
  return othersLoad(AT_LOAD, sampleCpu());
}

/** The load of other processes since this module loaded, else the 1-minute load average. */
export function currentLoad(): number {
  return measuredLoad() ?? os.loadavg()[0];
}
