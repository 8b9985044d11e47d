import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { record } from '../testing/scenario-results';
import { closingLine, parseMessages, scenarioResults, totals } from './results';
import { SCENARIO_RECORD_MEDIA_TYPE } from './scenario-record';

const RECORD = record({
  observations: ['A: the target answered 200'],
  transcript: { entries: [{ atMs: 0.1, client: 'A', direction: 'sent', length: 6, head: 'quit\\r\\n', omitted: 0, tail: '' }], elided: 0 },
});

/** A minimal message stream: two scenarios, one passing, one failing after a skip. */
function stream(): Envelope[] {
  const lines = [
    { pickle: { id: 'p1', name: 'ok', uri: 'features/a.feature', tags: [{ name: '@FRAME-1' }, { name: '@must' }], steps: [], astNodeIds: [], language: 'en' } },
    { pickle: { id: 'p2', name: 'bad', uri: 'features/a.feature', tags: [{ name: '@FRAME-4' }], steps: [], astNodeIds: [], language: 'en' } },
    { pickle: { id: 'p3', name: 'off', uri: 'features/b.feature', tags: [], steps: [], astNodeIds: [], language: 'en' } },
    { testCase: { id: 't1', pickleId: 'p1', testSteps: [] } },
    { testCase: { id: 't2', pickleId: 'p2', testSteps: [] } },
    { testCase: { id: 't3', pickleId: 'p3', testSteps: [] } },
    { testCaseStarted: { id: 's1', testCaseId: 't1', attempt: 0, timestamp: { seconds: 10, nanos: 0 } } },
    { testStepFinished: { testCaseStartedId: 's1', testStepResult: { status: 'PASSED' } } },
    { attachment: { testCaseStartedId: 's1', body: 'A: the target answered 200', mediaType: 'text/plain' } },
    { attachment: { testCaseStartedId: 's1', body: JSON.stringify(RECORD), mediaType: SCENARIO_RECORD_MEDIA_TYPE } },
    { testCaseFinished: { testCaseStartedId: 's1', willBeRetried: false, timestamp: { seconds: 10, nanos: 250_000_000 } } },
    { testCaseStarted: { id: 's2', testCaseId: 't2', attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 's2', testStepResult: { status: 'PASSED' } } },
    { testStepFinished: { testCaseStartedId: 's2', testStepResult: { status: 'FAILED', message: 'FRAME-4 (must): ...' } } },
    { testStepFinished: { testCaseStartedId: 's2', testStepResult: { status: 'SKIPPED' } } },
    { testCaseFinished: { testCaseStartedId: 's2', willBeRetried: false } },
    { testCaseStarted: { id: 's3', testCaseId: 't3', attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 's3', testStepResult: { status: 'SKIPPED' } } },
    { testCaseFinished: { testCaseStartedId: 's3', willBeRetried: false } },
  ];
  return parseMessages(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
}

test('each scenario takes the worst status of its steps, with its tags and first failure', () => {
  const results = scenarioResults(stream());
  assert.deepEqual(
    results.map((r) => [r.name, r.status, r.tags.join(' ')]),
    [
      ['ok', 'passed', '@FRAME-1 @must'],
      ['bad', 'failed', '@FRAME-4'],
      ['off', 'skipped', ''],
    ],
  );
  assert.equal(results[1].message, 'FRAME-4 (must): ...');
  assert.deepEqual(results[0].notes, ['A: the target answered 200']);
  assert.deepEqual(results[0].record, RECORD);
  assert.equal(results[1].record, undefined);
  assert.equal(results[0].durationMs, 250);
});

test('a retried attempt is not counted', () => {
  const envelopes = stream().map((e) =>
    e.testCaseFinished?.testCaseStartedId === 's2' ? { testCaseFinished: { ...e.testCaseFinished, willBeRetried: true } } : e,
  ) as Envelope[];
  assert.deepEqual(
    scenarioResults(envelopes).map((r) => r.name),
    ['ok', 'off'],
  );
});

test('the closing line CI reads', () => {
  assert.equal(closingLine(totals(scenarioResults(stream()))), '1 passed, 1 failed, 1 skipped');
  assert.equal(closingLine({ passed: 3, failed: 0, skipped: 0 }), '3 passed, 0 failed');
});
