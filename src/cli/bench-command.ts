import { InvalidArgumentError, type Command } from 'commander';
import { runBench } from '../bench/bench';
import { type BenchOptions, DEFAULT_SETTINGS, SMOKE_SETTINGS } from '../bench/settings';
import type { Messages } from '../i18n/en';
import type { Io } from './run';
import { addTargetOptions, integer } from './target-options';

const EXAMPLES = `
Examples:
  hftp-conformance bench                                              the bundled reference server
  hftp-conformance bench --server "python3 server.py -p {port} -d {dir}"
  hftp-conformance bench --smoke --json bench.json                    every measure, tiny, once
  hftp-conformance bench --write-files testdata                       files a running server must serve

Exit status: 0 measured, 1 a verification failed (wrong bytes or answers), 2 could not test.`;

function positive(name: string, allowZero = false) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
      throw new InvalidArgumentError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`);
    return value;
  };
}

function integers(name: string) {
  const one = integer(name, 1, 100_000);
  return (text: string): number[] => text.split(',').map((part) => one(part.trim()));
}

/** `hftp-conformance bench`: added to the CLI by main.ts (its description and target options in the run's language). */
export function addBenchCommand(program: Command, io: Io, done: (status: number) => void, m: Messages): void {
  const d = DEFAULT_SETTINGS;
  const s = SMOKE_SETTINGS;
  addTargetOptions(program.command('bench'), m)
    .description(m['cli.bench'])
    .option('--runs <n>', `runs of each measure; the table shows their median (default ${d.runs})`, integer('--runs', 1, 1000))
    .option('--duration <seconds>', `(b): how long each number of clients runs (default ${d.durationMs / 1000})`, positive('--duration'))
    .option('--big-mib <n>', `(a): size of the generated file, MiB (default ${d.bigMib})`, integer('--big-mib', 1, 1 << 20))
    .option('--clients <list>', `(b): numbers of concurrent clients (default ${d.clients.join(',')})`, integers('--clients'))
    .option('--crowd <list>', `(c): numbers of simultaneous connections (default ${d.crowd.join(',')})`, integers('--crowd'))
    .option('--timeout <ms>', `longest wait for a connection or the next byte; (c)'s deadline per client (default ${d.timeoutMs})`, integer('--timeout', 1))
    .option('--slow-rate <MB/s>', `(e): the slow reader's pace, decoded MB/s (default ${d.slowRate})`, positive('--slow-rate'))
    .option('--slow-seconds <s>', `(e): how long the slow reader reads; 0 skips (e) (default ${d.slowMs / 1000})`, positive('--slow-seconds', true))
    .option('--slow-mib <n>', `(e): size of the slow reader's file, MiB, sparse (default ${d.slowMib})`, integer('--slow-mib', 1, 1 << 22))
    .option('--smoke', `tiny and once, for CI: ${s.bigMib} MiB file, ${s.durationMs / 1000} s per level, N = ${s.crowd.join(',')}, ${s.runs} run`)
    .option('--json <file>', "write every run's numbers as JSON")
    .option('--write-files <dir>', "only write the bench's files into DIR (for a server you start yourself), then exit")
    .addHelpText('after', EXAMPLES)
    .action(async (options: BenchOptions) => {
      done(await runBench(options, io));
    });
}
