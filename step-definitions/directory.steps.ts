import type { DataTable } from '@cucumber/cucumber';
import { step } from './support/dsl';
import type { HftpWorld } from './support/world';
import { numberedNames } from './content.steps';

/*
 * Scenarios that need other files than the fixture set change the served directory for
 * their own duration (they are tagged @managed-dir; the After hook puts the fixtures back).
 */

function managed(world: HftpWorld) {
  const directory = world.directory;
  if (!directory) throw new Error('this scenario needs a served directory the suite manages (tag it @managed-dir)');
  return directory;
}

step('the served directory is empty', async function (this: HftpWorld) {
  await managed(this).clear();
});

step('the served directory holds only these empty files:', async function (this: HftpWorld, table: DataTable) {
  const directory = managed(this);
  await directory.clear();
  for (const [name] of table.raw()) await directory.writeFile(name);
});

step(
  'the served directory holds only {int} empty files named {string} to {string}',
  async function (this: HftpWorld, count: number, first: string, last: string) {
    const directory = managed(this);
    await directory.clear();
    await Promise.all(numberedNames(count, first, last).map((name) => directory.writeFile(name)));
  },
);

step('the served directory also holds a file {string} containing {string}', async function (this: HftpWorld, name: string, content: string) {
  await managed(this).writeFile(name, content);
});

step('the served directory also holds a subdirectory {string}', async function (this: HftpWorld, name: string) {
  await managed(this).makeDirectory(name);
});

step('the served directory also holds a symlink {string} to {string}', async function (this: HftpWorld, name: string, target: string) {
  await managed(this).makeSymlink(name, target);
});
