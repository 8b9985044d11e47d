import { setTimeout as sleep } from 'node:timers/promises';
import type { Fixture } from '../fixtures/fixture-set';
import type { Bench } from './bench-state';
import { crowd, type CrowdResult } from './crowd';
import { formatNumber, MIB_KB } from './stats';

/**
 * (c) N connections at once, each asking for a small slice at its own offset of the file,
 * checked; for each N of --crowd in turn, the whole run metered as one:
 *
 *     get_slice big33M.bin 33037 4096\r\n
 */
export async function concurrency(bench: Bench, file: Fixture): Promise<void> {
  const { measures, settings } = bench;
  for (let run = 1; run <= settings.runs; run++) {
    const at = bench.runName('c', run);
    await bench.measureRun(at, {
      take: async () => {
        let largest = 0;
        for (const clients of settings.crowd) {
          const result: CrowdResult = await crowd({
            host: bench.host,
            port: bench.port,
            file,
            clients,
            sliceBytes: settings.crowdSliceBytes,
            timeoutMs: settings.timeoutMs,
          });
          const full = result.served === clients;
          if (full) largest = Math.max(largest, clients);
          measures.add(`c.served.${clients}`, `(c) ${clients} at once: clients served`, 'clients', result.served);
          if (full) measures.add(`c.ms.${clients}`, `(c) ${clients} at once: all served within`, 'ms', result.ms);
          for (const wrong of result.wrong.slice(0, 3)) bench.failures.push(`${at.name}, ${clients} clients: ${wrong}`);
          const counts = `${result.notConnected} not connected, ${result.refused} refused, ${result.unanswered} unanswered, ${result.wrong.length} wrong`;
          if (!full) bench.notes.push(`${at.name}, ${clients} clients: ${result.served} served, ${counts}; ${result.examples.join('; ')}`);
          bench.runs.c.push({ run, ...result, wrong: result.wrong.length });
          bench.progress(
            `${at.counted}, ${clients} clients at once: ${result.served} served${full ? ` within ${formatNumber(result.ms)} ms` : ` (${counts})`}`,
          );
          // Let the server close the connections before the next crowd.
          await sleep(200);
        }
        return largest;
      },
      record: (largest, cpu) => {
        measures.add('c.largest', '(c) largest N fully served', 'clients', largest);
        if (bench.sampler) measures.add('d.rss.c', '(d) server peak RSS during (c)', 'MiB', cpu.peakKb / MIB_KB);
      },
    });
  }
}
