import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';

/**
 * One child process per server: the suite's own CLI with `--json`, in a process group of its
 * own. A child per server rather than several runs in one process: a server's crash, hang or
 * flood can only cost its own suite process (memory, event loop), never another's timing or
 * verdict; the suite keeps global state per run (the target it provides to the steps); and
 * the children use both cores where one process would use one.
 *
 * Every process of a job carries HFTP_CLASS_JOB in its environment. At the end of the job
 * every process still carrying it is killed: the suite starts the server in a process group
 * of its own, and a server that forks, or outlives a suite killed on its deadline, would
 * otherwise be left behind.
 */
export interface JobResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Processes of the job still alive at its end, killed then. */
  leftBehind: number;
}

export const JOB_MARKER = 'HFTP_CLASS_JOB';

/** The jobs running now, to stop them all when the class run is interrupted. */
const running = new Map<number, string>();

/** Ctrl-C (SIGINT) or SIGTERM on the class run: every job's group and marked process, then exit. */
export function stopAllOnSignal(onStop: (signal: string) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    onStop(signal);
    for (const [pid, marker] of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      killMarked(marker);
    }
    process.exit(130);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export function runJob(argv: string[], options: { cwd: string; log: string; marker: string; deadlineMs: number }): Promise<JobResult> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, [JOB_MARKER]: options.marker };
  for (const name of Object.keys(env)) if (name.startsWith('HFTP_') && name !== JOB_MARKER) delete env[name];
  const fd = openSync(options.log, 'w');
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env, detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    if (child.pid) running.set(child.pid, options.marker);
    let timedOut = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        /* already gone */
      }
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 3000).unref();
    }, options.deadlineMs);
    const finish = async (exitCode: number | null, signal: string | null) => {
      clearTimeout(deadline);
      kill('SIGKILL');
      running.delete(child.pid as number);
      const durationMs = Date.now() - started;
      // A server stopped by the suite may take a moment to exit: a second, then anything left is killed.
      for (let i = 0; i < 10 && markedProcesses(`${JOB_MARKER}=${options.marker}\0`).length; i++) await new Promise((r) => setTimeout(r, 100));
      const leftBehind = killMarked(options.marker);
      resolve({ exitCode, signal, timedOut, durationMs, leftBehind });
    };
    child.on('error', () => finish(null, null));
    child.on('exit', (code, signal) => finish(code, signal));
  });
}

/** Kill every process whose environment carries this job's marker; how many there were. */
export function killMarked(marker: string): number {
  if (process.platform !== 'linux') return 0;
  const needle = `${JOB_MARKER}=${marker}\0`;
  let killed = 0;
  for (let round = 0; round < 3; round++) {
    const pids = markedProcesses(needle);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        if (round === 0) killed++;
      } catch {
        /* gone meanwhile */
      }
    }
  }
  return killed;
}

function markedProcesses(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle)) pids.push(Number(entry));
    } catch {
      /* gone, or not ours */
    }
  }
  return pids;
}
