/**
 * The meta-test: the suite must fail every mutant (zoo.ts), on the rule it breaks, and pass
 * the lenient server (lenient.ts) with no failure and no warning but those it is meant to
 * draw (its padded lines: every STATUS-7 scenario warns, and nothing else). One process: cucumber's
 * support code is loaded once, and each target is the reference server behind a mutating
 * proxy, in process. Prints `mutants caught: K/N` and exits non-zero on a survivor or a
 * lenient failure. Usage: node -r ts-node/register test/mutants/run.ts [NAME...]
 */
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { RUN_DEFAULTS, type RunConfig } from '../../src/conformance/config';
import { featuresConfiguration } from '../../src/cli/features';
import { ManagedDirectory, scratchRoot } from '../../src/target/managed-directory';
import type { Capability } from '../../src/conformance/profiles';
import { scenarioResults } from '../../src/conformance/results';
import { provideSession } from '../../src/target/session';
import { Suite, UNREADABLE_PREFIX } from '../../src/target/suite';
import { AttachedServer } from '../../src/target/target';
import { judge, type Verdict } from '../../src/conformance/verdict';
import { LENIENT, LENIENT_WARNINGS } from './lenient';
import { startMutant, type Mutant } from './proxy';
import { MUTANTS } from './zoo';

const root = path.resolve(__dirname, '..', '..');
/** Where cucumber's own output goes: nowhere (the verdict is judged from its messages). */
const sink = () => new PassThrough().resume();

async function main(): Promise<number> {
  const started = Date.now();
  const only = process.argv.slice(2);
  const names = only.length ? only : Object.keys(MUTANTS);
  const scratch = mkdtempSync(path.join(await scratchRoot(), 'hftp-mutants-'));
  const directory = await ManagedDirectory.adopt(path.join(scratch, 'served'));
  const environment = { cwd: root, stdout: sink(), stderr: process.stderr };
  const { runConfiguration } = await loadConfiguration(featuresConfiguration([]), environment);
  const support = await loadSupport(runConfiguration, environment);

  /**
   * Run the features selected by `tags` against `mutant`; the verdict. Mutants and the
   * lenient server alike get the waits of `npx cucumber-js` with no HFTP_ variable set
   * (RUN_DEFAULTS, below).
   */
  async function verdictOf(mutant: Mutant, tags: string, capabilities: Capability[]): Promise<Verdict> {
    const target = await startMutant({ ...mutant, server: { unreadablePrefix: UNREADABLE_PREFIX, ...mutant.server } }, { directory: directory.path, port: 0 });
    const config: RunConfig = {
      target: { kind: 'attach', host: '127.0.0.1', port: target.port },
      // The waits a real server is given (RUN_DEFAULTS): a mutant counts as caught only if
      // the suite, as it judges students, catches it; and the lenient server's 33 MB slice
      // (SLICE-6), prepared whole before its first byte, gets the same time to its first byte.
      ...RUN_DEFAULTS,
      capabilities,
      maxErrors: mutant.suiteMaxErrors ?? mutant.server?.maxErrors ?? 5,
    };
    provideSession(new Suite(config, new AttachedServer('127.0.0.1', target.port, directory), true));
    const envelopes: Envelope[] = [];
    try {
      await runCucumber({ ...runConfiguration, support, sources: { ...runConfiguration.sources, tagExpression: tags } }, environment, (envelope) =>
        envelopes.push(envelope),
      );
    } finally {
      provideSession(null);
      await target.stop();
    }
    return judge(scenarioResults(envelopes), { strict: false });
  }

  const survivors: string[] = [];
  const report: unknown[] = [];
  for (const name of names) {
    const mutant = MUTANTS[name];
    if (!mutant) throw new Error(`no mutant "${name}" (known: ${Object.keys(MUTANTS).join(', ')})`);
    const capabilities = ['concurrency', ...(mutant.capabilities ?? [])] as Capability[];
    const t = Date.now();
    const verdict = await verdictOf(mutant, `@${mutant.rule} and not @reference`, capabilities);
    const failed = verdict.rules.filter((r) => r.outcome === 'failed').map((r) => r.rule.id);
    const caught = failed.includes(mutant.rule);
    if (!caught) survivors.push(`${name} (${mutant.rule}: ${mutant.story})`);
    report.push({ mutant: name, rule: mutant.rule, story: mutant.story, caught, failedRules: failed, ms: Date.now() - t });
    process.stdout.write(`${caught ? 'caught  ' : 'SURVIVED'} ${name.padEnd(26)} ${mutant.rule.padEnd(9)} ${Date.now() - t} ms  ${mutant.story}\n`);
  }

  let lenientOk = true;
  if (!only.length) {
    const t = Date.now();
    const verdict = await verdictOf(LENIENT, 'not @reference', ['concurrency']);
    const meant = (s: (typeof verdict.scenarios)[number]) => LENIENT_WARNINGS.includes(s.rule?.id ?? '');
    const bad = verdict.scenarios.filter((s) => s.outcome === 'failed' || s.outcome === 'info' || (s.outcome === 'warning') !== meant(s));
    lenientOk = verdict.conformant && bad.length === 0 && verdict.scenarios.some(meant);
    process.stdout.write(
      `\nlenient server (course-2024): ${lenientOk ? 'passes' : 'FAILS'}, ${verdict.counts.passed} passed, ${verdict.counts.failed} failed, ${verdict.counts.warning} warnings, ${verdict.counts.info} info, ${verdict.counts.skipped} skipped (${Date.now() - t} ms)\n`,
    );
    for (const s of bad.slice(0, 10))
      process.stdout.write(`  ${s.outcome} ${s.rule?.id ?? '?'} ${s.result.name}:\n${(s.result.message ?? s.reason).split('\n').slice(0, 12).join('\n')}\n`);
    report.push({ lenient: lenientOk, counts: verdict.counts, deviations: bad.map((s) => ({ rule: s.rule?.id, name: s.result.name, reason: s.reason })) });
  }

  await directory.remove();
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(path.join(root, 'reports'), { recursive: true }); // not there in a fresh checkout
  writeFileSync(path.join(root, 'reports', 'mutants.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nmutants caught: ${names.length - survivors.length}/${names.length} (${Math.round((Date.now() - started) / 100) / 10} s)\n`);
  for (const survivor of survivors) process.stdout.write(`  survivor: ${survivor}\n`);
  return survivors.length === 0 && lenientOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(2);
  },
);
