/**
 * `npm test`: the unit tests, then every feature against the bundled reference server,
 * then line coverage of src/ (at least 90%). Ends with one line, "N passed, N failed",
 * counting unit tests and scenarios together. Arguments go to cucumber
 * (`npm test -- --tags @FRAME-4`).
 *
 * Each phase is its own process with NODE_V8_COVERAGE set, so coverage includes the
 * reference server that cucumber starts as a child.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { closingLine, parseMessages, scenarioResults, totals, type Totals } from '../src/conformance/results';

const root = path.resolve(__dirname, '..');
const reports = path.join(root, 'reports');
const coverageTemp = path.join(root, 'coverage', 'tmp');
const messagesFile = path.join(reports, 'cucumber-messages.ndjson');
const unitTap = path.join(reports, 'unit.tap');
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
  const files = findTests(path.join(root, 'src'));
  process.stdout.write(`\n== unit tests (${files.length} files)\n`);
  run(process.execPath, [
    '-r', 'ts-node/register', '--test',
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
  const status = run(process.execPath, [path.join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), ...args]);
  const found = existsSync(messagesFile) ? totals(scenarioResults(parseMessages(readFileSync(messagesFile, 'utf8')))) : null;
  if (!found || (status !== 0 && found.failed === 0)) {
    // Cucumber stopped before or outside any scenario (BeforeAll failed, a syntax error...).
    return { passed: found?.passed ?? 0, failed: (found?.failed ?? 0) + 1, skipped: found?.skipped ?? 0 };
  }
  return found;
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
  process.stdout.write(`\nunit tests: ${closingLine(unit)}\nscenarios:  ${closingLine(features)}\n`);
  if (!covered) process.stdout.write(`coverage: below ${MIN_LINE_COVERAGE}% of lines in src/ (see above)\n`);
  process.stdout.write(`${closingLine(all)}\n`);
  return all.failed === 0 && covered ? 0 : 1;
}

process.exitCode = main();
