import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `--sandbox`: untrusted servers run under bubblewrap (bwrap), the unprivileged sandbox
 * Flatpak uses, in two layers:
 *
 *  - around each suite process (the CLI testing one server): a network namespace of its
 *    own, where only the loopback interface exists. The suite and its server share it, so
 *    the suite reaches the server at 127.0.0.1 and the server reaches nothing else.
 *  - around the server itself: the whole file system read-only; the staff's home, the
 *    temporary directories, the class folder (other groups' code and reports) and any
 *    --sandbox-hide directory replaced by empty tmpfs; only its own folder and the served
 *    directory writable; a private /tmp, /proc and /dev; its own PID namespace (nothing
 *    survives it), no capabilities, a new session; and prlimit caps its address space
 *    (--sandbox-memory) and its processes (--sandbox-procs: RLIMIT_NPROC, counted per user
 *    namespace since Linux 5.14, so per server).
 */
export interface SandboxOptions {
  memoryMb: number;
  processes: number;
  /** Directories the server must not see (replaced by an empty tmpfs). */
  hide: string[];
}

export const SANDBOX_DEFAULTS = { memoryMb: 2048, processes: 256 };

/** Null when bubblewrap and prlimit work here; else why not, and how to install them. */
export function sandboxProblem(): string | null {
  if (process.platform !== 'linux') return `--sandbox needs Linux (bubblewrap); this is ${process.platform}`;
  const bwrap = spawnSync('bwrap', ['--ro-bind', '/', '/', '--unshare-net', '--unshare-pid', '--die-with-parent', 'true'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (bwrap.error) return 'bubblewrap (bwrap) is not installed: sudo apt-get install bubblewrap (Debian, Ubuntu), or dnf install bubblewrap';
  if (bwrap.status !== 0) {
    return `bubblewrap cannot create namespaces here (${String(bwrap.stderr).trim()}): enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu 24.04 an AppArmor profile for bwrap)`;
  }
  if (spawnSync('prlimit', ['--version'], { stdio: 'ignore' }).error) return 'prlimit (util-linux) is not installed: sudo apt-get install util-linux';
  return null;
}

const quote = (word: string) => (/^[A-Za-z0-9_@%+=:,./{}-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** The argv prefix that runs a suite process in a network namespace with loopback only. */
export function networkJail(): string[] {
  return ['bwrap', '--dev-bind', '/', '/', '--unshare-net', '--die-with-parent', '--'];
}

/** Directories hidden by default: the staff's home, temporary directories, and the given ones. */
export function defaultHidden(extra: string[]): string[] {
  const dirs = ['/home', '/root', '/tmp', '/var/tmp', '/run/user', os.homedir(), os.tmpdir(), ...extra].map((d) => path.resolve(d));
  return [...new Set(dirs)].filter((d) => d !== '/' && existsSync(d));
}

/**
 * The server's command wrapped in its sandbox, as one shell command for `--server`: `{port}`
 * and `{dir}` stay in it for the suite to fill in.
 */
export function sandboxedCommand(command: string, folder: string, options: SandboxOptions): string {
  const args = [
    'bwrap',
    '--ro-bind',
    '/',
    '/',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    ...defaultHidden(options.hide).flatMap((d) => ['--tmpfs', d]),
    '--tmpfs',
    '/tmp',
    '--bind',
    folder,
    folder,
    '--bind',
    '{dir}',
    '{dir}',
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--cap-drop',
    'ALL',
    '--new-session',
    '--die-with-parent',
    '--chdir',
    folder,
    '--setenv',
    'HOME',
    folder,
    '--setenv',
    'TMPDIR',
    '/tmp',
    '--',
    'prlimit',
    `--as=${options.memoryMb * 1024 * 1024}`,
    `--nproc=${options.processes}`,
    '--',
    '/bin/sh',
    '-c',
    command,
  ];
  return args.map(quote).join(' ');
}
