import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Messages } from '../i18n/en';

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

/** The options that choose the target, the same for the suite and the bench, described in the run's language. */
export function addTargetOptions(command: Command, m: Messages): Command {
  return command
    .option('--server <command>', m['cli.opt.server'])
    .option('--cwd <dir>', m['cli.opt.cwd'])
    .addOption(new Option('--host <host>', m['cli.opt.host']).env('HFTP_HOST'))
    .addOption(new Option('--port <port>', m['cli.opt.port']).env('HFTP_PORT').argParser(integer('--port', 1, 65535)))
    .option('--data-dir <dir>', m['cli.opt.dataDir']);
}
