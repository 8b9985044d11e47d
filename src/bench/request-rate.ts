import type { Fixture } from '../fixtures/fixture-set';
import type { Bench } from './bench-state';
import { LoadFailed, metadataLoad } from './metadata-load';
import { formatNumber } from './stats';

/**
 * (b) get_metadata rate and latency, per number of clients, each client sending its next
 * request as soon as the answer to the last one is in:
 *
 *     get_metadata archivo.txt\r\n
 *     0 OK\r\n
 *     41\r\n
 */
export async function requestRate(bench: Bench, file: Fixture): Promise<void> {
  const { measures, settings } = bench;
  const options = { host: bench.host, port: bench.port, name: file.name, expectedSize: file.size, timeoutMs: settings.timeoutMs };
  const warmMs = Math.min(300, settings.durationMs);
  bench.progress(`(b) warming up: 10 clients for ${warmMs} ms`);
  // A server that cannot take 10 clients is told in the runs themselves; the bench's own errors propagate.
  await metadataLoad({ ...options, clients: 10, durationMs: warmMs }).catch((error: unknown) => {
    if (!(error instanceof LoadFailed)) throw error;
  });
  for (let run = 1; run <= settings.runs; run++) {
    for (const clients of settings.clients) {
      const per = `${clients} client${clients === 1 ? '' : 's'}`;
      const at = bench.runName('b', run, per);
      await bench.measureRun(at, {
        take: () => metadataLoad({ ...options, clients, durationMs: settings.durationMs }),
        record: (result, cpu) => {
          if (result.requests > 0) {
            measures.add(`b.rate.${clients}`, `(b) get_metadata, ${per}: rate`, 'req/s', result.perSecond);
            measures.add(`b.p50.${clients}`, `(b) get_metadata, ${per}: latency p50`, 'ms', result.p50Ms);
            measures.add(`b.p99.${clients}`, `(b) get_metadata, ${per}: latency p99`, 'ms', result.p99Ms);
            measures.add(`b.cpu.server.${clients}`, `(b) ${per}: server CPU`, '% of a core', cpu.server);
            measures.add(`b.cpu.client.${clients}`, `(b) ${per}: bench client CPU`, '% of a core', cpu.client);
          }
          for (const wrong of result.wrong.slice(0, 3)) bench.failures.push(`${at.name}: ${wrong}`);
          if (result.unanswered) bench.notes.push(`${at.name}: ${result.unanswered} client(s) got no answer within ${settings.timeoutMs} ms`);
          bench.runs.b.push({ run, ...result, wrong: result.wrong.length, cpu });
          bench.progress(
            `${at.counted}: ${formatNumber(result.perSecond)} req/s, p50 ${formatNumber(result.p50Ms)} ms, p99 ${formatNumber(result.p99Ms)} ms (${result.requests} requests${result.unanswered ? `, ${result.unanswered} unanswered` : ''}${result.wrong.length ? `, ${result.wrong.length} WRONG` : ''}; CPU server ${formatNumber(cpu.server)}%, bench ${formatNumber(cpu.client)}%)`,
          );
        },
        // It could not open its connections (LoadFailed says so): no figures at this level, a note.
        // Any other error is the bench's own, and propagates.
        fails: {
          with: LoadFailed,
          record: (error) => {
            bench.notes.push(`${at.name}: ${error.message}`);
            bench.runs.b.push({ run, clients, error: error.message });
            bench.progress(`${at.counted}: could not run: ${error.message}`);
          },
        },
      });
    }
  }
}
