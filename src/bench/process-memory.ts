import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * The server's resident memory and CPU time, read from /proc.
 *
 * SpawnedServer does not expose its child's pid, and the target may be `sh -c "..."` that
 * started the real server as its child. So the server is found the way `ss -p` finds it: the
 * socket listening on the target's port (/proc/net/tcp, /proc/net/tcp6: inode of the LISTEN
 * entry) and the process holding that inode (/proc/PID/fd/* -> "socket:[INODE]"). For a
 * target the suite started, its process group (the suite starts every target in a group of
 * its own: the `sh -c` too) and all the descendants of its members are "the server"; for a
 * server someone else started (attach mode), whose group may be a shell's job with other
 * commands in it, only the listener and its descendants. Their VmRSS values are summed. This
 * works for any server on this machine, when this user may read its /proc.
 *
 * RSS summed over forked children counts their shared pages once per process, so for a
 * forking server the sum overstates what it really uses.
 */

/** Inodes of the sockets listening on `port` (any address, IPv4 or IPv6). */
export function listeningInodes(port: number, tables = ['/proc/net/tcp', '/proc/net/tcp6']): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of tables) {
    let text: string;
    try {
      text = readFileSync(table, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (fields.length < 10 || fields[3] !== '0A') continue;
      if (fields[1].split(':')[1] === hexPort && fields[9] !== '0') inodes.add(fields[9]);
    }
  }
  return inodes;
}

function processIds(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^[0-9]+$/.test(name))
    .map(Number);
}

/** The pids holding one of these socket inodes open. */
export function holdersOf(inodes: Set<string>): number[] {
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  const holders: number[] = [];
  for (const pid of processIds()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) {
          holders.push(pid);
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return holders;
}

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

/** /proc/PID/stat, whose second field (the command, in parentheses) may hold spaces. */
export function parseStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close === -1) return null;
  const pid = Number(text.slice(0, text.indexOf(' ')));
  // After ")": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
  const fields = text.slice(close + 2).split(' ');
  return { pid, ppid: Number(fields[1]), pgrp: Number(fields[2]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

function readStat(pid: number): ProcStat | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return null;
  }
}

/** `roots` (with their process groups if `groups`), and every descendant of them. */
export function serverProcesses(roots: number[], groups = true): number[] {
  const stats = processIds()
    .map(readStat)
    .filter((s): s is ProcStat => s !== null);
  const members = new Set(roots.filter((pid) => stats.some((s) => s.pid === pid)));
  if (groups) {
    const wanted = new Set(roots.map((pid) => stats.find((s) => s.pid === pid)?.pgrp).filter((g): g is number => g !== undefined && g > 0));
    for (const s of stats) if (wanted.has(s.pgrp) && s.pid !== process.pid) members.add(s.pid);
  }
  for (let grown = true; grown; ) {
    grown = false;
    for (const s of stats) {
      if (!members.has(s.pid) && members.has(s.ppid) && s.pid !== process.pid) {
        members.add(s.pid);
        grown = true;
      }
    }
  }
  return [...members].sort((a, b) => a - b);
}

/** Summed VmRSS (KiB) of these processes, now. */
export function rssKb(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+([0-9]+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
      if (match) sum += Number(match[1]);
    } catch {
      // exited
    }
  }
  return sum;
}

/** Summed CPU time (user + system, ms) of these processes so far. */
export function cpuMs(pids: number[]): number {
  // /proc reports clock ticks of USER_HZ, 100 per second on Linux.
  return pids.reduce((sum, pid) => sum + (readStat(pid)?.cpuTicks ?? 0) * 10, 0);
}

const MAX_PIDS = 4096;

/**
 * The sampling loop runs in a worker thread, so that a busy event loop in the bench (1000
 * connections opening at once) does not skip samples. It reads /proc/PID/status of the pids
 * in shared memory every `intervalMs` and keeps the sum and its peak there. The main thread
 * refreshes the pid list (a forking server's children come and go) every `refreshMs`.
 */
const WORKER = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const pids = new Int32Array(workerData.pids);
const stats = new Int32Array(workerData.stats);
function sample() {
  const count = Atomics.load(pids, 0);
  let sum = 0;
  let seen = 0;
  for (let i = 1; i <= count; i++) {
    try {
      const match = /VmRSS:\\s+([0-9]+)/.exec(readFileSync('/proc/' + Atomics.load(pids, i) + '/status', 'latin1'));
      if (match) { sum += Number(match[1]); seen++; }
    } catch {}
  }
  if (!seen) return;
  Atomics.store(stats, 1, sum);
  if (sum > Atomics.load(stats, 0)) Atomics.store(stats, 0, sum);
  Atomics.add(stats, 2, 1);
}
sample();
setInterval(sample, workerData.intervalMs);
`;

/** Peak and current RSS of the server, sampled every `intervalMs`. */
export class RssSampler {
  private readonly pidList = new Int32Array(new SharedArrayBuffer(4 * (MAX_PIDS + 1)));
  /** [peak KiB since the last mark, latest KiB, samples taken] */
  private readonly stats = new Int32Array(new SharedArrayBuffer(4 * 3));
  private readonly worker: Worker;
  private readonly refresher: NodeJS.Timeout;
  private current: number[] = [];

  private constructor(
    private readonly roots: number[],
    private readonly groups: boolean,
    intervalMs: number,
    refreshMs: number,
  ) {
    this.refresh();
    this.worker = new Worker(WORKER, { eval: true, workerData: { pids: this.pidList.buffer, stats: this.stats.buffer, intervalMs } });
    this.worker.unref();
    this.refresher = setInterval(() => this.refresh(), refreshMs);
    this.refresher.unref();
  }

  /**
   * Find the server listening on `port` (with its process group if `groups`: a target the
   * bench started); the reason instead if no process here does.
   */
  static start(port: number, options: { groups?: boolean; intervalMs?: number; refreshMs?: number } = {}): RssSampler | string {
    const { groups = true, intervalMs = 20, refreshMs = 500 } = options;
    const inodes = listeningInodes(port);
    if (inodes.size === 0) return `no socket of this machine listens on port ${port}`;
    const holders = holdersOf(inodes);
    if (holders.length === 0) return `the process listening on port ${port} is not visible to this user`;
    return new RssSampler(holders, groups, intervalMs, refreshMs);
  }

  /** The pids counted as the server (the listener's group and their descendants). */
  get pids(): number[] {
    return this.current;
  }

  /** Start a new peak (from the current value). */
  mark(): void {
    Atomics.store(this.stats, 0, rssKb(this.current));
  }

  /** Peak RSS (KiB) since the last mark, including a reading taken now. */
  peakKb(): number {
    const now = rssKb(this.current);
    return Math.max(now, Atomics.load(this.stats, 0));
  }

  nowKb(): number {
    return rssKb(this.current);
  }

  get samples(): number {
    return Atomics.load(this.stats, 2);
  }

  /** CPU time (ms) the server has used so far. */
  cpuMs(): number {
    return cpuMs(this.current);
  }

  async stop(): Promise<void> {
    clearInterval(this.refresher);
    await this.worker.terminate();
  }

  private refresh(): void {
    const pids = serverProcesses(this.roots, this.groups).slice(0, MAX_PIDS);
    this.current = pids;
    for (let i = 0; i < pids.length; i++) Atomics.store(this.pidList, i + 1, pids[i]);
    Atomics.store(this.pidList, 0, pids.length);
  }
}
