import type { Envelope, TestStepResultStatus } from '@cucumber/messages';
import { SCENARIO_RECORD_MEDIA_TYPE, type ScenarioRecord } from './scenario-record';

/**
 * Scenario results, read from cucumber's message stream (the `message` formatter's NDJSON),
 * with the rule and level each scenario checks. One place that knows how messages relate:
 *
 *   pickle (scenario + tags) <- testCase <- testCaseStarted <- testStepFinished (status)
 */
export type ScenarioStatus = 'passed' | 'failed' | 'skipped';

export interface ScenarioResult {
  name: string;
  uri: string;
  tags: string[];
  status: ScenarioStatus;
  /** The first failure message, if any: for people (the reports read `record`). */
  message?: string;
  /** What the steps logged, for people. */
  notes: string[];
  /** The scenario as data, as the hooks attached it (absent if the hooks never ran). */
  record?: ScenarioRecord;
  durationMs: number;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

// Worst first: a scenario takes the worst status of its steps.
const SEVERITY: TestStepResultStatus[] = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN', 'SKIPPED', 'PASSED'] as TestStepResultStatus[];

export function scenarioResults(envelopes: Iterable<Envelope>): ScenarioResult[] {
  const pickles = new Map<string, { name: string; uri: string; tags: string[] }>();
  const testCases = new Map<string, string>(); // testCase id -> pickle id
  type Run = { testCaseId: string; worst: TestStepResultStatus; message?: string; notes: string[]; record?: ScenarioRecord; startedAt: number };
  const started = new Map<string, Run>();
  const results: ScenarioResult[] = [];
  for (const envelope of envelopes) {
    if (envelope.pickle) {
      const { id, name, uri, tags } = envelope.pickle;
      pickles.set(id, { name, uri, tags: tags.map((tag) => tag.name) });
    } else if (envelope.testCase) {
      testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted) {
      const { id, testCaseId, timestamp } = envelope.testCaseStarted;
      started.set(id, { testCaseId, worst: 'PASSED' as TestStepResultStatus, notes: [], startedAt: millis(timestamp) });
    } else if (envelope.attachment) {
      const { testCaseStartedId, body, mediaType } = envelope.attachment;
      const run = started.get(testCaseStartedId ?? '');
      if (run && mediaType === SCENARIO_RECORD_MEDIA_TYPE) run.record = JSON.parse(body) as ScenarioRecord;
      else if (run && mediaType.startsWith('text/')) run.notes.push(body);
    } else if (envelope.testStepFinished) {
      const run = started.get(envelope.testStepFinished.testCaseStartedId);
      const result = envelope.testStepFinished.testStepResult;
      if (run && SEVERITY.indexOf(result.status) < SEVERITY.indexOf(run.worst)) {
        run.worst = result.status;
        if (result.message) run.message = result.message;
      }
    } else if (envelope.testCaseFinished) {
      if (envelope.testCaseFinished.willBeRetried) continue;
      const run = started.get(envelope.testCaseFinished.testCaseStartedId);
      const pickle = run && pickles.get(testCases.get(run.testCaseId) ?? '');
      if (!run || !pickle) continue;
      const status: ScenarioStatus = run.worst === 'PASSED' ? 'passed' : run.worst === 'SKIPPED' ? 'skipped' : 'failed';
      const durationMs = Math.max(0, millis(envelope.testCaseFinished.timestamp) - run.startedAt);
      results.push({ ...pickle, status, message: run.message, notes: run.notes, record: run.record, durationMs });
    }
  }
  return results;
}

function millis(timestamp: { seconds: number; nanos: number } | undefined): number {
  return timestamp ? timestamp.seconds * 1000 + timestamp.nanos / 1e6 : 0;
}

/** Parse an NDJSON message file's text. */
export function parseMessages(ndjson: string): Envelope[] {
  return ndjson
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Envelope);
}

export function totals(results: readonly { status: ScenarioStatus }[]): Totals {
  const count = (status: ScenarioStatus) => results.filter((r) => r.status === status).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** The closing line CI reads: "N passed, N failed" (", N skipped" when there are any). */
export function closingLine(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
}
