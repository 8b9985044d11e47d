import { setTimeout as sleep } from 'node:timers/promises';
import type { Bench } from './bench-state';
import { formatNumber, MIB_KB } from './stats';

/**
 * (d) the server's RSS before any measure, `runs` readings 100 ms apart. Only read, not
 * metered: the server is idle, and the other-load check is about the measures.
 */
export async function idleMemory(bench: Bench): Promise<void> {
  const { sampler } = bench;
  if (!sampler) return;
  let kb = 0;
  for (let run = 1; run <= bench.settings.runs; run++) {
    kb = sampler.nowKb();
    bench.measures.add('d.rss.idle', '(d) server RSS, idle', 'MiB', kb / MIB_KB);
    bench.runs.idle.push({ run, rssKb: kb });
    await sleep(100);
  }
  // The last reading recorded, not a new one: the progress line says what the figures hold.
  bench.progress(`(d) server RSS, idle: ${formatNumber(kb / MIB_KB)} MiB`);
}
