import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { suiteIdentity } from '../report/identity';
import { runJob, stopAllOnSignal, type JobResult } from './jobs';
import { loadManifest, type ServerEntry } from './manifest';
import { networkJail, sandboxedCommand, sandboxProblem, SANDBOX_DEFAULTS } from './sandbox';
import { writeMatrixFiles, type MatrixOutputs } from './outputs';
import { buildMatrix, readReport, untestedReport } from './matrix';
import { loadWeights } from './csv';

export interface ClassOptions extends MatrixOutputs {
  command: string;
  profile: string;
  jobs?: number;
  out: string;
  tags?: string;
  timeout?: number;
  strict?: boolean;
  jobTimeout: number;
  sandbox?: boolean;
  sandboxMemory?: number;
  sandboxProcs?: number;
  sandboxHide: string[];
}

export interface ServerRun {
  entry: ServerEntry;
  result: JobResult;
  /** Could it be tested: the suite gave a verdict (exit 0 or 1). */
  tested: boolean;
  reason: string | null;
}

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(PACKAGE_ROOT, 'bin', 'hftp-conformance.js');
// The suite runs from its own root (ts-node finds its tsconfig there); the server, with --cwd, in its folder.

/**
 * --jobs default: one suite (with its server) per core, and at most one per GiB of memory.
 * Measured on the 2-core machine (README, "For course staff"): 2 jobs give the verdicts of
 * 1 in about half the time; 4 jobs on 2 cores gave a false failure, as the suite's read and
 * close windows (250 ms to 2 s) meet the scheduler. A class of 20 peaked at 1.5 GB with 2
 * jobs (the suite through ts-node and a server streaming the 33 MB slice, per job).
 */
export function defaultJobs(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const byMemory = Math.floor(os.totalmem() / (1024 * 1024 * 1024));
  return Math.max(1, Math.min(cores, byMemory));
}

/** Where a class run writes (the CLI's standard streams). */
export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
}

export async function runClass(manifest: string, options: ClassOptions, io: Io): Promise<number> {
  const weights = loadWeights(options.weights); // a bad weights file stops before any server runs
  const entries = loadManifest(manifest, { command: options.command, profile: options.profile });
  const out = path.resolve(options.out);
  mkdirSync(out, { recursive: true });
  if (options.sandbox) {
    const problem = sandboxProblem();
    if (problem) {
      io.stderr.write(`Cannot sandbox: ${problem}.\nRun without --sandbox only on code you trust.\n`);
      return 2;
    }
    if (process.getuid?.() === 0)
      io.stderr.write(
        'warning: running as root: the kernel does not apply the process cap (RLIMIT_NPROC) to root; run the class as an ordinary user for it.\n',
      );
  }
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), entries.length));
  const hide = [path.dirname(path.resolve(manifest)), out, process.cwd(), ...options.sandboxHide];
  io.stderr.write(`Testing ${entries.length} servers, ${jobs} at a time${options.sandbox ? ', each in a sandbox' : ''}; reports in ${out}\n`);

  const runs: ServerRun[] = [];
  const started = Date.now();
  let next = 0;
  let running = 0;
  const progress = () => {
    const done = runs.length;
    const left = entries.length - done - running;
    const mean = done ? runs.reduce((sum, r) => sum + r.result.durationMs, 0) / done : 0;
    const eta = done ? Math.round((mean * (left + running / 2)) / jobs / 1000) : null;
    return `[${done}/${entries.length} done, ${running} running, ${left} left${eta !== null ? `, about ${formatSeconds(eta)} to go` : ''}]`;
  };

  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++];
      running++;
      io.stderr.write(`${progress()} start ${entry.name}\n`);
      const run = await testOne(entry, options, out, hide);
      running--;
      runs.push(run);
      const verdict = run.tested ? (run.result.exitCode === 0 ? 'CONFORMANT' : 'NOT CONFORMANT') : `COULD NOT TEST (${run.reason})`;
      const extra = run.result.leftBehind ? `; killed ${run.result.leftBehind} processes it left behind` : '';
      io.stderr.write(`${progress()} ${entry.name}: ${verdict} in ${formatSeconds(Math.round(run.result.durationMs / 1000))}${extra}\n`);
    }
  };
  const release = stopAllOnSignal((signal) => io.stderr.write(`\n${signal}: stopping every server of the class.\n`));
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    release();
  }

  const suite = suiteIdentity();
  const reports = entries.map((entry) => ({ name: entry.name, report: readReport(reportPath(out, entry), suite) }));
  const matrix = buildMatrix(reports, suite);
  const wall = Date.now() - started;
  writeMatrixFiles(matrix, options, weights, {
    wallMs: wall,
    jobs,
    sandbox: Boolean(options.sandbox),
    servers: runs.map((r) => ({
      name: r.entry.name,
      exitCode: r.result.exitCode,
      durationMs: r.result.durationMs,
      timedOut: r.result.timedOut,
      leftBehind: r.result.leftBehind,
    })),
  });
  const untested = runs.filter((r) => !r.tested);
  const conformant = matrix.rows.filter((r) => r.status === 'conformant').length;
  io.stdout.write(
    `${entries.length} servers in ${formatSeconds(Math.round(wall / 1000))} (${jobs} at a time): ${conformant} conformant, ${matrix.rows.length - conformant - untested.length} not conformant, ${untested.length} could not be tested` +
      `${untested.length ? ` (${untested.map((r) => r.entry.name).join(', ')})` : ''}.\n`,
  );
  return untested.length ? 2 : 0;
}

const reportPath = (out: string, entry: ServerEntry) => path.join(out, `${entry.name}.json`);

async function testOne(entry: ServerEntry, options: ClassOptions, out: string, hide: string[]): Promise<ServerRun> {
  const json = reportPath(out, entry);
  const log = path.join(out, `${entry.name}.txt`);
  rmSync(json, { force: true });
  const sandbox = { memoryMb: options.sandboxMemory ?? SANDBOX_DEFAULTS.memoryMb, processes: options.sandboxProcs ?? SANDBOX_DEFAULTS.processes, hide };
  const server = options.sandbox ? sandboxedCommand(entry.command, entry.folder, sandbox) : entry.command;
  const argv = [
    process.execPath,
    CLI,
    '--server',
    server,
    '--cwd',
    entry.folder,
    '--profile',
    entry.profile,
    ...entry.with.flatMap((c) => ['--with', c]),
    ...(entry.maxErrors ? ['--max-errors', String(entry.maxErrors)] : []),
    ...(options.tags ? ['--tags', options.tags] : []),
    ...(options.timeout ? ['--timeout', String(options.timeout)] : []),
    ...(options.strict ? ['--strict'] : []),
    '--json',
    json,
  ];
  let reason: string | null = null;
  if (!existsSync(entry.folder)) reason = `no folder ${entry.folder}`;
  const result: JobResult = reason
    ? { exitCode: null, signal: null, timedOut: false, durationMs: 0, leftBehind: 0 }
    : await runJob(options.sandbox ? [...networkJail(), ...argv] : argv, {
        cwd: PACKAGE_ROOT,
        log,
        marker: `${process.pid}-${entry.name}`,
        deadlineMs: options.jobTimeout * 1000,
      });
  const tested = (result.exitCode === 0 || result.exitCode === 1) && existsSync(json);
  if (!tested) {
    reason ??= result.timedOut ? `the run passed its deadline of ${options.jobTimeout} s and was stopped` : cannotTestReason(log, result);
    writeFileSync(json, `${JSON.stringify(untestedReport(entry.name, entry.profile, reason), null, 2)}\n`);
  }
  return { entry, result, tested, reason };
}

/** The CLI's own sentence ("Cannot test: ..."), or the last line it wrote. */
function cannotTestReason(log: string, result: JobResult): string {
  const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
  const line = text.split('\n').find((l) => l.startsWith('Cannot test:')) ?? text.trim().split('\n').pop() ?? '';
  const how = result.signal ? `killed by ${result.signal}` : `exit ${result.exitCode}`;
  return (line.replace(/^Cannot test:\s*/, '') || how).slice(0, 300);
}

export function formatSeconds(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
