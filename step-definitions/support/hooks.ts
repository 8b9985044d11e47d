import { After, AfterAll, Before, BeforeAll, BeforeStep, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { phaseOf } from '../../src/conformance/phases';
import { capabilitiesOfTags, skipReason } from '../../src/conformance/profiles';
import { SCENARIO_RECORD_MEDIA_TYPE } from '../../src/conformance/scenario-record';
import { beginSession, endSession } from '../../src/target/session';
import { SILENT_SCENARIOS_IN_A_ROW } from '../../src/target/suite';
import { Mismatch } from './mismatch';
import type { HftpWorld } from './world';

// Every read has its own timeout (HFTP_TIMEOUT_MS); this is only the backstop that ends a
// step no matter what, so that no run can hang.
setDefaultTimeout(30_000);

BeforeAll({ timeout: 120_000 }, async () => {
  await beginSession();
});

AfterAll({ timeout: 15_000 }, async () => {
  await endSession();
});

Before(function (this: HftpWorld, { pickle }) {
  this.begin(pickle);
});

// A capability the target does not declare: its scenarios are skipped, not failed. And
// the scenarios about a server *without* a capability (@without-ascii-check) run only then.
Before(function (this: HftpWorld) {
  const reason = skipReason(capabilitiesOfTags(this.tags), this.suite.config.capabilities);
  if (reason) return this.skip(reason);
});

// Scenarios that change the served directory need a directory the suite manages.
Before({ tags: '@managed-dir' }, function (this: HftpWorld) {
  if (this.directory) return;
  return this.skip('the suite does not manage the served directory (attach mode without --data-dir)');
});

// Once the target cannot be judged any more, the rest of the run is "not judged": it
// takes no time, and fails nothing that the target was never fairly tested on.
Before(function (this: HftpWorld) {
  if (this.suite.notJudged) return this.skip(this.suite.notJudged, true);
});

// Damage last (order-plugin.cjs runs the stress scenarios at the end): a target the suite
// started enters each stress phase freshly restarted, whatever the phase before left.
Before({ timeout: 60_000 }, async function (this: HftpWorld) {
  const suite = this.suite;
  const phase = phaseOf(this.tags);
  if (phase <= suite.phase) return;
  suite.phase = phase;
  if (suite.target.restartable) {
    await suite.target.recover().catch((error: Error) => {
      suite.notJudged = `the server could not be restarted for the stress scenarios: ${error.message}`;
    });
  }
  if (suite.notJudged) return this.skip(suite.notJudged, true);
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
  let stopped: Error | null = null;
  if (result?.status !== Status.SKIPPED) {
    await this.leaveAll();
    if (this.directory?.changed) await this.directory.restore();
    stopped = await checkStillServing(this, pickle.name, result?.status === Status.FAILED);
  }
  this.closeAll();
  // The scenario as data, for the reports (the terminal has the failure message).
  this.attach(JSON.stringify(this.record()), SCENARIO_RECORD_MEDIA_TYPE);
  if (stopped) throw stopped;
});

/** The failure to report when the target no longer serves after this scenario, else null. */
async function checkStillServing(world: HftpWorld, scenario: string, failed: boolean): Promise<Error | null> {
  const suite = world.suite;
  suite.silentInARow = failed && world.transcript.received === 0 ? suite.silentInARow + 1 : 0;
  if (suite.silentInARow >= SILENT_SCENARIOS_IN_A_ROW) {
    suite.notJudged = `the target sent not one byte in ${suite.silentInARow} scenarios in a row, so the run stopped there`;
  }

  // A fresh client of the scenario itself already waited in vain: no need to wait again.
  const problem = world.unserved ? `the server stopped serving: ${world.unserved}` : await suite.target.checkHealth(suite.healthTimeoutMs);
  if (!problem) return null;
  let next: string;
  if (!suite.target.restartable) {
    suite.notJudged ??= `the server stopped serving after "${scenario}" (${world.rule?.id ?? 'no rule'}), and the suite did not start it, so it cannot restart it`;
    next = 'the remaining scenarios are not judged';
  } else {
    // A restart is complete once the new server accepts a connection (launch() waits for no
    // more): whatever then stops it, or keeps it from answering, is the doing of the
    // scenario that comes next, and is judged there.
    next = await suite.target.recover().then(
      () => 'the suite restarted it: later scenarios run on a fresh server',
      (error: Error) => {
        suite.notJudged ??= `the server could not be restarted: ${error.message}`;
        return 'it could not be restarted: the remaining scenarios are not judged';
      },
    );
  }
  // Clients that left without quit are evidence against ROBUST-1 too, unless that is the
  // scenario's own rule (which its failure already judges).
  const finding = { rule: 'ROBUST-1', reason: `the server stopped serving after "${scenario}" (${world.rule?.id}), whose clients left without quit` };
  if (world.leftAbruptly && finding.rule !== world.rule?.id) world.findings.push(finding);
  world.stepText = '(after the scenario) a new client is served';
  return world.failure(new Mismatch('a new client served after the scenario', `the server stopped serving after this scenario (${next}): ${problem}`));
}
