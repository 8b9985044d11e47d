import type { Fixture } from '../fixtures/fixture-set';
import type { Bench, RunName } from './bench-state';
import { patternMismatch, zeroMismatch } from './pattern';
import { readSlice, SliceReadFailed, type SliceReadOptions, type SliceReadResult } from './slice-reader';
import { formatNumber, formatSeconds, MB, MIB_KB } from './stats';
import type { Usage } from './usage';

/*
 * The two measures of one large slice, the whole of a generated file asked for at once:
 *
 *     get_slice bench256M.bin 0 268435456\r\n
 *     0 OK\r\n
 *     <base64 of the 268435456 bytes>\r\n
 *
 * (a) reads it as fast as it can; (e) reads it slowly, to see whether the server buffers
 * ahead of its reader. Both check every byte as it streams.
 */

/** (a) throughput of one large slice, checked byte for byte as it streams. */
export async function throughput(bench: Bench, file: Fixture): Promise<void> {
  const { measures, settings } = bench;
  for (let run = 1; run <= settings.runs; run++) {
    const at = bench.runName('a', run);
    await wholeSlice(bench, at, file, { verify: patternMismatch }, (result, cpu) => {
      const rate = file.size / MB / (result.ms / 1000);
      measures.add('a.throughput', `(a) get_slice ${file.name}, decoded`, 'MB/s', rate);
      measures.add('a.cpu.server', '(a) server CPU', '% of a core', cpu.server);
      measures.add('a.cpu.client', '(a) bench client CPU', '% of a core', cpu.client);
      if (bench.sampler) measures.add('d.rss.a', '(d) server peak RSS during (a)', 'MiB', cpu.peakKb / MIB_KB);
      bench.runs.a.push({ run, bytes: file.size, ms: result.ms, firstByteMs: result.firstByteMs, mbPerSecond: rate, lines: result.lines, cpu });
      bench.progress(
        `${at.counted}: ${formatNumber(rate)} MB/s (${file.size} bytes in ${formatSeconds(result.ms)}, first byte after ${formatNumber(result.firstByteMs)} ms; CPU server ${formatNumber(cpu.server)}%, bench ${formatNumber(cpu.client)}%)${bench.sampler ? `, server RSS peak ${formatNumber(cpu.peakKb / MIB_KB)} MiB` : ''}`,
      );
    });
  }
}

/** (e) a slow reader of a large slice: does the server buffer ahead of it? */
export async function slowReader(bench: Bench, file: Fixture): Promise<void> {
  if (!bench.sampler) {
    bench.notes.push('(e) skipped: it measures server memory, which cannot be measured here');
    return;
  }
  const { measures, settings } = bench;
  // The pace is of decoded bytes; the reader is throttled on the wire, where base64 takes 4 bytes for 3.
  const reading = { verify: zeroMismatch, readBytesPerSecond: (settings.slowRate * MB * 4) / 3, stopAfterMs: settings.slowMs };
  for (let run = 1; run <= settings.runs; run++) {
    const at = bench.runName('e', run);
    await wholeSlice(bench, at, file, reading, (result, cpu) => {
      const rate = result.decoded / MB / (result.ms / 1000);
      measures.add('e.rss', `(e) server peak RSS, slow reader of ${file.name}`, 'MiB', cpu.peakKb / MIB_KB);
      measures.add('e.rate', '(e) slow reader pace, decoded', 'MB/s', rate);
      bench.runs.e.push({ run, decoded: result.decoded, ms: result.ms, mbPerSecond: rate, complete: result.complete, cpu });
      bench.progress(
        `${at.counted}: read ${formatNumber(result.decoded / MB)} MB of ${file.name} at ${formatNumber(rate)} MB/s; server RSS ${formatNumber(cpu.startKb / MIB_KB)} MiB before, peak ${formatNumber(cpu.peakKb / MIB_KB)} MiB`,
      );
    });
  }
}

/** One run of (a) or (e). A wrong answer, a close or a silence part way is a verification failure. */
function wholeSlice(
  bench: Bench,
  at: RunName,
  file: Fixture,
  reading: Pick<SliceReadOptions, 'verify' | 'readBytesPerSecond' | 'stopAfterMs'>,
  record: (result: SliceReadResult, usage: Usage) => void,
): Promise<void> {
  const { host, port, settings } = bench;
  return bench.measureRun(at, {
    take: () => readSlice({ host, port, name: file.name, offset: 0, size: file.size, timeoutMs: settings.timeoutMs, ...reading }),
    record,
    fails: {
      with: SliceReadFailed,
      record: (error) => {
        bench.failures.push(`${at.name}: get_slice ${file.name} 0 ${file.size}: ${error.message}`);
        bench.runs[at.letter].push({ run: at.run, error: error.message, problem: error.problem });
        bench.progress(`${at.counted}: FAILED: ${error.message}`);
      },
    },
  });
}
