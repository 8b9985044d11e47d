/**
 * `npm test`: the unit and CLI tests, then every feature against the bundled reference
 * server through the conformance CLI (profile reference), then line coverage of src/ (at
 * least 90%). Ends with one line, "N passed, N failed", counting tests and scenarios
 * together. Arguments go to the CLI (`npm test -- --tags @FRAME-4`).
 *
 * Each phase is its own process with NODE_V8_COVERAGE set, so coverage includes the
 * reference server that cucumber starts as a child.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { closingLine, type Totals } from '../src/conformance/results';

const root = path.resolve(__dirname, '..');
const reports = path.join(root, 'reports');
const coverageTemp = path.join(root, 'coverage', 'tmp');
const conformanceReport = path.join(reports, 'conformance.json');
const unitTap = path.join(reports, 'tests.tap');
const MIN_LINE_COVERAGE = 90;

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_V8_COVERAGE: coverageTemp },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return findTests(file);
    return name.endsWith('.test.ts') ? [path.relative(root, file)] : [];
  });
}

function unitTests(): Totals {
  const files = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))];
  process.stdout.write(`\n== unit and CLI tests (${files.length} files)\n`);
  run(process.execPath, [
    '-r', 'ts-node/register', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${unitTap}`,
    ...files,
  ]);
  const tap = existsSync(unitTap) ? readFileSync(unitTap, 'utf8') : '';
  const count = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const ran = count('tests');
  // A crash before any test ran still counts as a failure.
  return { passed: count('pass'), failed: count('fail') + count('cancelled') + (ran === 0 ? 1 : 0), skipped: count('skipped') };
}

function scenarios(args: string[]): Totals {
  process.stdout.write('\n== features against the reference server\n');
  const status = run(process.execPath, [
    path.join(root, 'bin', 'hftp-conformance.js'),
    '--profile', 'reference',
    '--json', conformanceReport,
    '--junit', path.join(reports, 'junit.xml'),
    '--html', path.join(reports, 'cucumber.html'),
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

function coverage(): boolean {
  process.stdout.write('\n== coverage of src/\n');
  const c8 = path.join(root, 'node_modules', 'c8', 'bin', 'c8.js');
  return run(process.execPath, [c8, 'report', '--check-coverage', `--lines=${MIN_LINE_COVERAGE}`]) === 0;
}

function main(): number {
  rmSync(path.join(root, 'coverage'), { recursive: true, force: true });
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(coverageTemp, { recursive: true });
  mkdirSync(reports, { recursive: true });

  const unit = unitTests();
  const features = scenarios(process.argv.slice(2));
  const covered = coverage();

  const all = { passed: unit.passed + features.passed, failed: unit.failed + features.failed, skipped: unit.skipped + features.skipped };
  process.stdout.write(`\ntests:      ${closingLine(unit)}\nscenarios:  ${closingLine(features)}\n`);
  if (!covered) process.stdout.write(`coverage: below ${MIN_LINE_COVERAGE}% of lines in src/ (see above)\n`);
  process.stdout.write(`${closingLine(all)}\n`);
  return all.failed === 0 && covered ? 0 : 1;
}

process.exitCode = main();
