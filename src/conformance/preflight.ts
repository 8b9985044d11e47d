import { ConnectFailed, HftpClientError } from '../client/errors';
import { HftpConnection } from '../client/hftp-connection';
import type { Fixture } from '../fixtures/fixture-set';
import type { Target } from './target';

export interface PreflightResult {
  /** Null when the run can go on; else one sentence saying why it cannot. */
  blocker: string | null;
  /** Doubts that do not stop the run (the target answered oddly). */
  warnings: string[];
}

/**
 * Before any scenario: is the target there, and does it serve the fixture set? One
 * connection: `get_file_listing`, then `get_metadata` of each fixture, one request at a
 * time (no pipelining: that is a rule under test, not a precondition). The run stops only
 * on what makes every verdict meaningless: nothing listening, a fixture clearly missing or
 * of another size, or other files served beside them. Odd answers are left to the
 * scenarios to judge.
 */
export async function preflight(target: Target, fixtures: Iterable<Fixture>, budgetMs = 2500): Promise<PreflightResult> {
  const where = `${target.host}:${target.port}`;
  const deadline = Date.now() + budgetMs;
  const warnings: string[] = [];
  let connection: HftpConnection;
  try {
    connection = await HftpConnection.connect({ host: target.host, port: target.port, timeoutMs: Math.min(1000, budgetMs), label: 'preflight' });
  } catch (error) {
    if (!(error instanceof ConnectFailed)) throw error;
    return { blocker: `Nothing accepts connections on ${where}: ${error.reason.replace(/ \(is the server running\?\)$/, '')}. Is the server running, on that port?`, warnings };
  }
  const expected = [...fixtures];
  const wrong: string[] = [];
  try {
    let answered = true;
    for (const fixture of expected) {
      if (Date.now() >= deadline) {
        warnings.push(`the fixture check ran out of time before ${fixture.name}`);
        answered = false;
        break;
      }
      await connection.sendRequest('get_metadata', fixture.name);
      const status = await connection.readStatus();
      if (status.code === 202) {
        wrong.push(`${fixture.name} is missing`);
      } else if (status.code === 0) {
        const size = await connection.readSize();
        if (size !== fixture.size) wrong.push(`${fixture.name} has ${size} bytes instead of ${fixture.size}`);
      } else {
        warnings.push(`get_metadata ${fixture.name} answered ${status.code} ${status.text}`);
        answered = false;
        break;
      }
    }
    // Last, as nothing follows it on this connection: other files served beside the fixtures.
    if (answered && expected.length && Date.now() < deadline) {
      const extra = await extraNames(connection, expected);
      if (extra.length) wrong.push(`it also serves ${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', ...' : ''}`);
    }
  } catch (error) {
    if (!(error instanceof HftpClientError)) throw error;
    warnings.push(`could not confirm the fixture set: ${error.message}`);
  } finally {
    connection.close();
  }
  if (wrong.length) {
    const directory = target.directory
      ? `the directory it was given (${target.directory.path}): does it take the directory from -d?`
      : 'the fixture set: write it with `hftp-conformance fixtures DIR` and serve DIR';
    return { blocker: `The server at ${where} does not serve ${directory} (${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? '; ...' : ''}).`, warnings };
  }
  return { blocker: null, warnings };
}

/** Names listed that are not fixtures. A listing that is not clean is for the LIST rules to judge: none then. */
async function extraNames(connection: HftpConnection, fixtures: Fixture[]): Promise<string[]> {
  await connection.sendRequest('get_file_listing');
  if ((await connection.readStatus()).code !== 0) return [];
  const names = await connection.readListing();
  return names.filter((name) => !fixtures.some((fixture) => fixture.name === name));
}
