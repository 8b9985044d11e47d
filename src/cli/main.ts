import { Command, CommanderError, Option } from 'commander';
import { mkdirSync } from 'node:fs';
import { loadFixtureSet, writeFixtureSet } from '../fixtures/fixture-set';
import { RUN_DEFAULTS } from '../conformance/config';
import { CAPABILITIES, DEFAULT_PROFILE, PROFILES } from '../conformance/profiles';
import { CannotTest, EXIT, runConformance, type Io, type RunOptions } from './run';
import { addTargetOptions, integer } from './target-options';
import { addBenchCommand } from '../bench/command';
import { addClassCommands } from '../class/command';

const EXAMPLES = `
Examples:
  hftp-conformance --server "python3 server.py -p {port} -d {dir}"   the suite starts your server
  hftp-conformance --host 192.168.0.7 --port 19500                    your server is running
  hftp-conformance fixtures testdata                                  write the files it must serve

Exit status: 0 conformant, 1 not conformant, 2 could not test.`;

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** `hftp-conformance ...`: returns the exit status. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let status: number = EXIT.COULD_NOT_TEST;
  const program = new Command('hftp-conformance')
    .description('Check an HFTP server against the protocol, rule by rule.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(hftp-conformance --help shows the options)');

  addTargetOptions(program.command('run', { isDefault: true }), 'suite')
    .description('run the conformance suite against a server (the default command)')
    .addOption(new Option('--profile <name>', `statement year to check against (default ${DEFAULT_PROFILE}; reference for the bundled server)`).choices(Object.keys(PROFILES)))
    .option('--with <capability>', `switch a capability on (${CAPABILITIES.join(', ')})`, collect, [])
    .option('--without <capability>', 'switch a capability off', collect, [])
    .option('--max-errors <n>', 'the server\'s error limit, for the error-limit capability', integer('--max-errors', 1))
    .option('--strict', 'should rules fail instead of warning')
    .option('--tags <expression>', 'run only some scenarios, e.g. "@FRAME-4 or @LIST-1"')
    .option('--timeout <ms>', `longest wait for an expected byte (default ${RUN_DEFAULTS.timeoutMs}, the course's own)`, integer('--timeout', 1))
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report, with transcripts')
    .option('--html <file>', "write cucumber's HTML report")
    .addHelpText('after', EXAMPLES)
    .action(async (options: RunOptions) => {
      status = await runConformance(options, io);
    });

  program
    .command('fixtures <dir>')
    .description('write the fixture set (the files a tested server must serve) into a directory')
    .action(async (dir: string) => {
      mkdirSync(dir, { recursive: true });
      const fixtures = loadFixtureSet();
      await writeFixtureSet(dir, fixtures);
      io.stdout.write(`Wrote ${fixtures.size} files to ${dir}: ${[...fixtures.keys()].join(' ')}\n`);
      status = EXIT.CONFORMANT;
    });

  program
    .command('profiles')
    .description('list the profiles and their capabilities')
    .action(() => {
      for (const profile of Object.values(PROFILES)) {
        io.stdout.write(`${profile.name.padEnd(12)} ${profile.description}\n${' '.repeat(13)}capabilities: ${profile.capabilities.join(', ') || 'none'}${profile.strict ? '; strict' : ''}\n`);
      }
      status = EXIT.CONFORMANT;
    });

  addBenchCommand(program, io, (code) => (status = code));
  addClassCommands(program, io, (code) => (status = code));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' ? 0 : EXIT.COULD_NOT_TEST;
    }
    if (error instanceof CannotTest) {
      io.stderr.write(`Cannot test: ${error.message}\n`);
      return EXIT.COULD_NOT_TEST;
    }
    io.stderr.write(`Cannot test: ${(error as Error).message}\n`);
    return EXIT.COULD_NOT_TEST;
  }
}
