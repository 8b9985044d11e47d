import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { mkdirSync } from 'node:fs';
import { loadFixtureSet, writeFixtureSet } from '../fixtures/fixture-set';
import { RUN_DEFAULTS } from '../conformance/config';
import { CAPABILITIES, DEFAULT_PROFILE, PROFILES } from '../conformance/profiles';
import { EXIT, runConformance, type Io, type RunOptions } from './run';
import { addTargetOptions, integer } from './target-options';
import { addBenchCommand } from './bench-command';
import { addClassCommands } from './class-command';
import { isLang, langFromEnvironment, LANGS, messages, type Lang } from '../i18n';
import { langOfArgv, localizeHelp, replayFilter } from './lang-options';

const collect = (value: string, previous: string[]) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

/** `hftp-conformance ...`: returns the exit status. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let status: number = EXIT.COULD_NOT_TEST;
  // The language of everything printed, help included, is known before parsing.
  const lang: Lang = langOfArgv(argv) ?? langFromEnvironment();
  const m = messages(lang);
  const program = new Command('hftp-conformance')
    .description(m['cli.description'])
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError(m['cli.helpAfterError']);

  const runOptions = (command: Command) =>
    addStudentOptions(addTargetOptions(command, m))
      .addOption(new Option('--profile <name>', m['cli.profile'](DEFAULT_PROFILE)).choices(Object.keys(PROFILES)))
      .option('--with <capability>', m['cli.with'](CAPABILITIES.join(', ')), collect, [])
      .option('--without <capability>', m['cli.without'], collect, [])
      .option('--max-errors <n>', m['cli.maxErrors'], integer('--max-errors', 1))
      .option('--strict', m['cli.strict'])
      .option('--tags <expression>', m['cli.tags'])
      .option('--timeout <ms>', m['cli.timeout'](RUN_DEFAULTS.timeoutMs), integer('--timeout', 1))
      .option('--junit <file>', m['cli.junit'])
      .option('--json <file>', m['cli.json'])
      .option('--html <file>', m['cli.html']);

  runOptions(program.command('run', { isDefault: true }))
    .description(m['cli.run'])
    .addHelpText('after', m['cli.examples'])
    .action(async (options: RunOptions) => {
      status = await runConformance(options, io);
    });

  program
    .command('fixtures <dir>')
    .description(m['cli.fixtures'])
    .action(async (dir: string) => {
      mkdirSync(dir, { recursive: true });
      const fixtures = loadFixtureSet();
      await writeFixtureSet(dir, fixtures);
      io.stdout.write(`${m['cli.fixturesWrote'](fixtures.size, dir, [...fixtures.keys()].join(' '))}\n`);
      status = EXIT.CONFORMANT;
    });

  program
    .command('profiles')
    .description(m['cli.profiles'])
    .action(() => {
      for (const profile of Object.values(PROFILES)) {
        io.stdout.write(
          `${profile.name.padEnd(12)} ${profile.description}\n${' '.repeat(13)}${m['cli.capabilities']}: ${profile.capabilities.join(', ') || m['run.none']}${profile.strict ? '; strict' : ''}\n`,
        );
      }
      status = EXIT.CONFORMANT;
    });

  addBenchCommand(program, io, (code) => (status = code), m);
  addClassCommands(program, io, (code) => (status = code));

  // ---------------------------------------------------------------- issue 14: replay, --seed, --lang
  runOptions(program.command('replay'))
    .argument('<rule-or-scenario>', m['cli.replayArg'])
    .description(m['cli.replay'])
    .action(async (what: string, options: RunOptions) => {
      status = await runConformance({ ...options, ...replayFilter(what, options.tags), replay: true }, io);
    });
  localizeHelp(program, m);

  function addStudentOptions(command: Command): Command {
    return command.option('--seed <n>', m['cli.seed'], integer('--seed', 0, 2 ** 31 - 1)).addOption(
      new Option('--lang <lang>', m['cli.lang'])
        .choices([...LANGS])
        .default(lang)
        .argParser((value) => {
          if (!isLang(value)) throw new InvalidArgumentError(`es, en`);
          return value;
        }),
    );
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' ? 0 : EXIT.COULD_NOT_TEST;
    }
    // CannotTest (bad arguments, an unreachable target...) and any other error alike.
    io.stderr.write(`${m['run.cannotTest']((error as Error).message)}\n`);
    return EXIT.COULD_NOT_TEST;
  }
}
