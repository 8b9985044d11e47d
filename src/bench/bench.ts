import { RUN_DEFAULTS, type RunConfig } from '../conformance/config';
import { openSession } from '../target/session';
import { targetFrom } from '../target/target-spec';
import { Bench } from './bench-state';
import { serveBenchFiles, writeBenchFiles } from './bench-files';
import { concurrency } from './concurrency';
import { idleMemory } from './idle-memory';
import type { Io } from './io';
import { slowReader, throughput } from './large-slice';
import { bigFile, slowFile } from './pattern';
import { printReport, writeJsonReport } from './report';
import { requestRate } from './request-rate';
import { type BenchOptions, resolveSettings } from './settings';
import { formatSeconds } from './stats';

/**
 * `hftp-conformance bench`: how fast and how frugal a server is.
 *
 *   (a) throughput: one get_slice of a generated file (256 MiB), decoded and checked as it streams
 *   (b) get_metadata rate and latency with 1, 10 and 100 clients, each sending back to back
 *   (c) concurrency: N connections at once, each a 4 KiB slice of big33M.bin (N = 100, 1000)
 *   (d) the server's resident memory (idle, and its peak during (a) and (c))
 *   (e) its peak memory while a slow reader (5 MB/s) takes a slice of a 1 GiB file
 *
 * Each figure is the median of --runs runs, with min and max. They are taken in the order
 * idle, (a), (b), (c), (e): idle memory first, while the server has done nothing else yet,
 * and the slow reader last, on a freshly restarted server when the bench started it (damage
 * last: a threaded Python server may build a whole 1.3 GB answer for it, and would carry
 * that into every measure after it).
 *
 * Exit status: 0 measured; 1 a verification failed (wrong bytes, a wrong answer, or a slice
 * of (a) or (e) cut short); 2 the target could not be tested (it did not start, or the
 * conformance preflight found it absent or not serving the fixture set).
 *
 * This module only orders the measures; each has its module, the report has its own.
 */
export const EXIT_BENCH = { OK: 0, VERIFICATION_FAILED: 1, COULD_NOT_TEST: 2 } as const;

/** Run the bench against the chosen target; returns the exit status (0, 1 wrong bytes, 2 via CannotTest). */
export async function runBench(options: BenchOptions, io: Io): Promise<number> {
  const settings = resolveSettings(options);
  const progress = (text: string) => io.stderr.write(`bench: ${text}\n`);
  const big = bigFile(settings.bigMib);
  const slow = slowFile(settings.slowMib);

  if (options.writeFiles) {
    await writeBenchFiles(options.writeFiles, settings, big, slow, io);
    return EXIT_BENCH.OK;
  }

  const chosen = targetFrom(options, 'bench');
  const config: RunConfig = { ...RUN_DEFAULTS, target: chosen.spec, timeoutMs: settings.timeoutMs, capabilities: [] };
  const began = performance.now();
  progress(`starting ${chosen.name}`);
  // The bench checks the target its own way (its big files beside the fixture set).
  const suite = await openSession(config, { name: chosen.name, check: false });

  const { target } = suite;
  const bench = new Bench(target, settings, progress);
  try {
    const served = await serveBenchFiles(suite, bench, big, slow, io);
    bench.locate(config.target.kind !== 'attach');

    // Idle memory first, on a server that has done nothing yet; the slow reader last.
    await idleMemory(bench);
    if (served.big) await throughput(bench, big);
    await requestRate(bench, suite.fixture('archivo.txt'));
    await concurrency(bench, suite.fixture('big33M.bin'));
    if (served.slow) {
      if (target.restartable) {
        await bench.stopSampler();
        await target.recover();
        bench.locate(true);
      }
      await slowReader(bench, slow);
    }

    const elapsedMs = performance.now() - began;
    bench.checkOtherLoad();
    const exitStatus = bench.failures.length ? EXIT_BENCH.VERIFICATION_FAILED : EXIT_BENCH.OK;
    const report = { target: chosen.name, host: target.host, port: target.port, elapsedMs, exitStatus };
    printReport(bench, report, io);
    if (options.json) writeJsonReport(options.json, bench, report);
    progress(`done in ${formatSeconds(performance.now() - began)}`);
    return exitStatus;
  } finally {
    await bench.stopSampler();
    await suite.stop();
  }
}
