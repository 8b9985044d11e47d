import { Suite } from '../../src/conformance/suite';

/*
 * The suite the scenarios of this run share. The conformance CLI starts it (it checks the
 * target before any scenario runs) and provides it; `cucumber-js` alone starts it from the
 * environment in BeforeAll.
 */
let provided: Suite | null = null;
let current: Suite | null = null;

/** Use a suite started by the caller (who also stops it). */
export function provideSuite(suite: Suite | null): void {
  provided = suite;
}

export async function startSuite(): Promise<void> {
  current = provided ?? (await Suite.start());
}

export async function stopSuite(): Promise<void> {
  if (current && current !== provided) await current.stop();
  current = null;
}

export function suite(): Suite {
  if (!current) throw new Error('the suite has not started (BeforeAll failed?)');
  return current;
}
