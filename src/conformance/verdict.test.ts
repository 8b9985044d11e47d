import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failed, FRAME_4_REASON, passed, record, scenario, skipped } from '../testing/scenario-results';
import type { ScenarioResult } from './results';
import { RULES } from './rules';
import { describeFailure } from './scenario-record';
import { judge } from './verdict';

describe('judge: one scenario, by the level of its rule', () => {
  test('a must failure fails the run, with the failure reason', () => {
    const verdict = judge([failed(['@FRAME-4', '@must'])], { strict: false });
    assert.equal(verdict.conformant, false);
    const [s] = verdict.scenarios;
    assert.equal(s.outcome, 'failed');
    assert.equal(s.rule?.id, 'FRAME-4');
    assert.equal(s.level, 'must');
    assert.equal(s.reason, FRAME_4_REASON);
  });

  test('an ext failure fails the run', () => {
    const verdict = judge([failed(['@HELP-1', '@ext'])], { strict: false });
    assert.equal(verdict.conformant, false);
    assert.equal(verdict.scenarios[0].outcome, 'failed');
    assert.equal(verdict.scenarios[0].level, 'ext');
  });

  test('a should failure is a warning (still conformant), and a failure when strict', () => {
    const results = [failed(['@FRAME-5', '@should'])];
    const lenient = judge(results, { strict: false });
    assert.equal(lenient.conformant, true);
    assert.equal(lenient.scenarios[0].outcome, 'warning');
    assert.equal(lenient.scenarios[0].reason, FRAME_4_REASON);
    const strict = judge(results, { strict: true });
    assert.equal(strict.conformant, false);
    assert.equal(strict.scenarios[0].outcome, 'failed');
  });

  test('strict changes nothing for must, info and passing scenarios', () => {
    const results = [failed(['@FRAME-6', '@info']), passed(['@FRAME-1', '@must'])];
    assert.deepEqual(
      judge(results, { strict: true }).scenarios.map((s) => s.outcome),
      judge(results, { strict: false }).scenarios.map((s) => s.outcome),
    );
    assert.deepEqual(
      judge(results, { strict: true }).scenarios.map((s) => s.outcome),
      ['info', 'passed'],
    );
  });

  test('an info failure is recorded as info, outside the answers expected, and stays conformant', () => {
    const verdict = judge([failed(['@FRAME-6', '@info'])], { strict: true });
    assert.equal(verdict.conformant, true);
    assert.equal(verdict.scenarios[0].outcome, 'info');
    assert.match(verdict.scenarios[0].reason, /^outside the answers/);
    assert.equal(verdict.scenarios[0].reason, `outside the answers the suite expected: ${FRAME_4_REASON}`);
  });

  test('an info pass gives what the target did, from its observations', () => {
    const verdict = judge([passed(['@FRAME-6', '@info'], ['A: the target answered 100', 'then closed'])], { strict: false });
    assert.equal(verdict.scenarios[0].outcome, 'passed');
    assert.equal(verdict.scenarios[0].reason, 'A: the target answered 100; then closed');
  });

  test('a pass of another level has no reason, whatever its notes', () => {
    const verdict = judge([passed(['@FRAME-1', '@must'], ['A: the target answered 0'])], { strict: false });
    assert.equal(verdict.scenarios[0].outcome, 'passed');
    assert.equal(verdict.scenarios[0].reason, '');
  });

  test('a skipped scenario gives the reason of its skip', () => {
    const verdict = judge([skipped(['@CONC-1', '@must'], 'capability concurrency is off')], { strict: false });
    assert.equal(verdict.conformant, true);
    assert.equal(verdict.scenarios[0].outcome, 'skipped');
    assert.equal(verdict.scenarios[0].reason, 'capability concurrency is off');
  });

  test('a skipped scenario without a record (its hooks never ran) is just "skipped"', () => {
    assert.equal(judge([scenario({ tags: ['@CONC-1'], status: 'skipped', record: undefined })], { strict: false }).scenarios[0].reason, 'skipped');
  });

  test('a failure without a record (an undefined step, a crash of the suite) gives the first line of the message', () => {
    const verdict = judge(
      [scenario({ tags: ['@FRAME-1', '@must'], status: 'failed', message: '\n  Undefined. Implement with the following snippet:\n  ...', record: undefined })],
      { strict: false },
    );
    assert.equal(verdict.scenarios[0].reason, 'Undefined. Implement with the following snippet:');
    assert.equal(verdict.scenarios[0].transcript, null);
  });

  test("without a level tag, the level is the rule's own", () => {
    const verdict = judge([failed(['@FRAME-5'])], { strict: false });
    assert.equal(verdict.scenarios[0].level, 'should');
    assert.equal(verdict.scenarios[0].outcome, 'warning');
  });

  test("a level tag overrides the rule's level", () => {
    const verdict = judge([failed(['@FRAME-1', '@info'])], { strict: false });
    assert.equal(verdict.scenarios[0].level, 'info');
    assert.equal(verdict.scenarios[0].outcome, 'info');
  });

  test('a failing scenario with no known rule tag fails, and says so', () => {
    for (const tags of [[], ['@must'], ['@NOPE-99', '@must'], ['@frame-4']]) {
      const verdict = judge([failed(tags)], { strict: false });
      assert.equal(verdict.scenarios[0].outcome, 'failed', tags.join(' '));
      assert.equal(verdict.scenarios[0].rule, null);
      assert.equal(verdict.scenarios[0].reason, `scenario without a known rule tag: ${FRAME_4_REASON}`);
      assert.equal(verdict.conformant, false);
      assert.deepEqual(verdict.rules, []);
    }
  });

  test('a passing scenario with no known rule tag also counts as a failure (judge: "A scenario without a known rule is a defect of the suite, and counts as a failure")', () => {
    const verdict = judge([passed(['@NOPE-99', '@must'])], { strict: false });
    assert.equal(verdict.scenarios[0].outcome, 'failed');
    assert.equal(verdict.conformant, false);
  });
});

describe('judge: rules and counts', () => {
  test('rule rows follow the catalogue order, not the order of the results', () => {
    const results = [passed(['@CONC-1']), passed(['@FRAME-4']), failed(['@LIST-1']), passed(['@FRAME-1']), skipped(['@HELP-1'])];
    const ids = judge(results, { strict: false }).rules.map((r) => r.rule.id);
    const catalogue = RULES.map((r) => r.id).filter((id) => ids.includes(id));
    assert.deepEqual(ids, catalogue);
    assert.deepEqual(ids, ['FRAME-1', 'FRAME-4', 'LIST-1', 'CONC-1', 'HELP-1']);
  });

  test('a rule takes the worst outcome of its scenarios: failed > warning > info > passed > skipped', () => {
    const rule = (results: ScenarioResult[], strict = false) => {
      const { rules } = judge(results, { strict });
      assert.equal(rules.length, 1);
      return rules[0];
    };
    // failed beats everything, whatever the order
    const failedRule = rule([
      skipped(['@FRAME-1']),
      passed(['@FRAME-1']),
      failed(['@FRAME-1']),
      failed(['@FRAME-1', '@should']),
      failed(['@FRAME-1', '@info']),
    ]);
    assert.equal(failedRule.outcome, 'failed');
    assert.equal(failedRule.reason, FRAME_4_REASON);
    assert.equal(failedRule.scenarios.length, 5);
    // warning beats info, passed and skipped
    assert.equal(rule([skipped(['@FRAME-5']), failed(['@FRAME-5', '@info']), passed(['@FRAME-5']), failed(['@FRAME-5'])]).outcome, 'warning');
    // info beats passed and skipped
    const info = rule([passed(['@FRAME-6'], ['answered 100']), failed(['@FRAME-6']), skipped(['@FRAME-6'])]);
    assert.equal(info.outcome, 'info');
    assert.match(info.reason, /^outside the answers/);
    // passed beats skipped
    const pass = rule([skipped(['@FRAME-6'], 'off'), passed(['@FRAME-6'], ['answered 101'])]);
    assert.equal(pass.outcome, 'passed');
    assert.equal(pass.reason, 'answered 101');
    // only skipped
    const skip = rule([skipped(['@FRAME-6'], 'off')]);
    assert.equal(skip.outcome, 'skipped');
    assert.equal(skip.reason, 'off');
  });

  test("the worst scenario's reason is the rule's reason (the first of equals)", () => {
    const first = failed(['@LIST-1'], { step: 'x', expected: '0 OK', received: '202' });
    const second = failed(['@LIST-1'], { step: 'x', received: 'the server closed the connection' });
    assert.equal(judge([first, second], { strict: false }).rules[0].reason, '202 (expected 0 OK)');
    assert.equal(judge([second, first], { strict: false }).rules[0].reason, 'the server closed the connection');
  });

  test('rules with no scenario have no row', () => {
    assert.deepEqual(judge([], { strict: false }).rules, []);
    assert.equal(judge([passed(['@FRAME-1'])], { strict: false }).rules.length, 1);
  });

  test('counts each scenario once, by outcome, with every outcome present', () => {
    const verdict = judge(
      [
        failed(['@FRAME-4']),
        failed(['@FRAME-5']),
        failed(['@FRAME-5']),
        failed(['@FRAME-6']),
        passed(['@FRAME-1']),
        passed(['@FRAME-2']),
        passed(['@FRAME-3']),
        skipped(['@CONC-1']),
      ],
      { strict: false },
    );
    assert.deepEqual(verdict.counts, { failed: 1, warning: 2, info: 1, 'not judged': 0, passed: 3, skipped: 1 });
    assert.equal(verdict.scenarios.length, 8);
    assert.deepEqual(judge([], { strict: false }).counts, { failed: 0, warning: 0, info: 0, 'not judged': 0, passed: 0, skipped: 0 });
    assert.equal(judge([], { strict: false }).conformant, true);
  });

  test('scenarios keep the order of the results, each with its result', () => {
    const results = [passed(['@LIST-1']), failed(['@FRAME-1'])];
    const verdict = judge(results, { strict: false });
    assert.equal(verdict.scenarios[0].result, results[0]);
    assert.equal(verdict.scenarios[1].result, results[1]);
  });
});

describe('judge: a run that stopped judging, and findings against other rules', () => {
  const stopped = 'the server stopped serving after "x" (CONC-3), and the suite did not start it, so it cannot restart it';

  test('a scenario skipped with a "not judged" note is not judged: neither passed nor failed', () => {
    const verdict = judge([passed(['@FRAME-1', '@must']), skipped(['@FRAME-2', '@must'], stopped, true)], { strict: false });
    assert.equal(verdict.scenarios[1].outcome, 'not judged');
    assert.equal(verdict.scenarios[1].reason, stopped);
    assert.equal(verdict.rules.find((r) => r.rule.id === 'FRAME-2')?.outcome, 'not judged');
    assert.equal(verdict.counts['not judged'], 1);
    assert.equal(verdict.counts.failed, 0);
    assert.equal(verdict.notJudged, stopped);
    assert.equal(verdict.conformant, true, 'nothing failed: the scenario that stopped the server is what fails a run');
  });

  test('a rule with a passed and a not-judged scenario is not judged; a failed one stays failed', () => {
    const verdict = judge(
      [
        passed(['@STATUS-3', '@must']),
        skipped(['@STATUS-3', '@must'], stopped, true),
        failed(['@FRAME-4', '@must']),
        skipped(['@FRAME-4', '@must'], stopped, true),
      ],
      { strict: false },
    );
    assert.equal(verdict.rules.find((r) => r.rule.id === 'STATUS-3')?.outcome, 'not judged');
    assert.equal(verdict.rules.find((r) => r.rule.id === 'FRAME-4')?.outcome, 'failed');
  });

  test('a skip for a capability that is off stays a skip', () => {
    const verdict = judge([skipped(['@HELP-1', '@ext'], 'capability "hftp-2026" is off in this run')], { strict: false });
    assert.equal(verdict.scenarios[0].outcome, 'skipped');
    assert.equal(verdict.notJudged, null);
  });

  test('a finding fails its rule even when none of its own scenarios failed, in catalogue order', () => {
    const reason = 'the server stopped serving after "A reset" (CONC-3), whose clients left without quit';
    const withFinding = failed(['@CONC-3', '@must'], undefined, { findings: [{ rule: 'ROBUST-1', reason }] });
    const verdict = judge([passed(['@FRAME-1', '@must']), withFinding, passed(['@ROBUST-2', '@should'])], { strict: false });
    const ids = verdict.rules.map((r) => r.rule.id);
    assert.deepEqual(ids, ['FRAME-1', 'CONC-3', 'ROBUST-1', 'ROBUST-2']);
    const robust1 = verdict.rules.find((r) => r.rule.id === 'ROBUST-1');
    assert.equal(robust1?.outcome, 'failed');
    assert.equal(robust1?.reason, reason);
    assert.equal(verdict.conformant, false);
  });

  test('a finding against a passed rule turns it failed', () => {
    const finding = { rule: 'ROBUST-1', reason: 'stopped serving' };
    const verdict = judge([passed(['@ROBUST-1', '@must']), failed(['@CONC-3', '@must'], undefined, { findings: [finding] })], { strict: false });
    assert.equal(verdict.rules.find((r) => r.rule.id === 'ROBUST-1')?.outcome, 'failed');
  });

  test('a finding counts as a failure of its own scenario would: by the level of its rule, and strict', () => {
    const results = [
      failed(['@CONC-3', '@must'], undefined, {
        findings: [
          { rule: 'FRAME-5', reason: 'x' },
          { rule: 'FRAME-6', reason: 'y' },
        ],
      }),
    ];
    const outcomes = (strict: boolean) => Object.fromEntries(judge(results, { strict }).rules.map((r) => [r.rule.id, r.outcome]));
    assert.deepEqual(outcomes(false), { 'CONC-3': 'failed', 'FRAME-5': 'warning', 'FRAME-6': 'info' });
    assert.deepEqual(outcomes(true), { 'CONC-3': 'failed', 'FRAME-5': 'failed', 'FRAME-6': 'info' });
  });
});

describe('describeFailure', () => {
  test('received, then what was expected', () => {
    assert.equal(describeFailure({ step: 'x', expected: 'status 100', received: 'status 200' }), 'status 200 (expected status 100)');
  });
  test('only received, only expected, or an error of the suite', () => {
    assert.equal(describeFailure({ step: 'x', received: 'no answer within 3000 ms' }), 'no answer within 3000 ms');
    assert.equal(describeFailure({ step: 'x', expected: 'status 0' }), 'status 0');
    assert.equal(describeFailure({ step: 'x', expected: 'status 0', error: 'TypeError: x is not a function' }), 'TypeError: x is not a function');
    assert.equal(describeFailure({ step: 'x' }), 'failed');
  });
});

describe('the transcript of a scenario verdict', () => {
  test("is the record's, as text", () => {
    const entries = [{ atMs: 0.5, client: 'A', direction: 'sent' as const, length: 6, head: 'quit\\r\\n', omitted: 0, tail: '' }];
    const verdict = judge([failed(['@QUIT-1'], undefined, { transcript: { entries, elided: 0 } })], { strict: false });
    assert.equal(verdict.scenarios[0].transcript, '     +0.5 ms  A  >  "quit\\r\\n"');
    assert.equal(record().transcript.entries.length, 0);
  });
});
