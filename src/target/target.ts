import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ManagedDirectory } from './managed-directory';
import { probeServing } from './probe';

/** The server under test, wherever it runs. */
export interface Target {
  host: string;
  port: number;
  /** Set when the suite manages the served directory (and can change it per scenario). */
  directory: ManagedDirectory | null;
  /**
   * What went wrong with the target since the last call (a crash, a client it no longer
   * serves within `timeoutMs`), or null when a fresh client is served.
   */
  checkHealth(timeoutMs: number): Promise<string | null>;
  /** Whether `recover` can bring the target back (the suite restarts what it started). */
  readonly restartable: boolean;
  /** Bring the target back after a problem, if the suite can. */
  recover(): Promise<void>;
  stop(): Promise<void>;
}

/** The bundled reference server, as `npm test` runs it. */
export const REFERENCE_SERVER_COMMAND = [
  process.execPath,
  path.resolve(__dirname, '..', '..', 'bin', 'hftp-server.js'),
  '-a',
  '127.0.0.1',
  '-p',
  '{port}',
  '-d',
  '{dir}',
];

const STDERR_TAIL_BYTES = 4096;

/**
 * A server the suite starts itself: `{port}` and `{dir}` in the command are replaced by a
 * free port and the managed directory. A string command runs through the shell (so a
 * student can write `python3 server.py -p {port} -d {dir}`); an array runs as is. The
 * process gets its own process group, so stopping it also stops whatever it started.
 */
export class SpawnedServer implements Target {
  readonly host = '127.0.0.1';
  readonly restartable = true;
  private child: ChildProcess | null = null;
  private stderrTail = '';
  private problem: string | null = null;
  private stopping = false;

  private constructor(
    private readonly command: string | string[],
    readonly port: number,
    readonly directory: ManagedDirectory,
    private readonly cwd: string | undefined,
    private readonly env: NodeJS.ProcessEnv | undefined,
  ) {}

  static async start(
    command: string | string[],
    directory: ManagedDirectory,
    options: { cwd?: string; env?: NodeJS.ProcessEnv; startTimeoutMs?: number } = {},
  ): Promise<SpawnedServer> {
    const server = new SpawnedServer(command, await freePort(), directory, options.cwd, options.env && { ...process.env, ...options.env });
    await server.launch(options.startTimeoutMs ?? 15_000);
    return server;
  }

  /**
   * Whether the server is still there: its process alive and a fresh client served. A server
   * that just crashed may still be exiting, so an unanswered probe waits a moment for the exit.
   */
  async checkHealth(timeoutMs: number): Promise<string | null> {
    const unserved = this.problem ? null : (await probeServing(this.host, this.port, timeoutMs)).problem;
    if (unserved) {
      const child = this.child;
      if (child && child.exitCode === null && child.signalCode === null) {
        await Promise.race([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 1000))]);
      }
      this.problem ??= `the server stopped serving: ${unserved}${this.lastStderr()}`;
    }
    const problem = this.problem;
    this.problem = null;
    return problem;
  }

  /** Start it again after a crash, so one crash does not fail every later scenario. */
  async recover(startTimeoutMs = 15_000): Promise<void> {
    await this.stop();
    this.stopping = false;
    await this.launch(startTimeoutMs);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    // The shell may be gone while the server it started is still closing its socket: a
    // restart must not find the old server on the port (its first client would then be
    // refused once the old one is gone). Wait until nothing listens there any more.
    // A deadline by the clock: each look may itself wait up to half a second.
    const deadline = performance.now() + PORT_RELEASE_MS;
    let killed = false;
    for (let left = PORT_RELEASE_MS; left > 0 && (await listening(this.host, this.port, Math.min(500, left))); left = deadline - performance.now()) {
      if (!killed && left <= PORT_RELEASE_MS / 2) {
        signalGroup(child, 'SIGKILL');
        killed = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async launch(startTimeoutMs: number): Promise<void> {
    const fill = (part: string) => part.replaceAll('{port}', String(this.port)).replaceAll('{dir}', this.directory.path);
    const child =
      typeof this.command === 'string'
        ? spawn('/bin/sh', ['-c', fill(this.command)], { cwd: this.cwd, env: this.env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
        : spawn(this.command[0], this.command.slice(1).map(fill), { cwd: this.cwd, env: this.env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    this.stderrTail = '';
    // What ended the last process (a crash the After hook already blamed, then restarted)
    // is not this one's doing: left set, the next checkHealth would blame the next scenario.
    this.problem = null;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_BYTES);
    });
    child.once('exit', (code, signal) => {
      if (!this.stopping) this.problem = `server exited (code ${code}, signal ${signal})${this.lastStderr()}`;
    });
    const deadline = Date.now() + startTimeoutMs;
    // Started once it takes a connection; asked politely (see probeServing). Whether it
    // then answers is for the preflight to say.
    while (!(await probeServing(this.host, this.port, Math.min(2000, startTimeoutMs))).connected) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server exited before accepting connections (code ${child.exitCode}, signal ${child.signalCode})${this.lastStderr()}`);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`the server did not accept connections on port ${this.port} within ${startTimeoutMs} ms${this.lastStderr()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private lastStderr(): string {
    const lines = this.stderrTail.trimEnd().split('\n').slice(-15).join('\n    ');
    return lines ? `\n  last lines of its stderr:\n    ${lines}` : '';
  }
}

/** How long a stopped server may keep listening before the restart goes on regardless. */
const PORT_RELEASE_MS = 3000;

/**
 * Whether something listens on the port (a bare connect, closed at once: only for a server
 * being stopped); a connect still pending after `timeoutMs` counts as yes.
 */
function listening(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (yes: boolean) => {
      socket.destroy();
      resolve(yes);
    };
    socket.setTimeout(timeoutMs, () => done(true));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-(child.pid as number), signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * A port nobody listens on right now, for a server the suite starts. Not one the kernel
 * hands out (`listen(0)`): between our check and the server's own bind, any other program's
 * `listen(0)` or outgoing connection could be given the same ephemeral port, and the suite
 * would then test that program. So a random port below the kernel's ephemeral range, where
 * only programs that choose their port explicitly go; the kernel's pick if none is free.
 */
export async function freePort(): Promise<number> {
  const below = ephemeralRangeStart();
  const low = Math.max(10_000, below - 20_000);
  for (let attempt = 0; attempt < 50 && below - low > 1000; attempt++) {
    const port = low + Math.floor(Math.random() * (below - low));
    if (await bindable(port)) return port;
  }
  return kernelPort();
}

/** The first port of the kernel's ephemeral range (Linux's default where it cannot be read). */
function ephemeralRangeStart(): number {
  try {
    const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(first) && first > 1024 ? first : 32768;
  } catch {
    return 32768;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A server someone else started (attach mode): the suite only connects to it. */
export class AttachedServer implements Target {
  readonly restartable = false;

  constructor(
    readonly host: string,
    readonly port: number,
    readonly directory: ManagedDirectory | null = null,
  ) {}

  async checkHealth(timeoutMs: number): Promise<string | null> {
    const { problem } = await probeServing(this.host, this.port, timeoutMs);
    return problem && `the server stopped serving: ${problem}`;
  }

  async recover(): Promise<void> {}

  async stop(): Promise<void> {}
}
