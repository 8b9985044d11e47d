import type { DataTable } from '@cucumber/cucumber';
import { expect } from 'chai';
import { escapeBytes } from '../src/client/escape';
import { step } from './support/dsl';
import { awaiting, Mismatch } from './support/mismatch';
import type { HftpWorld } from './support/world';
import { statusOf } from './support/expect';

/*
 * What follows a 0 OK: the body of a listing, and base64 payloads, checked against what the
 * suite knows the served files hold.
 */

// ---------------------------------------------------------------- listings

async function readListing(world: HftpWorld): Promise<string[]> {
  const connection = await world.client();
  return awaiting('a listing: one name per line, then an empty line', () => connection.readListing());
}

/** The listing must name exactly `expected`, each once, in any order (the statements fix none). */
function expectNames(names: string[], expected: string[]): void {
  const shown = (list: string[]) =>
    list.length > 12 ? `${list.length} names: ${list.slice(0, 6).join(' ')} ... ${list.slice(-3).join(' ')}` : `[${list.join(' ')}]`;
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length) throw new Mismatch('each name once', `${duplicates.length} repeated, e.g. "${duplicates[0]}"`);
  const same = names.length === expected.length && expected.every((n) => names.includes(n));
  if (same) return;
  const missing = expected.filter((n) => !names.includes(n));
  const extra = names.filter((n) => !expected.includes(n));
  const why = [missing.length ? `missing ${shown(missing)}` : '', extra.length ? `unexpected ${shown(extra)}` : ''].filter(Boolean).join('; ');
  throw new Mismatch(`exactly ${shown(expected)}, in any order`, `${shown(names)} (${why})`);
}

step('the listing names exactly the fixture files, in any order', async function (this: HftpWorld) {
  expectNames(await readListing(this), [...this.suite.fixtures.keys()]);
});

step('the listing names exactly these files, in any order:', async function (this: HftpWorld, table: DataTable) {
  expectNames(
    await readListing(this),
    table.raw().map(([name]) => name),
  );
});

step(
  'the listing names exactly the {int} files {string} to {string}, in any order',
  async function (this: HftpWorld, count: number, first: string, last: string) {
    expectNames(await readListing(this), numberedNames(count, first, last));
  },
);

step('the server sends a listing', async function (this: HftpWorld) {
  this.note(`listing: ${(await readListing(this)).length} names`);
});

step('the listing is empty', async function (this: HftpWorld) {
  expectNames(await readListing(this), []);
});

step('the listing includes {string}', async function (this: HftpWorld, name: string) {
  const names = await readListing(this);
  this.note(`listing: ${names.join(' ')}`);
  if (!names.includes(name)) throw new Mismatch(`a listing that includes "${name}"`, `[${names.join(' ')}]`);
});

step('the listing does not include {string}', async function (this: HftpWorld, name: string) {
  const names = await readListing(this);
  if (names.includes(name)) throw new Mismatch(`a listing without "${name}"`, `[${names.join(' ')}]`);
});

/** "test_file0000" to "test_file0999" with count 1000: the names in between, same width. */
export function numberedNames(count: number, first: string, last: string): string[] {
  const [, prefix, from] = /^(.*?)(\d+)$/.exec(first) ?? [];
  const [, lastPrefix, to] = /^(.*?)(\d+)$/.exec(last) ?? [];
  if (prefix === undefined || prefix !== lastPrefix || Number(to) - Number(from) + 1 !== count) {
    throw new Error(`"${first}" to "${last}" is not a run of ${count} numbered names`);
  }
  return Array.from({ length: count }, (_, i) => prefix + String(Number(from) + i).padStart(from.length, '0'));
}

// ---------------------------------------------------------------- payloads

async function expectPayload(world: HftpWorld, expected: Buffer, what: string): Promise<void> {
  const connection = await world.client();
  const want = `a base64 payload that decodes to ${what}`;
  const payload = await awaiting(want, () => connection.readPayload(expected.length));
  if (payload.lines > 1) world.note(`payload sent as ${payload.lines} base64 lines`);
  if (payload.bytes.equals(expected)) return;
  let at = 0;
  while (payload.bytes[at] === expected[at]) at++;
  const around = (bytes: Buffer) => `"${escapeBytes(bytes.subarray(Math.max(0, at - 8), at + 24))}"`;
  throw new Mismatch(want, `bytes that differ from byte ${at} on: ${around(payload.bytes)} instead of ${around(expected)}`);
}

step('the server sends a base64 payload of {int} bytes', async function (this: HftpWorld, size: number) {
  const connection = await this.client();
  await awaiting(`a base64 payload of ${size} bytes (whatever they are)`, () => connection.readPayload(size));
});

step('the payload decodes to {bytes}', async function (this: HftpWorld, expected: Buffer) {
  await expectPayload(this, expected, `"${escapeBytes(expected)}"`);
});

step('the payload decodes to the same bytes as {string}', async function (this: HftpWorld, base64: string) {
  expect(base64, 'a valid base64 example').to.match(/^[A-Za-z0-9+/]*={0,2}$/);
  await expectPayload(this, Buffer.from(base64, 'base64'), `the same bytes as "${base64}"`);
});

step(
  'the payload decodes to the {int} bytes of {string} from offset {int}',
  async function (this: HftpWorld, size: number, name: string, offset: number) {
    await expectPayload(this, this.suite.fixture(name).bytes(offset, size), `bytes ${offset} to ${offset + size - 1} of ${name}`);
  },
  { timeout: 60_000 },
);

step(
  'the payload decodes to the whole of {string}',
  async function (this: HftpWorld, name: string) {
    const fixture = this.suite.fixture(name);
    await expectPayload(this, fixture.bytes(), `all ${fixture.size} bytes of ${name}`);
  },
  { timeout: 60_000 },
);

step(
  'if the status was {int}, the payload decodes to the {int} bytes of {string} from offset {int}',
  async function (this: HftpWorld, code: number, size: number, name: string, offset: number) {
    if (statusOf(this) !== code) return;
    await expectPayload(this, this.suite.fixture(name).bytes(offset, size), `bytes ${offset} to ${offset + size - 1} of ${name}`);
  },
);
