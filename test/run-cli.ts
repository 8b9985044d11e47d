import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RUN_DEFAULTS } from '../src/conformance/config';
import { probeServing } from '../src/target/probe';

/*
 * Running the conformance CLI as a user does, for the end-to-end tests: a child process, the
 * suite's own settings cleared from the environment (HFTP_*), messages in English whatever
 * the machine's locale (also when one test file is run on its own); and waiting for the
 * servers those tests start by hand.
 */
export const ROOT = path.resolve(__dirname, '..');
export const CLI = path.join(ROOT, 'bin', 'hftp-conformance.js');

/** The Python the student servers run with. */
export const PYTHON = process.env.PYTHON ?? 'python3';
let python: boolean | undefined;
/** Whether this machine has PYTHON (asked once, when a test first needs to know). */
export function havePython(): boolean {
  python ??= spawnSync(PYTHON, ['--version']).status === 0;
  return python;
}

export interface CliOptions {
  /** Where it runs (the repository by default). */
  cwd?: string;
  /** Run under this command (`nice -n 19`, say). */
  prefix?: readonly string[];
  /** Variables set after the HFTP_ ones are cleared (HFTP_SERVER for `npx cucumber-js`). */
  env?: NodeJS.ProcessEnv;
  /** The node script run instead of the CLI (cucumber-js's own). */
  command?: string;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they came, interleaved. */
  output: string;
  pid: number;
}

/** The CLI's environment: the test's own, without its HFTP_ settings, in the C locale (English messages). */
function cliEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C' };
  for (const name of Object.keys(env)) if (name.startsWith('HFTP_')) delete env[name];
  return { ...env, ...extra };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const [command, ...rest] = [...(options.prefix ?? []), process.execPath, options.command ?? CLI, ...args];
    const child = spawn(command, rest, { cwd: options.cwd ?? ROOT, env: cliEnvironment(options.env) });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk) => ((stdout += chunk), (output += chunk)));
    child.stderr.on('data', (chunk) => ((stderr += chunk), (output += chunk)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, output, pid: child.pid as number }));
  });
}

/**
 * How long a server started by hand may take to be ready before the test gives up on it: a
 * bound for a server that hangs, far above what a start takes even niced on a busy machine.
 * Not a budget: nothing is asserted about how long it took.
 */
export const START_TIMEOUT_MS = 60_000;

/** What a server started by hand said on stderr (read only if piped), for the messages below. */
function stderrOf(server: ChildProcess): () => string {
  let text = '';
  server.stderr?.on('data', (chunk) => (text = (text + chunk).slice(-2000)));
  return () => (text ? `; its stderr:\n${text}` : '');
}

function exitOf(server: ChildProcess): string {
  return server.signalCode ? `signal ${server.signalCode}` : `code ${server.exitCode}`;
}

/**
 * The port an hftp-server started with `-p 0` listens on, from its first line ("hftp-server:
 * serving DIR on HOST:PORT"). Rejects as soon as the server exits, or after `timeoutMs`.
 */
export function listeningPort(server: ChildProcess, timeoutMs = START_TIMEOUT_MS): Promise<number> {
  const stderr = stderrOf(server);
  return new Promise((resolve, reject) => {
    let stdout = '';
    const finish = (error: Error | null, port = 0) => {
      clearTimeout(timer);
      server.off('exit', onExit);
      server.stdout?.off('data', onData);
      server.stdout?.resume(); // its later lines are not wanted
      if (error) reject(error);
      else resolve(port);
    };
    const onData = (chunk: Buffer) => {
      stdout += chunk;
      const port = / on [^ ]+:(\d+)\n/.exec(stdout)?.[1];
      if (port) finish(null, Number(port));
    };
    const onExit = () => finish(new Error(`hftp-server exited (${exitOf(server)}) before listening: ${JSON.stringify(stdout)}${stderr()}`));
    const timer = setTimeout(() => finish(new Error(`hftp-server named no port within ${timeoutMs} ms: ${JSON.stringify(stdout)}${stderr()}`)), timeoutMs);
    if (!server.stdout) return finish(new Error('hftp-server was started without a stdout pipe'));
    server.stdout.on('data', onData);
    server.once('exit', onExit);
    if (server.exitCode !== null || server.signalCode !== null) onExit();
  });
}

/** Probes of a server started by hand before it counts as stuck: a refused one is retried 50 ms later, so a minute and more. */
export const START_ATTEMPTS = 1200;

/**
 * Wait until the server started by hand on `port` serves (probeServing: `quit` answered),
 * each probe with the suite's read timeout. Rejects, with the server's stderr, as soon as it
 * exits, or after `attempts` probes.
 */
export async function serving(server: ChildProcess, port: number, attempts = START_ATTEMPTS): Promise<void> {
  const stderr = stderrOf(server);
  const exited = new Promise<void>((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve() : server.once('exit', () => resolve())));
  let problem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const probe = await Promise.race([probeServing('127.0.0.1', port, RUN_DEFAULTS.timeoutMs), exited.then(() => null)]);
    if (probe === null) throw new Error(`the server exited (${exitOf(server)}) before serving on port ${port}${stderr()}`);
    if (probe.problem === null) return;
    problem = probe.problem;
    await Promise.race([sleep(50), exited]);
  }
  throw new Error(`the server did not serve on port ${port} after ${attempts} probes (last: ${problem})${stderr()}`);
}
