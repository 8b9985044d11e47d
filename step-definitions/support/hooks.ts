import { After, AfterAll, Before, BeforeAll, BeforeStep, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { phaseOf } from '../../src/conformance/phases';
import { isCapability } from '../../src/conformance/profiles';
import { FINDING_MEDIA_TYPE, NOT_JUDGED_NOTE, TRANSCRIPT_MEDIA_TYPE, type Finding } from '../../src/conformance/results';
import { SILENT_SCENARIOS_IN_A_ROW } from '../../src/conformance/suite';
import { startSuite, stopSuite } from './suite';
import { Mismatch } from './verdict';
import type { HftpWorld } from './world';

// Every read has its own timeout (HFTP_TIMEOUT_MS); this is only the backstop that ends a
// step no matter what, so that no run can hang.
setDefaultTimeout(30_000);

BeforeAll({ timeout: 120_000 }, async function () {
  await startSuite();
});

AfterAll({ timeout: 15_000 }, async function () {
  await stopSuite();
});

Before(function (this: HftpWorld, { pickle }) {
  this.begin(pickle);
});

// A capability the target does not declare: its scenarios are skipped, not failed. And
// the scenarios about a server *without* a capability (@without-ascii-check) run only then.
Before(function (this: HftpWorld, { pickle }) {
  const on = this.suite.config.capabilities;
  for (const { name } of pickle.tags) {
    const capability = name.replace(/^@(without-)?/, '');
    if (!isCapability(capability)) continue;
    const without = name.startsWith('@without-');
    if (without === on.includes(capability)) {
      this.log(without ? `skipped: this scenario is for servers without "${capability}"` : `skipped: capability "${capability}" is off in this run`);
      return 'skipped';
    }
  }
});

// Scenarios that change the served directory need a directory the suite manages.
Before({ tags: '@managed-dir' }, function (this: HftpWorld) {
  if (this.directory) return;
  this.log('skipped: the suite does not manage the served directory (attach mode without --data-dir)');
  return 'skipped';
});

// Once the target cannot be judged any more, the rest of the run is "not judged": it
// takes no time, and fails nothing that the target was never fairly tested on.
Before(function (this: HftpWorld) {
  if (!this.suite.notJudged) return;
  this.log(`${NOT_JUDGED_NOTE}${this.suite.notJudged}`);
  return 'skipped';
});

// Damage last (order-plugin.cjs runs the stress scenarios at the end): a target the suite
// started enters each stress phase freshly restarted, whatever the phase before left.
Before({ timeout: 60_000 }, async function (this: HftpWorld, { pickle }) {
  const suite = this.suite;
  const phase = phaseOf(pickle.tags.map((tag) => tag.name));
  if (phase <= suite.phase) return;
  suite.phase = phase;
  if (suite.target.restartable) {
    await suite.target.recover().catch((error: Error) => {
      suite.notJudged = `the server could not be restarted for the stress scenarios: ${error.message}`;
    });
  }
  if (suite.notJudged) {
    this.log(`${NOT_JUDGED_NOTE}${suite.notJudged}`);
    return 'skipped';
  }
});

BeforeStep(function (this: HftpWorld, { pickleStep }) {
  this.stepText = pickleStep.text;
});

/**
 * After each scenario that ran: its clients leave politely, the directory is restored, and
 * a fresh client must still be served. If not, this scenario fails on its own rule (it is
 * the one that left the server unable to serve), and ROBUST-1 too when its clients left
 * without quit. A target the suite started is restarted, so that later rules are judged on
 * a fresh server; one it cannot restart ends the run: the rest is not judged.
 */
After({ timeout: 60_000 }, async function (this: HftpWorld, { result, pickle }) {
  if (result?.status === Status.SKIPPED) {
    this.closeAll();
    return;
  }
  const suite = this.suite;
  await this.leaveAll();
  // For the reports. A failure message already carries the transcript (and cucumber would
  // print an attachment line beside it).
  if (result?.status !== Status.FAILED) this.attach(this.transcript.format(''), TRANSCRIPT_MEDIA_TYPE);
  if (this.directory?.changed) await this.directory.restore();

  suite.silentInARow = result?.status === Status.FAILED && this.transcript.received === 0 ? suite.silentInARow + 1 : 0;
  if (suite.silentInARow >= SILENT_SCENARIOS_IN_A_ROW) {
    suite.notJudged = `the target sent not one byte in ${suite.silentInARow} scenarios in a row, so the run stopped there`;
  }

  // A fresh client of the scenario itself already waited in vain: no need to wait again.
  const problem = this.unserved ? `the server stopped serving: ${this.unserved}` : await suite.target.checkHealth(suite.healthTimeoutMs);
  if (!problem) return;
  let next: string;
  if (!suite.target.restartable) {
    suite.notJudged ??= `the server stopped serving after "${pickle.name}" (${this.rule?.id ?? 'no rule'}), and the suite did not start it, so it cannot restart it`;
    next = 'the remaining scenarios are not judged';
  } else {
    // A restart is complete once the new server has answered a client: whatever stops it
    // again is the doing of the scenario that comes next, and is judged there.
    next = await suite.target.recover().then(
      () => 'the suite restarted it: later scenarios run on a fresh server',
      (error: Error) => {
        suite.notJudged ??= `the server could not be restarted: ${error.message}`;
        return 'it could not be restarted: the remaining scenarios are not judged';
      },
    );
  }
  if (this.leftAbruptly && this.rule?.id !== 'ROBUST-1') {
    const finding: Finding = { rule: 'ROBUST-1', reason: `the server stopped serving after "${pickle.name}" (${this.rule?.id}), whose clients left without quit` };
    this.attach(JSON.stringify(finding), FINDING_MEDIA_TYPE);
  }
  this.stepText = '(after the scenario) a new client is served';
  throw this.failure(new Mismatch('a new client served after the scenario', `the server stopped serving after this scenario (${next}): ${problem}`));
});
