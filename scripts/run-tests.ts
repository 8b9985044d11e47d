/**
 * `npm test`: the unit and CLI tests and the mutant meta-test (side by side: the mutants
 * mostly wait on sockets), then every feature against the bundled reference server through
 * the conformance CLI (profile reference, on a quiet machine), then line coverage of src/
 * (at least 90%). Ends with one line, "N passed, N failed", counting tests, mutants and
 * scenarios together. Arguments go to the CLI (`npm test -- --tags @FRAME-4`).
 *
 * Each phase is its own process with NODE_V8_COVERAGE set, so coverage includes the
 * reference server that the CLI starts as a child.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { closingLine, type Totals } from '../src/conformance/results';
import { langFromEnvironment } from '../src/i18n';

const root = path.resolve(__dirname, '..');
// The tests read the suite's English messages: a Spanish locale (LANG=es_AR.UTF-8) would
// turn them into Spanish, so the tests run in the C locale (the Spanish ones say --lang es).
// Here for the tests that call the CLI's code in process (main()); the CLI they start as a
// child gets the C locale from test/run-cli.ts, also when one test file is run on its own.
if (langFromEnvironment() !== 'en') {
  process.env.LC_ALL = 'C.UTF-8';
  delete process.env.HFTP_LANG;
}
const reports = path.join(root, 'reports');
const coverageTemp = path.join(root, 'coverage', 'tmp');
const conformanceReport = path.join(reports, 'conformance.json');
const mutantsReport = path.join(reports, 'mutants.json');
const unitTap = path.join(reports, 'tests.tap');
const MIN_LINE_COVERAGE = 90;

/** Run a process; its output goes to the terminal, or is kept and returned. */
function run(command: string, args: readonly string[], keepOutput = false): Promise<{ status: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: keepOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, NODE_V8_COVERAGE: coverageTemp },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
}

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return findTests(file);
    return name.endsWith('.test.ts') ? [path.relative(root, file)] : [];
  });
}

async function unitTests(): Promise<Totals> {
  const files = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))];
  process.stdout.write(`\n== unit and CLI tests (${files.length} files)\n`);
  await run(process.execPath, [
    '-r',
    'ts-node/register',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${unitTap}`,
    ...files,
  ]);
  const tap = existsSync(unitTap) ? readFileSync(unitTap, 'utf8') : '';
  const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const ran = count('tests');
  // A crash before any test ran still counts as a failure.
  return { passed: count('pass'), failed: count('fail') + count('cancelled') + (ran === 0 ? 1 : 0), skipped: count('skipped') };
}

/** Every mutant caught counts as a passed test, and the lenient server passing as one more. */
async function mutants(): Promise<{ totals: Totals; output: string }> {
  const { status, output } = await run(process.execPath, ['-r', 'ts-node/register', path.join(root, 'test', 'mutants', 'run.ts')], true);
  if (!existsSync(mutantsReport)) return { totals: { passed: 0, failed: 1, skipped: 0 }, output };
  const report = JSON.parse(readFileSync(mutantsReport, 'utf8')) as { caught?: boolean; lenient?: boolean }[];
  const outcomes = report.map((entry) => entry.caught ?? entry.lenient);
  const totals = { passed: outcomes.filter((ok) => ok).length, failed: outcomes.filter((ok) => !ok).length, skipped: 0 };
  return { totals: status !== 0 && totals.failed === 0 ? { ...totals, failed: 1 } : totals, output };
}

async function scenarios(args: string[]): Promise<Totals> {
  process.stdout.write('\n== features against the reference server\n');
  const { status } = await run(process.execPath, [
    path.join(root, 'bin', 'hftp-conformance.js'),
    '--profile',
    'reference',
    '--json',
    conformanceReport,
    '--junit',
    path.join(reports, 'junit.xml'),
    '--html',
    path.join(reports, 'cucumber.html'),
    ...args,
  ]);
  if (!existsSync(conformanceReport)) return { passed: 0, failed: 1, skipped: 0 }; // could not test at all
  const report = JSON.parse(readFileSync(conformanceReport, 'utf8')) as { scenarios: { outcome: string }[] };
  const count = (...outcomes: string[]) => report.scenarios.filter((s) => outcomes.includes(s.outcome)).length;
  // Against the reference everything must pass: a warning or an answer outside an info
  // rule's allowed set is a defect of the reference server too.
  const found = { passed: count('passed'), failed: count('failed', 'warning', 'info'), skipped: count('skipped') };
  return status !== 0 && found.failed === 0 ? { ...found, failed: 1 } : found;
}

/** Biome: the formatter and the linter, over every source file (biome.json). One check. */
async function lint(): Promise<Totals> {
  process.stdout.write('\n== format and lint (biome check)\n');
  const biome = path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  const { status } = await run(process.execPath, [biome, 'check', '--diagnostic-level=error', root]);
  return status === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
}

async function coverage(): Promise<boolean> {
  process.stdout.write('\n== coverage of src/\n');
  const c8 = path.join(root, 'node_modules', 'c8', 'bin', 'c8.js');
  return (await run(process.execPath, [c8, 'report', '--check-coverage', `--lines=${MIN_LINE_COVERAGE}`])).status === 0;
}

async function main(): Promise<number> {
  rmSync(path.join(root, 'coverage'), { recursive: true, force: true });
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(coverageTemp, { recursive: true });
  mkdirSync(reports, { recursive: true });

  const args = process.argv.slice(2);
  const style = await lint();
  const mutantRun = args.length ? null : mutants(); // a --tags subset skips the meta-test
  const unit = await unitTests();
  const zoo = mutantRun ? await mutantRun : null;
  if (zoo) process.stdout.write(`\n== mutants and the lenient server\n${zoo.output}`);
  const features = await scenarios(args);
  const covered = await coverage();

  const parts = [style, unit, zoo?.totals ?? { passed: 0, failed: 0, skipped: 0 }, features];
  const all = parts.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
  process.stdout.write(`\nlint:       ${closingLine(style)}\n`);
  process.stdout.write(`tests:      ${closingLine(unit)}\n`);
  if (zoo) process.stdout.write(`mutants:    ${closingLine(zoo.totals)}\n`);
  process.stdout.write(`scenarios:  ${closingLine(features)}\n`);
  if (!covered) process.stdout.write(`coverage: below ${MIN_LINE_COVERAGE}% of lines in src/ (see above)\n`);
  process.stdout.write(`${closingLine(all)}\n`);
  return all.failed === 0 && covered ? 0 : 1;
}

main().then((code) => (process.exitCode = code));
