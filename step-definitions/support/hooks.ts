import { After, AfterAll, Before, BeforeAll, BeforeStep, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { isCapability } from '../../src/conformance/profiles';
import { TRANSCRIPT_MEDIA_TYPE } from '../../src/conformance/results';
import { startSuite, stopSuite } from './suite';
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

BeforeStep(function (this: HftpWorld, { pickleStep }) {
  this.stepText = pickleStep.text;
});

After({ timeout: 20_000 }, async function (this: HftpWorld, { result }) {
  this.closeAll();
  // For the reports. A failure message already carries the transcript (and cucumber would
  // print an attachment line beside it).
  if (result?.status !== Status.FAILED) this.attach(this.transcript.format(''), TRANSCRIPT_MEDIA_TYPE);
  if (this.directory?.changed) await this.directory.restore();
  // A crashed target fails the scenario it crashed in, and is restarted for the next one.
  const problem = await this.suite.target.checkHealth();
  if (problem) {
    await this.suite.target.recover();
    const failure = new Error(`${problem}\n  (the suite restarted it for the next scenario)`);
    failure.stack = failure.message;
    throw failure;
  }
});
