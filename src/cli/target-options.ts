import { InvalidArgumentError, Option, type Command } from 'commander';

import { CannotTest } from '../target/session';
import { targetFrom, type TargetOptions } from '../target/target-spec';

/** The target is not testable as given (bad arguments, unreachable, no fixtures): exit 2. */
export { CannotTest, targetFrom, type TargetOptions };

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
