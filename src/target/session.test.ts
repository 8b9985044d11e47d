import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { configFromEnvironment } from '../conformance/config';
import { answerLines, TestServers } from '../testing/test-servers';
import { CannotTest, openSession } from './session';

/*
 * The session's preflight waits for the first answer as long as the run's read timeout
 * (--timeout, HFTP_TIMEOUT_MS), not a fixed 3 s.
 */

const servers = new TestServers();
after(() => servers.closeAll());

/** A server that answers every request "200 INVALID COMMAND", `delayMs` after it came. */
function slowServer(delayMs: number): Promise<number> {
  return servers.start((socket) =>
    answerLines(() => {
      setTimeout(() => socket.writable && socket.write('200 INVALID COMMAND\r\n'), delayMs);
      return null;
    })(socket),
  );
}

const attached = (port: number, timeoutMs: number) =>
  configFromEnvironment({ HFTP_HOST: '127.0.0.1', HFTP_PORT: String(port), HFTP_TIMEOUT_MS: String(timeoutMs) });

test('an answer slower than the read timeout: the run cannot test the target, and says within what time', async () => {
  const port = await slowServer(800);
  await assert.rejects(openSession(attached(port, 400)), (error: Error) => {
    assert.ok(error instanceof CannotTest);
    assert.match(error.message, /never answers: nothing came within 0\.4 s/);
    return true;
  });
});

test('an answer within the read timeout: the session opens (the odd answer is a warning)', async () => {
  const port = await slowServer(800);
  const warnings: string[] = [];
  const suite = await openSession(attached(port, 1500), { warn: (warning) => warnings.push(warning) });
  await suite.stop();
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^get_metadata \S+ answered 200 INVALID COMMAND$/);
});
