import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { HftpConnection } from '../client/hftp-connection';
import { RUN_DEFAULTS, type RunConfig } from '../conformance/config';
import type { ManagedDirectory } from '../target/managed-directory';
import { preflight } from '../target/preflight';
import { openSession } from '../target/session';
import type { Target } from '../target/target';
import type { Fixture } from '../fixtures/fixture-set';
import type { Writable } from 'node:stream';
import { CannotTest } from '../target/session';
import { targetFrom, type TargetOptions } from '../target/target-spec';
import { crowd, type CrowdResult } from './crowd';
import { metadataLoad, type LoadResult } from './metadata-load';
import { bigFile, patternMismatch, slowFile, zeroMismatch } from './pattern';
import { RssSampler } from './process-memory';
import { readSlice, SliceReadFailed } from './slice-reader';
import { formatNumber, summarize } from './stats';

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
 */
/** Where the bench writes (the CLI's standard streams). */
export interface Io {
  stdout: Writable;
  stderr: Writable;
}

export interface BenchOptions extends TargetOptions {
  runs?: number;
  /** Seconds per (b) level. */
  duration?: number;
  bigMib?: number;
  clients?: number[];
  crowd?: number[];
  /** ms: connect and read timeout; (c)'s deadline per client. */
  timeout?: number;
  /** Decoded MB/s of the slow reader. */
  slowRate?: number;
  /** Seconds of slow reading (0: no slow reader). */
  slowSeconds?: number;
  slowMib?: number;
  smoke?: boolean;
  json?: string;
  /** Only write the bench's files into this directory (for a server in attach mode). */
  writeFiles?: string;
}

export interface BenchSettings {
  runs: number;
  durationMs: number;
  bigMib: number;
  clients: number[];
  crowd: number[];
  crowdSliceBytes: number;
  timeoutMs: number;
  slowRate: number;
  slowMs: number;
  slowMib: number;
}

export const DEFAULT_SETTINGS: BenchSettings = {
  runs: 3,
  durationMs: 2000,
  bigMib: 256,
  clients: [1, 10, 100],
  crowd: [100, 1000],
  crowdSliceBytes: 4096,
  timeoutMs: 5000,
  slowRate: 5,
  slowMs: 3000,
  slowMib: 1024,
};

/** --smoke: every measure, tiny, once (for CI). */
export const SMOKE_SETTINGS: BenchSettings = { ...DEFAULT_SETTINGS, runs: 1, durationMs: 300, bigMib: 8, crowd: [20], slowMs: 300, slowMib: 64 };

export function resolveSettings(options: BenchOptions): BenchSettings {
  const base = options.smoke ? SMOKE_SETTINGS : DEFAULT_SETTINGS;
  return {
    ...base,
    runs: options.runs ?? base.runs,
    durationMs: options.duration !== undefined ? options.duration * 1000 : base.durationMs,
    bigMib: options.bigMib ?? base.bigMib,
    clients: options.clients?.length ? options.clients : base.clients,
    crowd: options.crowd?.length ? options.crowd : base.crowd,
    timeoutMs: options.timeout ?? base.timeoutMs,
    slowRate: options.slowRate ?? base.slowRate,
    slowMs: options.slowSeconds !== undefined ? options.slowSeconds * 1000 : base.slowMs,
    slowMib: options.slowMib ?? base.slowMib,
  };
}

export const EXIT_BENCH = { OK: 0, VERIFICATION_FAILED: 1, COULD_NOT_TEST: 2 } as const;

interface Row {
  id: string;
  label: string;
  unit: string;
  values: number[];
}

/** The figures of a bench: every run's value of each measure. */
export class Measures {
  private readonly rows = new Map<string, Row>();

  add(id: string, label: string, unit: string, value: number): void {
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { id, label, unit, values: [] }));
    row.values.push(value);
  }

  /** By measure letter ((a) to (e)), in the order measured within one letter. */
  list(): (Row & { median: number; min: number; max: number })[] {
    const rows = [...this.rows.values()].sort((x, y) => x.id.charCodeAt(0) - y.id.charCodeAt(0));
    return rows.map((row) => ({ ...row, ...summarize(row.values) }));
  }

  table(): string {
    const header = ['MEASURE', 'MEDIAN', 'MIN', 'MAX', 'UNIT'];
    const lines = this.list().map((row) => [row.label, formatNumber(row.median), formatNumber(row.min), formatNumber(row.max), row.unit]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
    const format = (cells: string[]) =>
      cells
        .map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd();
    return [format(header), ...lines.map(format)].join('\n');
  }
}

const MB = 1e6;
const MIB_KB = 1024;

/** Run the bench against the chosen target; returns the exit status (0, 1 wrong bytes, 2 via CannotTest). */
export async function runBench(options: BenchOptions, io: Io): Promise<number> {
  const settings = resolveSettings(options);
  const progress = (text: string) => io.stderr.write(`bench: ${text}\n`);
  const big = bigFile(settings.bigMib);
  const slow = slowFile(settings.slowMib);

  if (options.writeFiles) {
    mkdirSync(options.writeFiles, { recursive: true });
    await big.writeTo(options.writeFiles);
    await slow.writeTo(options.writeFiles);
    io.stdout.write(
      `Wrote ${big.name} (${settings.bigMib} MiB) and ${slow.name} (${settings.slowMib} MiB, sparse) to ${options.writeFiles}: serve them beside the fixture set.\n`,
    );
    return EXIT_BENCH.OK;
  }

  const chosen = targetFrom(options, 'bench');
  const config: RunConfig = { ...RUN_DEFAULTS, target: chosen.spec, timeoutMs: settings.timeoutMs, capabilities: [] };
  const targetName = chosen.name;
  const began = performance.now();
  progress(`starting ${targetName}`);
  // The bench checks the target its own way (its big files beside the fixture set).
  const suite = await openSession(config, { name: targetName, check: false });

  const bench = new Bench(settings, progress);
  try {
    const target = suite.target;
    let haveBig = true;
    let haveSlow = settings.slowMs > 0;
    if (target.directory) {
      await check(target, [...suite.fixtures.values()], io);
      const started = performance.now();
      await addFile(target.directory, big);
      if (haveSlow) await addFile(target.directory, slow);
      progress(
        `wrote ${big.name} (${settings.bigMib} MiB)${haveSlow ? ` and ${slow.name} (${settings.slowMib} MiB, sparse)` : ''} into ${target.directory.path} in ${seconds(performance.now() - started)}`,
      );
    } else {
      // Attach mode without --data-dir: use the bench's files only if the target serves them.
      const sizes = await probeSizes(target, [big.name, slow.name]);
      const present = [big, slow].filter((file) => sizes.has(file.name));
      await check(target, [...suite.fixtures.values(), ...present], io);
      const sizeOptions = [
        settings.bigMib !== DEFAULT_SETTINGS.bigMib ? ` --big-mib ${settings.bigMib}` : '',
        settings.slowMib !== DEFAULT_SETTINGS.slowMib ? ` --slow-mib ${settings.slowMib}` : '',
      ].join('');
      const howTo = `write it with \`hftp-conformance bench --write-files DIR${sizeOptions}\` and serve DIR`;
      // The preflight leaves wrong sizes to the rules (a warning); the bench needs the sizes it expects.
      const usable = (file: Fixture) => sizes.get(file.name) === file.size;
      if (!usable(big)) {
        haveBig = false;
        bench.notes.push(`(a) skipped: the target does not serve ${big.name} (${settings.bigMib} MiB)${sizes.has(big.name) ? ' of that size' : ''}; ${howTo}`);
      }
      if (haveSlow && !usable(slow)) {
        haveSlow = false;
        bench.notes.push(`(e) skipped: the target does not serve ${slow.name}${sizes.has(slow.name) ? ' of that size' : ''}; ${howTo}`);
      }
    }
    bench.locate(target.host, target.port, config.target.kind !== 'attach');

    // Idle memory first, on a server that has done nothing yet; the slow reader last.
    await bench.idle();
    if (haveBig) await bench.throughput(big);
    await bench.load(suite.fixture('archivo.txt'));
    await bench.crowds(suite.fixture('big33M.bin'));
    if (haveSlow) {
      if (target.restartable) {
        await bench.sampler?.stop();
        bench.sampler = null;
        await target.recover();
        bench.locate(target.host, target.port, true);
      }
      await bench.slowReader(slow);
    }

    const elapsed = performance.now() - began;
    bench.checkOtherLoad();
    io.stdout.write(
      `\nBench of ${targetName} (${target.host}:${target.port}): median of ${settings.runs} run${settings.runs === 1 ? '' : 's'}; took ${seconds(elapsed)}.\n\n${bench.measures.table()}\n`,
    );
    for (const note of bench.notes) io.stdout.write(`note: ${note}\n`);
    for (const failure of bench.failures) io.stdout.write(`VERIFICATION FAILED: ${failure}\n`);
    const status = bench.failures.length ? EXIT_BENCH.VERIFICATION_FAILED : EXIT_BENCH.OK;
    if (options.json) {
      const report = {
        target: targetName,
        address: `${target.host}:${target.port}`,
        date: new Date().toISOString(),
        elapsedSeconds: elapsed / 1000,
        settings,
        serverPids: bench.sampler?.pids ?? null,
        measures: bench.measures.list(),
        runs: bench.runs,
        notes: bench.notes,
        failures: bench.failures,
        exitStatus: status,
      };
      mkdirSync(path.dirname(path.resolve(options.json)), { recursive: true });
      writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    }
    progress(`done in ${seconds(performance.now() - began)}`);
    return status;
  } finally {
    await bench.sampler?.stop();
    await suite.stop();
  }
}

/** One bench: its target, settings, figures, notes and failures; one method per measure. */
class Bench {
  readonly measures = new Measures();
  readonly notes: string[] = [];
  readonly failures: string[] = [];
  readonly runs: Record<'idle' | 'a' | 'b' | 'c' | 'e', unknown[]> = { idle: [], a: [], b: [], c: [], e: [] };
  sampler: RssSampler | null = null;
  private host = '';
  private port = 0;
  /** Per measurement: CPU (% of a core) used on this machine by neither the server nor the bench. */
  private readonly others: { what: string; cpu: number }[] = [];

  constructor(
    private readonly settings: BenchSettings,
    private readonly progress: (text: string) => void,
  ) {}

  /** `started`: the bench started the target (in a process group of its own). */
  locate(host: string, port: number, started: boolean): void {
    this.host = host;
    this.port = port;
    const found = RssSampler.start(port, { groups: started });
    if (typeof found === 'string') {
      this.notes.push(`(d) and (e) skipped: server memory cannot be measured (${found})`);
      return;
    }
    this.sampler = found;
    this.progress(
      `server processes (${started ? "the listener's process group and descendants" : 'the listener and its descendants'}): ${found.pids.join(' ')}`,
    );
  }

  /** (d) the server's RSS before any measure, `runs` readings 100 ms apart. */
  async idle(): Promise<void> {
    if (!this.sampler) return;
    for (let run = 1; run <= this.settings.runs; run++) {
      const kb = this.sampler.nowKb();
      this.measures.add('d.rss.idle', '(d) server RSS, idle', 'MiB', kb / MIB_KB);
      this.runs.idle.push({ run, rssKb: kb });
      await sleep(100);
    }
    this.progress(`(d) server RSS, idle: ${formatNumber(this.sampler.nowKb() / MIB_KB)} MiB`);
  }

  /** (e) a slow reader of a large slice: does the server buffer ahead of it? */
  async slowReader(file: Fixture): Promise<void> {
    if (!this.sampler) {
      this.notes.push('(e) skipped: it measures server memory, which cannot be measured here');
      return;
    }
    const { settings } = this;
    const encodedRate = (settings.slowRate * MB * 4) / 3;
    for (let run = 1; run <= settings.runs; run++) {
      const usage = this.usage();
      try {
        const result = await readSlice({
          host: this.host,
          port: this.port,
          name: file.name,
          offset: 0,
          size: file.size,
          timeoutMs: settings.timeoutMs,
          verify: zeroMismatch,
          readBytesPerSecond: encodedRate,
          stopAfterMs: settings.slowMs,
        });
        const cpu = usage.stop(`(e) run ${run}`);
        const rate = result.decoded / MB / (result.ms / 1000);
        this.measures.add('e.rss', `(e) server peak RSS, slow reader of ${file.name}`, 'MiB', cpu.peakKb / MIB_KB);
        this.measures.add('e.rate', '(e) slow reader pace, decoded', 'MB/s', rate);
        this.runs.e.push({ run, decoded: result.decoded, ms: result.ms, mbPerSecond: rate, complete: result.complete, cpu });
        this.progress(
          `(e) run ${run}/${settings.runs}: read ${formatNumber(result.decoded / MB)} MB of ${file.name} at ${formatNumber(rate)} MB/s; server RSS ${formatNumber(cpu.startKb / MIB_KB)} MiB before, peak ${formatNumber(cpu.peakKb / MIB_KB)} MiB`,
        );
      } catch (error) {
        if (!(error instanceof SliceReadFailed)) throw error;
        usage.stop(null);
        this.failed('e', run, `get_slice ${file.name} 0 ${file.size}`, error);
      }
    }
  }

  /** (a) throughput of one large slice, checked byte for byte as it streams. */
  async throughput(file: Fixture): Promise<void> {
    const { settings } = this;
    for (let run = 1; run <= settings.runs; run++) {
      const usage = this.usage();
      try {
        const result = await readSlice({
          host: this.host,
          port: this.port,
          name: file.name,
          offset: 0,
          size: file.size,
          timeoutMs: settings.timeoutMs,
          verify: patternMismatch,
        });
        const cpu = usage.stop(`(a) run ${run}`);
        const rate = file.size / MB / (result.ms / 1000);
        this.measures.add('a.throughput', `(a) get_slice ${file.name}, decoded`, 'MB/s', rate);
        this.measures.add('a.cpu.server', '(a) server CPU', '% of a core', cpu.server);
        this.measures.add('a.cpu.client', '(a) bench client CPU', '% of a core', cpu.client);
        if (this.sampler) this.measures.add('d.rss.a', '(d) server peak RSS during (a)', 'MiB', cpu.peakKb / MIB_KB);
        this.runs.a.push({ run, bytes: file.size, ms: result.ms, firstByteMs: result.firstByteMs, mbPerSecond: rate, lines: result.lines, cpu });
        this.progress(
          `(a) run ${run}/${settings.runs}: ${formatNumber(rate)} MB/s (${file.size} bytes in ${seconds(result.ms)}, first byte after ${formatNumber(result.firstByteMs)} ms; CPU server ${formatNumber(cpu.server)}%, bench ${formatNumber(cpu.client)}%)${this.sampler ? `, server RSS peak ${formatNumber(cpu.peakKb / MIB_KB)} MiB` : ''}`,
        );
      } catch (error) {
        if (!(error instanceof SliceReadFailed)) throw error;
        usage.stop(null);
        this.failed('a', run, `get_slice ${file.name} 0 ${file.size}`, error);
      }
    }
  }

  /** (b) get_metadata rate and latency, per number of clients. */
  async load(file: Fixture): Promise<void> {
    const { settings } = this;
    const options = { host: this.host, port: this.port, name: file.name, expectedSize: file.size, timeoutMs: settings.timeoutMs };
    const warmMs = Math.min(300, settings.durationMs);
    this.progress(`(b) warming up: 10 clients for ${warmMs} ms`);
    await metadataLoad({ ...options, clients: 10, durationMs: warmMs }).catch(() => null);
    for (let run = 1; run <= settings.runs; run++) {
      for (const clients of settings.clients) {
        const per = `${clients} client${clients === 1 ? '' : 's'}`;
        const usage = this.usage();
        let result: LoadResult;
        try {
          result = await metadataLoad({ ...options, clients, durationMs: settings.durationMs });
        } catch (error) {
          usage.stop(null);
          this.notes.push(`(b) run ${run}, ${per}: ${(error as Error).message}`);
          this.runs.b.push({ run, clients, error: (error as Error).message });
          this.progress(`(b) run ${run}/${settings.runs}, ${per}: could not run: ${(error as Error).message}`);
          continue;
        }
        const cpu = usage.stop(`(b) run ${run}, ${per}`);
        if (result.requests > 0) {
          this.measures.add(`b.rate.${clients}`, `(b) get_metadata, ${per}: rate`, 'req/s', result.perSecond);
          this.measures.add(`b.p50.${clients}`, `(b) get_metadata, ${per}: latency p50`, 'ms', result.p50Ms);
          this.measures.add(`b.p99.${clients}`, `(b) get_metadata, ${per}: latency p99`, 'ms', result.p99Ms);
          this.measures.add(`b.cpu.server.${clients}`, `(b) ${per}: server CPU`, '% of a core', cpu.server);
          this.measures.add(`b.cpu.client.${clients}`, `(b) ${per}: bench client CPU`, '% of a core', cpu.client);
        }
        for (const wrong of result.wrong.slice(0, 3)) this.failures.push(`(b) run ${run}, ${per}: ${wrong}`);
        if (result.unanswered) this.notes.push(`(b) run ${run}, ${per}: ${result.unanswered} client(s) got no answer within ${settings.timeoutMs} ms`);
        this.runs.b.push({ run, ...result, wrong: result.wrong.length, cpu });
        this.progress(
          `(b) run ${run}/${settings.runs}, ${per}: ${formatNumber(result.perSecond)} req/s, p50 ${formatNumber(result.p50Ms)} ms, p99 ${formatNumber(result.p99Ms)} ms (${result.requests} requests${result.unanswered ? `, ${result.unanswered} unanswered` : ''}${result.wrong.length ? `, ${result.wrong.length} WRONG` : ''}; CPU server ${formatNumber(cpu.server)}%, bench ${formatNumber(cpu.client)}%)`,
        );
      }
    }
  }

  /** (c) N connections at once, each a small slice, checked. */
  async crowds(file: Fixture): Promise<void> {
    const { settings } = this;
    for (let run = 1; run <= settings.runs; run++) {
      const usage = this.usage();
      let largest = 0;
      for (const clients of settings.crowd) {
        const result: CrowdResult = await crowd({
          host: this.host,
          port: this.port,
          file,
          clients,
          sliceBytes: settings.crowdSliceBytes,
          timeoutMs: settings.timeoutMs,
        });
        const full = result.served === clients;
        if (full) largest = Math.max(largest, clients);
        this.measures.add(`c.served.${clients}`, `(c) ${clients} at once: clients served`, 'clients', result.served);
        if (full) this.measures.add(`c.ms.${clients}`, `(c) ${clients} at once: all served within`, 'ms', result.ms);
        for (const wrong of result.wrong.slice(0, 3)) this.failures.push(`(c) run ${run}, ${clients} clients: ${wrong}`);
        const counts = `${result.notConnected} not connected, ${result.refused} refused, ${result.unanswered} unanswered, ${result.wrong.length} wrong`;
        if (!full) this.notes.push(`(c) run ${run}, ${clients} clients: ${result.served} served, ${counts}; ${result.examples.join('; ')}`);
        this.runs.c.push({ run, ...result, wrong: result.wrong.length });
        this.progress(
          `(c) run ${run}/${settings.runs}, ${clients} clients at once: ${result.served} served${full ? ` within ${formatNumber(result.ms)} ms` : ` (${counts})`}`,
        );
        // Let the server close the connections before the next crowd.
        await sleep(200);
      }
      const cpu = usage.stop(`(c) run ${run}`);
      this.measures.add('c.largest', '(c) largest N fully served', 'clients', largest);
      if (this.sampler) this.measures.add('d.rss.c', '(d) server peak RSS during (c)', 'MiB', cpu.peakKb / MIB_KB);
    }
  }

  /** Say so if other processes used much CPU meanwhile (the two sides share the machine's cores). */
  checkOtherLoad(): void {
    const busy = this.others.filter((o) => o.cpu > 50);
    if (busy.length) {
      const worst = busy.reduce((a, b) => (b.cpu > a.cpu ? b : a));
      this.notes.push(
        `other processes (or the kernel, for both sides) used more than half a core during ${busy.length} measurement(s), up to ${formatNumber(worst.cpu)}% in ${worst.what}: those figures may be low`,
      );
    }
  }

  private failed(phase: 'a' | 'e', run: number, request: string, error: SliceReadFailed): void {
    this.failures.push(`(${phase}) run ${run}: ${request}: ${error.message}`);
    this.runs[phase].push({ run, error: error.message, problem: error.problem });
    this.progress(`(${phase}) run ${run}/${this.settings.runs}: FAILED: ${error.message}`);
  }

  /** CPU of both sides (and of everything else) and the server's memory over one measurement. */
  private usage(): { stop(what: string | null): Usage } {
    const sampler = this.sampler;
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
}

/** Percent of one core; RSS in KiB. */
interface Usage {
  server: number;
  client: number;
  clientUser: number;
  clientSystem: number;
  /** Every CPU of the machine together (200% = both cores of a 2-core machine busy). */
  machine: number;
  startKb: number;
  peakKb: number;
}

/** CPU time the whole machine has spent busy (not idle, not waiting for I/O), in ms. */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - fields[3] - fields[4]) * 10; // USER_HZ ticks: 100 a second
  } catch {
    return Number.NaN;
  }
}

/** The preflight of the conformance run: the target is there and serves these files. */
async function check(target: Target, files: Fixture[], io: Io): Promise<void> {
  const result = await preflight(target, files);
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (result.blocker) throw new CannotTest(result.blocker);
}

/** Add a generated file to the managed directory (it goes away with the directory's restore). */
async function addFile(directory: ManagedDirectory, file: Fixture): Promise<void> {
  await directory.writeFile(file.name, ''); // registers the name; the content is streamed next
  await file.writeTo(directory.path);
}

/** Sizes of the files the target serves among `names` (none if it cannot tell: the preflight will say why). */
async function probeSizes(target: Target, names: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let connection: HftpConnection | null = null;
  try {
    connection = await HftpConnection.connect({ host: target.host, port: target.port, timeoutMs: 1000, label: 'probe' });
    for (const name of names) {
      await connection.sendRequest('get_metadata', name);
      if ((await connection.readStatus()).code === 0) sizes.set(name, await connection.readSize());
    }
  } catch {
    // the preflight reports an absent or broken target
  } finally {
    connection?.close();
  }
  return sizes;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
