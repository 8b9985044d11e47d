import { readFileSync } from 'node:fs';
import type { RssSampler } from './process-memory';
import { formatNumber } from './stats';

/** What one measurement used: CPU in percent of one core; RSS in KiB. */
export interface Usage {
  server: number;
  client: number;
  clientUser: number;
  clientSystem: number;
  /** Every CPU of the machine together (200% = both cores of a 2-core machine busy). */
  machine: number;
  startKb: number;
  peakKb: number;
}

/** The usage of one measurement under way: `stop(what)` reads it; `what` null leaves it out of the other-load check. */
export interface Metering {
  stop(what: string | null): Usage;
}

/**
 * CPU of both sides (and of everything else) and the server's memory over each measurement.
 * The server and the bench share the machine's cores: the CPU that neither used is kept per
 * measurement, to say so when other processes may have slowed the figures down.
 */
export class UsageMeter {
  /** Per measurement: CPU (% of a core) used on this machine by neither the server nor the bench. */
  private readonly others: { what: string; cpu: number }[] = [];

  /** Start metering; without a sampler (server memory cannot be read here) the server's figures are NaN. */
  start(sampler: RssSampler | null): Metering {
    sampler?.mark();
    const startKb = sampler?.nowKb() ?? Number.NaN;
    const server = sampler?.cpuMs() ?? 0;
    const client = process.cpuUsage();
    const machine = machineBusyMs();
    const started = performance.now();
    return {
      stop: (what) => {
        const wall = performance.now() - started;
        const used = process.cpuUsage(client);
        const percent = (ms: number) => (ms / wall) * 100;
        const usage: Usage = {
          server: sampler ? percent(sampler.cpuMs() - server) : Number.NaN,
          client: percent((used.user + used.system) / 1000),
          clientUser: percent(used.user / 1000),
          clientSystem: percent(used.system / 1000),
          machine: percent(machineBusyMs() - machine),
          startKb,
          peakKb: sampler?.peakKb() ?? Number.NaN,
        };
        if (what && sampler) this.others.push({ what, cpu: usage.machine - usage.server - usage.client });
        return usage;
      },
    };
  }

  /** A note if other processes used much CPU during some measurement, else null. */
  otherLoadNote(): string | null {
    const busy = this.others.filter((o) => o.cpu > 50);
    if (!busy.length) return null;
    const worst = busy.reduce((a, b) => (b.cpu > a.cpu ? b : a));
    return `other processes (or the kernel, for both sides) used more than half a core during ${busy.length} measurement(s), up to ${formatNumber(worst.cpu)}% in ${worst.what}: those figures may be low`;
  }
}

/**
 * CPU time the whole machine has spent busy (not idle, not waiting for I/O), in ms, from the
 * first line of /proc/stat, in USER_HZ ticks (100 a second):
 *
 *     cpu  user nice system idle iowait irq softirq steal guest guest_nice
 */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - fields[3] - fields[4]) * 10;
  } catch {
    return Number.NaN;
  }
}
