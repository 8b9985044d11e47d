import type { DataTable } from '@cucumber/cucumber';
import { escapeBytes, unescapeBytes } from '../src/client/escape';
import { describePaddedLine } from '../src/client/line-padding';
import { ruleById } from '../src/conformance/rules';
import { isFatal } from '../src/protocol/status-code';
import { clientStep, step } from './support/dsl';
import { parseOutcomes, observeOutcome } from './support/outcomes';
import { expectClose, expectLine, expectStatus, statusOf } from './support/expect';
import { awaiting, Mismatch } from './support/mismatch';
import type { HftpWorld } from './support/world';

/*
 * The wire vocabulary of the feature files: what the client sends, byte for byte, and what
 * the server must send back.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- sending

clientStep('{client} is connected', async function (this: HftpWorld, client: string) {
  await this.client(client);
});

clientStep('{client} sends {bytes}', async function (this: HftpWorld, client: string, bytes: Buffer) {
  await this.send(client, bytes);
});

clientStep('{client} sends {bytes} one byte at a time, {int} ms apart', async function (this: HftpWorld, client: string, bytes: Buffer, gapMs: number) {
  const connection = await this.client(client);
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) await sleep(gapMs);
    await connection.send(bytes.subarray(i, i + 1));
  }
});

clientStep(
  '{client} sends these pieces, {int} ms apart:',
  async function (this: HftpWorld, client: string, gapMs: number, table: DataTable) {
    const connection = await this.client(client);
    const pieces = table.raw().map(([cell]) => unescapeBytes(cell.replace(/^"(.*)"$/s, '$1')));
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) await sleep(gapMs);
      await connection.send(pieces[i]);
    }
  },
  { timeout: 60_000 },
);

clientStep(
  '{client} sends {bytes}, then {size} of {bytes}, then {bytes}',
  async function (this: HftpWorld, client: string, before: Buffer, size: number, filler: Buffer, after: Buffer) {
    const connection = await this.client(client);
    await connection.send(Buffer.concat([before, Buffer.alloc(size, filler), after]));
  },
  // The course lets the 5 MiB upload take 120 s, as long as the server keeps reading (a
  // send fails on its own once the server stops taking bytes for the read timeout).
  { timeout: 130_000 },
);

clientStep('{client} closes the connection', async function (this: HftpWorld, client: string) {
  this.forget(client);
});

// For the scenarios where what this client receives is another rule's concern: wait for
// a status line (and the close that follows a fatal one, or the lack of one), bounded, and
// judge nothing. After a status that keeps the connection open there is no close to wait for.
clientStep('{client} waits for its answer, whatever it is', async function (this: HftpWorld, client: string) {
  const connection = await this.client(client);
  const status = await connection.readStatus().catch(() => null);
  if (!status || isFatal(status.code)) await connection.expectClose(this.suite.config.closeTimeoutMs).catch(() => undefined);
  this.note(`${client}: ${status ? `status ${status.code}` : 'no status line'} (not judged here)`);
});

clientStep('{client} resets the connection', async function (this: HftpWorld, client: string) {
  (await this.client(client)).reset();
  this.forget(client);
});

// ---------------------------------------------------------------- status lines

step('the server answers with status {int}', async function (this: HftpWorld, code: number) {
  await expectStatus(this, this.current, code);
});
// For a request that takes long to process (a 5 MiB line): the answer may take more than
// the usual read timeout, but not forever.
step('within {int} s the server answers with status {int}', async function (this: HftpWorld, seconds: number, code: number) {
  await expectStatus(this, this.current, code, { timeoutMs: Math.max(seconds * 1000, this.suite.config.timeoutMs) });
});

step(/^the server's answer is one of: (.+)$/, async function (this: HftpWorld, list: string) {
  const outcome = await observeOutcome(this, parseOutcomes(list));
  this.note(`${this.current}: the target answered ${outcome}`, outcome);
});

// ---------------------------------------------------------------- lines and exact bytes

step('the server sends the line {bytes}', async function (this: HftpWorld, expected: Buffer) {
  await expectLine(this, expected);
});

// A line whose content another rule owns: this scenario needs the line (the answer is
// complete, the next one can be read), and leaves judging what it says to that rule, so that
// one wrong size fails META-1 and not every rule whose scenario asks for a size on the way.
// The owner must be a rule of the catalogue (whose own scenarios assert that line); in the
// owner's own scenarios the line is judged here.
step('the server sends a line \\({word} checks it is {bytes}\\)', async function (this: HftpWorld, owner: string, expected: Buffer) {
  if (!ruleById(owner)) throw new Error(`"${owner}" is not a rule of the catalogue (src/conformance/rules.ts): name the rule that checks this line`);
  if (owner === this.rule?.id) return expectLine(this, expected);
  const connection = await this.client();
  const line = await awaiting('a line ended by CR LF', () => connection.readLine('a line'));
  if (!line.equals(expected)) {
    this.note(`${this.current}: the line "${escapeBytes(line)}" where ${owner} expects "${escapeBytes(expected)}" (${owner} judges it)`);
  }
});

step('if the status was {int}, the server sends the line {bytes}', async function (this: HftpWorld, code: number, expected: Buffer) {
  if (statusOf(this) === code) await expectLine(this, expected, `after status ${code}, `);
});

step('the server sends exactly {bytes}', async function (this: HftpWorld, expected: Buffer) {
  const connection = await this.client();
  const want = `exactly "${escapeBytes(expected)}"`;
  const got = await awaiting(want, () => connection.readBytes(expected.length, want));
  if (!got.equals(expected)) throw new Mismatch(want, `"${escapeBytes(got)}"`);
});

step('the server sends a line', async function (this: HftpWorld) {
  const connection = await this.client();
  await awaiting('a line ended by CR LF', () => connection.readLine('a line'));
});

// Every read forgives spaces and tabs before a CR LF (the course client strips each line);
// the connections record them, and this step (STATUS-7) reports them.
step('no line the server sent had spaces or tabs before its CR LF', function (this: HftpWorld) {
  const { lines, count } = this.paddedLines();
  if (!count) return;
  const [first, ...rest] = lines.slice(0, 8).map(describePaddedLine);
  const more = count - 1;
  const unlisted = count - 1 - rest.length;
  throw new Mismatch(
    'no space or tab before the CR LF of any line',
    `${first}${more ? `, and ${more} more line${more === 1 ? '' : 's'}:\n    ${[...rest, ...(unlisted ? [`... ${unlisted} more`] : [])].join('\n    ')}` : ''}`,
  );
});

// ---------------------------------------------------------------- close and silence

step('the server closes the connection', async function (this: HftpWorld) {
  await closesWithin(this, this.suite.config.closeTimeoutMs);
});
step('the server closes the connection within {int} ms', async function (this: HftpWorld, ms: number) {
  await closesWithin(this, ms);
});

/** The close within `ms`, with nothing but stray empty lines before it (support/expect.ts). */
async function closesWithin(world: HftpWorld, ms: number): Promise<void> {
  const connection = await world.client();
  await awaiting(`the connection closed within ${ms} ms, with nothing more sent`, () => expectClose(world, connection, ms));
}

step(['the server sends nothing more', 'the server sends nothing yet'], async function (this: HftpWorld) {
  const connection = await this.client();
  const ms = this.suite.config.silenceMs;
  await awaiting(`nothing more for ${ms} ms`, () => connection.expectSilence(ms));
});

step('the server sends nothing more and keeps the connection open', async function (this: HftpWorld) {
  const connection = await this.client();
  const ms = this.suite.config.silenceMs;
  const closed = await awaiting(`nothing more for ${ms} ms`, () => connection.expectSilence(ms));
  if (closed) throw new Mismatch('the connection to stay open', `the server closed it (${closed})`);
});

step('if the connection is still open, {bytes} is still answered with status {int}', async function (this: HftpWorld, bytes: Buffer, code: number) {
  const last = statusOf(this);
  if (last === 'closed' || (typeof last === 'number' && isFatal(last))) return;
  const connection = await this.client();
  await connection.send(bytes);
  await expectStatus(this, this.current, code);
});
