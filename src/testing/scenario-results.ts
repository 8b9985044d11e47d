import type { ScenarioResult } from '../conformance/results';
import type { Failure, ScenarioRecord } from '../conformance/scenario-record';

/*
 * Builders of scenario results, as the hooks record them, shared by the tests of the
 * verdict, the summary table and the reports.
 */

/** The failure of a real FRAME-4 scenario against a server that answers 200. */
export const FRAME_4_FAILURE: Failure = {
  step: 'the server answers with status 100',
  expected: 'status 100',
  received: 'status 200 ("200 NO SUCH COMMAND\\r\\n")',
};
/** What the summary and the reports say for it. */
export const FRAME_4_REASON = 'status 200 ("200 NO SUCH COMMAND\\r\\n") (expected status 100)';

export function record(over: Partial<ScenarioRecord> = {}): ScenarioRecord {
  return { failure: null, skip: null, observations: [], findings: [], transcript: { entries: [], elided: 0 }, ...over };
}

export function scenario(over: Partial<ScenarioResult> & Pick<ScenarioResult, 'tags' | 'status'>): ScenarioResult {
  return { name: over.tags.join(' ') || 'a scenario', uri: 'features/framing.feature', notes: [], durationMs: 1, record: record(), ...over };
}

export const passed = (tags: string[], observations: string[] = [], over: Partial<ScenarioResult> = {}): ScenarioResult =>
  scenario({ tags, status: 'passed', record: record({ observations }), ...over });

export const failed = (tags: string[], failure: Failure = FRAME_4_FAILURE, over: Partial<ScenarioRecord> = {}): ScenarioResult =>
  scenario({ tags, status: 'failed', message: `${tags[0]}: ${failure.received ?? failure.error}`, record: record({ failure, ...over }) });

export const skipped = (tags: string[], reason = 'capability "concurrency" is off in this run', notJudged = false): ScenarioResult =>
  scenario({ tags, status: 'skipped', record: record({ skip: { reason, notJudged } }) });
