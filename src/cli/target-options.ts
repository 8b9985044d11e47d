import { InvalidArgumentError, Option, type Command } from 'commander';
import type { RunConfig } from '../conformance/config';

/** What `run` and `bench` are told about the target, from their common options. */
export interface TargetOptions {
  server?: string;
  cwd?: string;
  host?: string;
  port?: number;
  dataDir?: string;
}

import { CannotTest } from '../conformance/session';

/** The target is not testable as given (bad arguments, unreachable, no fixtures): exit 2. */
export { CannotTest };

/** `--port`, `--timeout`...: a whole number within bounds, or a clear error. */
export function integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    return value;
  };
}

/** The options that choose the target, the same for the suite and the bench. */
export function addTargetOptions(command: Command, who: 'suite' | 'bench'): Command {
  return command
    .option('--server <command>', 'start the server with this command; {port} and {dir} are filled in')
    .option('--cwd <dir>', 'directory to start the server in (with --server)')
    .addOption(new Option('--host <host>', `${who === 'suite' ? 'test' : 'bench'} a server that is already running, at this host`).env('HFTP_HOST'))
    .addOption(new Option('--port <port>', 'its port').env('HFTP_PORT').argParser(integer('--port', 1, 65535)))
    .option('--data-dir <dir>', `the directory the running server serves, for the ${who} to manage (with --host/--port)`);
}

/** Spawn, attach or the bundled reference server, checked; and how to name it to the user. */
export function targetFrom(options: TargetOptions, who: 'suite' | 'bench'): { spec: RunConfig['target']; name: string } {
  const attach = options.host !== undefined || options.port !== undefined;
  if (options.server && attach) throw new CannotTest(`Give either --server (the ${who} starts the target) or --host/--port (it is running), not both.`);
  if (options.dataDir && !attach) throw new CannotTest(`--data-dir goes with --host/--port (in spawn mode the ${who} makes the directory itself).`);
  if (options.server) return { spec: { kind: 'spawn', command: options.server, cwd: options.cwd }, name: `"${options.server}"` };
  if (attach) {
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? 19500;
    return { spec: { kind: 'attach', host, port, dataDir: options.dataDir }, name: `${host}:${port}` };
  }
  return { spec: { kind: 'reference' }, name: 'the reference server' };
}
