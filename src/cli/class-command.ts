import { type Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PROFILE, PROFILES } from '../conformance/profiles';
import type { Io } from './run';
import { integer } from './target-options';
import { loadWeights, WeightsError } from '../class/csv';
import { suiteIdentity } from '../report/identity';
import { ManifestError } from '../class/manifest';
import { buildMatrix, ReportError, readReport, untestedReport } from '../class/matrix';
import { writeMatrixFiles } from '../class/outputs';
import { defaultJobs, runClass, type ClassOptions } from '../class/run-class';
import { SANDBOX_DEFAULTS } from '../class/sandbox';

const DEFAULT_COMMAND = 'python3 server.py -p {port} -d {dir}';

const CLASS_HELP = `
MANIFEST is a TSV file (a header line naming the columns, tab-separated; only "name" is required):
  name      folder              command                                profile      with          max-errors
  grupo01   entregas/grupo01    python3 server.py -p {port} -d {dir}   course-2024
  grupo02   entregas/grupo02                                           course-2021  error-limit   5
or a directory of submissions: each subdirectory is a server, with --command and --profile.

Exit status: 0 every server was tested (whatever its verdict), 2 some could not be tested.`;

const collect = (value: string, previous: string[]) => [...previous, value];

function matrixOptions(command: Command): Command {
  return command
    .option('--html <file>', 'write the matrix as one self-contained HTML page')
    .option('--csv <file>', 'write the grade book: one row per server, one column per rule, totals and a score')
    .option('--json <file>', 'write the matrix as JSON')
    .option('--weights <file>', 'points per rule for the score ("RULE-ID POINTS" or "LEVEL POINTS" per line)')
    .option('--title <text>', 'title of the HTML page');
}

/** `class MANIFEST` and `matrix REPORT.json...`: one block, for course staff. */
export function addClassCommands(program: Command, io: Io, setStatus: (code: number) => void): void {
  matrixOptions(program.command('class <manifest>'))
    .description('test a whole class of servers in parallel and build the servers x rules matrix')
    .option('--command <cmd>', 'start command for servers the manifest gives none', DEFAULT_COMMAND)
    .addOption(new Option('--profile <name>', 'profile for servers the manifest gives none').choices(Object.keys(PROFILES)).default(DEFAULT_PROFILE))
    .option('--jobs <n>', `servers tested at once (default ${defaultJobs()}: one per core, see README)`, integer('--jobs', 1))
    .option('--out <dir>', "where each server's JSON report and output go", 'class-reports')
    .option('--tags <expression>', 'run only some scenarios, for every server')
    .option('--timeout <ms>', 'longest wait for an expected byte', integer('--timeout', 1))
    .option('--strict', 'should rules fail instead of warning')
    .option('--job-timeout <s>', "stop one server's run after this many seconds", integer('--job-timeout', 1), 1200)
    .option('--sandbox', 'run each server in a bubblewrap sandbox: loopback only, read-only files but its folder, capped memory and processes')
    .option('--sandbox-memory <mb>', `address space cap per server (default ${SANDBOX_DEFAULTS.memoryMb})`, integer('--sandbox-memory', 64))
    .option('--sandbox-procs <n>', `process cap per server (default ${SANDBOX_DEFAULTS.processes})`, integer('--sandbox-procs', 1))
    .option('--sandbox-hide <dir>', 'one more directory the servers must not see (repeatable)', collect, [])
    .addHelpText('after', CLASS_HELP)
    .action(async (manifest: string, options: ClassOptions) => {
      try {
        setStatus(await runClass(manifest, options, io));
      } catch (error) {
        if (!(error instanceof ManifestError) && !(error instanceof ReportError) && !(error instanceof WeightsError)) throw error;
        io.stderr.write(`Cannot test the class: ${(error as Error).message}\n`);
        setStatus(2);
      }
    });

  program
    .command('untested-report <name>')
    .description('write the report of a server that could not be tested (for `matrix`, when a CI job got exit 2)')
    .requiredOption('--reason <text>', 'why it could not be tested')
    .requiredOption('--out <file>', 'the report to write')
    .option('--profile <name>', 'the profile it was to be tested with', DEFAULT_PROFILE)
    .action((name: string, options: { reason: string; out: string; profile: string }) => {
      writeFileSync(options.out, `${JSON.stringify(untestedReport(name, options.profile, options.reason), null, 2)}\n`);
      setStatus(0);
    });

  matrixOptions(program.command('matrix <reports...>'))
    .description("build the class matrix from --json reports produced elsewhere (each student repository's CI)")
    .option('--name-from <source>', 'name each row after the report\'s "file" name (without .json) or its "target"', 'file')
    .action((files: string[], options: { nameFrom: string; html?: string; csv?: string; json?: string; weights?: string; title?: string }) => {
      try {
        const suite = suiteIdentity();
        const weights = loadWeights(options.weights);
        const named = files.map((file) => {
          const report = readReport(file, suite);
          const name = options.nameFrom === 'target' && report.target ? report.target : path.basename(file).replace(/\.json$/i, '');
          return { name, report };
        });
        const matrix = buildMatrix(named, suite);
        writeMatrixFiles(matrix, options, weights);
        if (!options.html && !options.csv && !options.json) io.stdout.write(`${JSON.stringify(matrix, null, 2)}\n`);
        const count = (status: string) => matrix.rows.filter((r) => r.status === status).length;
        io.stderr.write(
          `${matrix.rows.length} reports: ${count('conformant')} conformant, ${count('not conformant')} not conformant, ${count('could not test')} could not be tested.\n`,
        );
        setStatus(0);
      } catch (error) {
        if (!(error instanceof ReportError) && !(error instanceof WeightsError)) throw error;
        io.stderr.write(`Cannot build the matrix: ${(error as Error).message}\n`);
        setStatus(2);
      }
    });
}
