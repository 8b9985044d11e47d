import { After, AfterAll, Before, BeforeAll, BeforeStep, setDefaultTimeout } from '@cucumber/cucumber';
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

// Scenarios that change the served directory need a directory the suite manages.
Before({ tags: '@managed-dir' }, function (this: HftpWorld) {
  if (!this.directory) return 'skipped';
});

BeforeStep(function (this: HftpWorld, { pickleStep }) {
  this.stepText = pickleStep.text;
});

After({ timeout: 20_000 }, async function (this: HftpWorld) {
  this.closeAll();
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
