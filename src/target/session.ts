import type { Lang } from '../i18n/index';
import { configFromEnvironment, type RunConfig } from '../conformance/config';
import { preflight } from './preflight';
import { Suite } from './suite';

/**
 * The session of a run: the one Suite (target, directory, fixtures) that its scenarios
 * share. Every entry point opens it the same way, `openSession`: the CLI before it runs the
 * features (so that a target it cannot test ends the run with exit 2 before any scenario),
 * the meta-test and the bench with their own targets, and `npx cucumber-js` from the
 * environment in the hooks' BeforeAll. The step definitions find it with `currentSession`.
 */

/** The target cannot be tested as given (unreachable, never answers, another directory): exit 2. */
export class CannotTest extends Error {}

/**
 * Start (or attach to) the configured target and check that it can be tested. Warnings
 * (odd answers that the rules will judge) go to `warn`.
 */
export async function openSession(
  config: RunConfig,
  options: { name?: string; warn?: (warning: string) => void; check?: boolean; lang?: Lang } = {},
): Promise<Suite> {
  let suite: Suite;
  try {
    suite = await Suite.start(config);
  } catch (error) {
    throw new CannotTest(`Could not start ${options.name ?? 'the target'}: ${(error as Error).message}`);
  }
  if (options.check === false) return suite;
  try {
    const check = await preflight(suite.target, suite.fixtures.values(), config.timeoutMs, options.lang);
    for (const warning of check.warnings) options.warn?.(warning);
    if (check.blocker) throw new CannotTest(check.blocker);
    return suite;
  } catch (error) {
    await suite.stop();
    throw error;
  }
}

let provided: Suite | null = null;
let current: Suite | null = null;

/** Register a session opened by the caller (who also closes it), or none. */
export function provideSession(suite: Suite | null): void {
  provided = suite;
}

/** BeforeAll: the provided session, or one opened from the environment (`npx cucumber-js`). */
export async function beginSession(): Promise<void> {
  current = provided ?? (await openSession(configFromEnvironment(), { warn: (warning) => process.stderr.write(`warning: ${warning}\n`) }));
}

/** AfterAll: close the session if this module opened it. */
export async function endSession(): Promise<void> {
  if (current && current !== provided) await current.stop();
  current = null;
}

export function currentSession(): Suite {
  if (!current) throw new Error('no session: BeforeAll did not open one (did it fail?)');
  return current;
}
