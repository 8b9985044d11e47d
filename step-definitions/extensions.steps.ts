import type { DataTable } from '@cucumber/cucumber';
import { chmod } from 'node:fs/promises';
import * as path from 'node:path';
import { escapeBytes } from '../src/client/escape';
import { UNREADABLE_PREFIX } from '../src/target/suite';
import { clientStep, step } from './support/dsl';
import { expectStatus } from './support/expect';
import { awaiting, Mismatch } from './support/mismatch';
import type { HftpWorld } from './support/world';

/*
 * The extensions: the error limit (MAX_ERRORS, the target's --max-errors), the 2026
 * revision's help and raw slices, and files the server cannot read.
 */

// ---------------------------------------------------------------- error limit

async function makeErrors(world: HftpWorld, client: string, request: Buffer, code: number, success?: Buffer): Promise<void> {
  const connection = await world.client(client);
  const limit = world.suite.config.maxErrors;
  for (let i = 1; i <= limit; i++) {
    await connection.send(request);
    await expectStatus(world, client, code, { expected: `status ${code} for error ${i} of MAX_ERRORS = ${limit}` });
    // The request after the last allowed error is the one the rule is about: no success there.
    if (!success || i === limit) continue;
    await connection.send(success);
    await expectStatus(world, client, 0, { expected: `status 0 for the success after error ${i}` });
    await awaiting('the size line', () => connection.readSize());
  }
}

clientStep(
  '{client} makes MAX_ERRORS errors with {bytes}, each answered with status {int}',
  async function (this: HftpWorld, client: string, request: Buffer, code: number) {
    await makeErrors(this, client, request, code);
  },
);

clientStep(
  '{client} makes MAX_ERRORS errors with {bytes}, each answered with status {int}, with a successful {bytes} between them',
  async function (this: HftpWorld, client: string, request: Buffer, code: number, success: Buffer) {
    await makeErrors(this, client, request, code, success);
  },
);

// ---------------------------------------------------------------- 2026 revision

step(
  'the server sends these command names, one per line in any order, then an empty line; help may be among them:',
  async function (this: HftpWorld, table: DataTable) {
    const connection = await this.client();
    const names = await awaiting('one command name per line, then an empty line', () => connection.readListing(64));
    const required = table.raw().map(([name]) => name);
    const missing = required.filter((name) => !names.includes(name));
    const unknown = names.filter((name) => !required.includes(name) && name !== 'help');
    if (missing.length || unknown.length || new Set(names).size !== names.length) {
      throw new Mismatch(`each of ${required.join(', ')} once (and help, optionally)`, `[${names.join(' ')}]`);
    }
  },
);

step('the server sends the {int} raw bytes of {string} from offset {int}', async function (this: HftpWorld, size: number, name: string, offset: number) {
  const connection = await this.client();
  const expected = this.suite.fixture(name).bytes(offset, size);
  const want = `${size} raw bytes of ${name} from offset ${offset}`;
  const got = await awaiting(want, () => connection.readBytes(size, want));
  if (!got.equals(expected)) throw new Mismatch(want, `other bytes: "${escapeBytes(got.subarray(0, 40))}"...`);
});

// ---------------------------------------------------------------- internal errors

step('the served directory also holds a file {string} that the server cannot read', async function (this: HftpWorld, name: string) {
  const directory = this.directory;
  if (!directory) throw new Error('this scenario needs a served directory the suite manages (tag it @managed-dir)');
  const how = this.suite.unreadableFiles;
  if (!how) {
    return this.skip('running as root, the suite cannot make a file unreadable to the server (run it as another user)');
  }
  if (how === 'fault-switch' && !name.startsWith(UNREADABLE_PREFIX))
    throw new Error(`name it ${UNREADABLE_PREFIX}...: the reference server's fault switch covers those names`);
  await directory.writeFile(name, 'you cannot read this');
  if (how === 'chmod') await chmod(path.join(directory.path, name), 0o000);
  this.note(how === 'chmod' ? `${name} made unreadable with chmod 000` : `${name} unreadable through the reference server's test-only fault switch`);
});
