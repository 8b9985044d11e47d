import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PROFILES } from '../conformance/profiles';
import type { ScenarioResult } from '../conformance/results';
import { FRAME_4_FAILURE, record, scenario as base } from '../testing/scenario-results';
import { ruleById } from '../conformance/rules';
import { judge, type Verdict } from '../conformance/verdict';
import { formatSummary, verdictLine } from './summary';

/** A scenario result; a failure reads `error: X` as an error of the suite saying X. */
function scenario(
  tags: string[],
  status: ScenarioResult['status'],
  over: { message?: string; skip?: string; notJudged?: boolean; observations?: string[]; name?: string } = {},
): ScenarioResult {
  const error = over.message?.startsWith('error: ') ? over.message.slice('error: '.length) : undefined;
  const failure = status === 'failed' ? (error !== undefined ? { step: 'x', error } : FRAME_4_FAILURE) : null;
  const skip = status === 'skipped' ? { reason: over.skip ?? 'skipped', notJudged: over.notJudged ?? false } : null;
  return base({
    tags,
    status,
    name: over.name ?? tags.join(' '),
    uri: 'features/x.feature',
    record: record({ failure, skip, observations: over.observations ?? [] }),
  });
}

const course2024 = PROFILES['course-2024'];

/** One rule of each outcome, given out of catalogue order. */
function mixed(strict = false): Verdict {
  return judge(
    [
      scenario(['@CONC-1', '@must'], 'skipped', { skip: 'capability concurrency is off' }),
      scenario(['@LIST-1', '@must'], 'passed'),
      scenario(['@FRAME-6', '@info'], 'passed', { observations: ['A: the target answered 100 then close'] }),
      base({ tags: ['@FRAME-5', '@should'], status: 'failed', record: record({ failure: { step: 'x', received: 'no answer within 2000 ms' } }) }),
      scenario(['@FRAME-4', '@must'], 'failed'),
      base({ tags: ['@FRAME-7', '@info'], status: 'failed', record: record({ failure: { step: 'x', expected: '200', received: '0' } }) }),
    ],
    { strict },
  );
}

describe('formatSummary', () => {
  test('a header row, one row per rule in catalogue order, a blank line, then the verdict line', () => {
    const lines = formatSummary(mixed(), course2024).split('\n');
    assert.deepEqual(lines, [
      'RULE     LEVEL   RESULT  WHY',
      'FRAME-4  must    FAIL    status 200 ("200 NO SUCH COMMAND\\r\\n") (expected status 100)',
      'FRAME-5  should  warn    no answer within 2000 ms',
      'FRAME-6  info    pass    A: the target answered 100 then close',
      'FRAME-7  info    info    outside the answers the suite expected: 0 (expected 200)',
      `LIST-1   must    pass    ${ruleById('LIST-1')!.summary}`,
      'CONC-1   must    skip    capability concurrency is off',
      '',
      'NOT CONFORMANT to course-2024: 1 rule failed (FRAME-4); 2 passed, 1 failed, 1 warning, 1 info, 1 skipped.',
    ]);
  });

  test('a run that stopped judging: "not judged" rows, one sentence saying why, counted apart', () => {
    const why = 'the server stopped serving after "x" (ROBUST-1), and the suite did not start it, so it cannot restart it';
    const verdict = judge([scenario(['@ROBUST-1', '@must'], 'failed'), scenario(['@ROBUST-2', '@should'], 'skipped', { skip: why, notJudged: true })], {
      strict: false,
    });
    const lines = formatSummary(verdict, course2024, 400).split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'RULE      LEVEL   RESULT      WHY',
      'ROBUST-1  must    FAIL        status 200 ("200 NO SUCH COMMAND\\r\\n") (expected status 100)',
      `ROBUST-2  should  not judged  ${why}`,
    ]);
    assert.equal(lines[4], `The run stopped judging: ${why}.`);
    assert.equal(lines.at(-1), 'NOT CONFORMANT to course-2024: 1 rule failed (ROBUST-1); 0 passed, 1 failed, 1 not judged.');
  });

  test('the columns are as wide as their longest cell (or header)', () => {
    const verdict = judge([scenario(['@CMD-1'], 'passed')], { strict: false });
    const [header, row] = formatSummary(verdict, course2024).split('\n');
    assert.equal(header, 'RULE   LEVEL  RESULT  WHY');
    assert.equal(row, 'CMD-1  must   pass    an unknown command gets 200');
  });

  test('a long reason is cut to the width, ending in "..."', () => {
    const long = 'x'.repeat(200);
    const verdict = judge([scenario(['@FRAME-4'], 'failed', { message: `error: ${long}` }), scenario(['@LIST-1'], 'failed', { message: 'error: short' })], {
      strict: false,
    });
    for (const width of [60, 80, 120]) {
      const lines = formatSummary(verdict, course2024, width).split('\n');
      const cut = lines.find((l) => l.startsWith('FRAME-4'))!;
      assert.equal(cut.length, width, `width ${width}`);
      assert.ok(cut.endsWith('xxx...'));
      assert.equal(
        lines.find((l) => l.startsWith('LIST-1')),
        'LIST-1   must   FAIL    short',
      );
    }
  });

  test('the default width is 120', () => {
    const verdict = judge([scenario(['@FRAME-4'], 'failed', { message: `error: ${'y'.repeat(300)}` })], { strict: false });
    assert.equal(formatSummary(verdict, course2024).split('\n')[1].length, 120);
  });

  test('a reason that just fits is not cut', () => {
    // head "FRAME-4  must   FAIL  " is 7 + 2 + 5 + 2 + 6 = 22 wide, so 80 leaves 56 for the reason.
    const fits = 'z'.repeat(56);
    const verdict = judge([scenario(['@FRAME-4'], 'failed', { message: `error: ${fits}` })], { strict: false });
    const row = formatSummary(verdict, course2024, 80).split('\n')[1];
    assert.equal(row, `FRAME-4  must   FAIL    ${fits}`);
    const over = judge([scenario(['@FRAME-4'], 'failed', { message: `error: ${fits}z` })], { strict: false });
    assert.equal(formatSummary(over, course2024, 80).split('\n')[1], `FRAME-4  must   FAIL    ${'z'.repeat(53)}...`);
  });

  test('however narrow the width, at least 20 characters of reason are shown', () => {
    const verdict = judge([scenario(['@FRAME-4'], 'failed', { message: `error: ${'w'.repeat(100)}` })], { strict: false });
    const row = formatSummary(verdict, course2024, 10).split('\n')[1];
    assert.equal(row, `FRAME-4  must   FAIL    ${'w'.repeat(17)}...`);
  });

  test('each label: FAIL, warn, info, pass, skip', () => {
    const labels = formatSummary(mixed(), course2024)
      .split('\n')
      .slice(1, 7)
      .map((line) => line.split(/ +/)[2]);
    assert.deepEqual(labels, ['FAIL', 'warn', 'pass', 'info', 'pass', 'skip']);
  });

  test('no rows: only the header and the verdict line', () => {
    assert.equal(formatSummary(judge([], { strict: false }), course2024), 'RULE  LEVEL  RESULT  WHY\n\nCONFORMANT to course-2024: 0 passed, 0 failed.');
  });
});

describe('verdictLine', () => {
  test('conformant: the profile and the tally', () => {
    const verdict = judge([scenario(['@FRAME-1'], 'passed'), scenario(['@FRAME-2'], 'passed')], { strict: false });
    assert.equal(verdictLine(verdict, course2024), 'CONFORMANT to course-2024: 2 passed, 0 failed.');
  });

  test('conformant with warnings, info and skips, each counted only when there are any', () => {
    const one = judge([scenario(['@FRAME-5'], 'failed'), scenario(['@FRAME-6'], 'failed'), scenario(['@CONC-1'], 'skipped')], { strict: false });
    assert.equal(verdictLine(one, PROFILES['course-2021']), 'CONFORMANT to course-2021: 0 passed, 0 failed, 1 warning, 1 info, 1 skipped.');
    const two = judge(
      [
        scenario(['@FRAME-5'], 'failed'),
        scenario(['@QUIT-3'], 'failed'),
        scenario(['@FRAME-6'], 'failed'),
        scenario(['@FRAME-7'], 'failed'),
        scenario(['@LIST-1'], 'passed'),
      ],
      { strict: false },
    );
    assert.equal(verdictLine(two, course2024), 'CONFORMANT to course-2024: 1 passed, 0 failed, 2 warnings, 2 info.');
    const skips = judge([scenario(['@CONC-1'], 'skipped'), scenario(['@CONC-2'], 'skipped')], { strict: false });
    assert.equal(verdictLine(skips, course2024), 'CONFORMANT to course-2024: 0 passed, 0 failed, 2 skipped.');
  });

  test('not conformant: one rule, singular', () => {
    const verdict = judge([scenario(['@FRAME-4'], 'failed'), scenario(['@FRAME-4'], 'failed'), scenario(['@LIST-1'], 'passed')], { strict: false });
    assert.equal(verdictLine(verdict, course2024), 'NOT CONFORMANT to course-2024: 1 rule failed (FRAME-4); 1 passed, 2 failed.');
  });

  test('not conformant: several rules, plural, in catalogue order, with the rest of the tally', () => {
    const verdict = judge(
      [
        scenario(['@SLICE-2'], 'failed'),
        scenario(['@STATUS-2'], 'failed'),
        scenario(['@LIST-1'], 'failed'),
        scenario(['@FRAME-5'], 'failed'),
        scenario(['@CONC-1'], 'skipped'),
      ],
      { strict: false },
    );
    assert.equal(
      verdictLine(verdict, course2024),
      'NOT CONFORMANT to course-2024: 3 rules failed (STATUS-2, LIST-1, SLICE-2); 0 passed, 3 failed, 1 warning, 1 skipped.',
    );
  });

  test('strict: a should failure fails its rule', () => {
    assert.equal(
      verdictLine(mixed(true), PROFILES.reference),
      'NOT CONFORMANT to reference: 2 rules failed (FRAME-4, FRAME-5); 2 passed, 2 failed, 1 info, 1 skipped.',
    );
  });

  test('a failure without a known rule is named, not "0 rules failed ()"', () => {
    const verdict = judge([scenario(['@NOPE-1'], 'failed', { name: 'stray' })], { strict: false });
    const line = verdictLine(verdict, course2024);
    assert.match(line, /^NOT CONFORMANT/);
    assert.doesNotMatch(line, /0 rules failed|\(\)/);
  });
});

describe('formatSummary in Spanish', () => {
  test('header, labels and verdict in Spanish; accented letters take one column, so the columns line up', () => {
    const verdict = judge(
      [
        scenario(['@FRAME-4', '@must'], 'failed'),
        scenario(['@CMD-1', '@must'], 'passed'),
        scenario(['@CONC-1', '@must'], 'skipped', { skip: 'capability "concurrency" is off in this run' }),
      ],
      { strict: false },
    );
    const lines = formatSummary(verdict, course2024, 120, 'es').split('\n');
    assert.match(lines[0], /^REGLA {4}NIVEL {2}RESULTADO {2}POR QUÉ$/);
    const whyAt = lines[0].indexOf('POR QUÉ');
    for (const line of lines.slice(1, 4)) {
      const chars = [...line];
      assert.equal(chars.slice(whyAt - 2, whyAt).join(''), '  ', line);
      assert.notEqual(chars[whyAt], ' ', line);
    }
    assert.match(lines.join('\n'), /FALLA/);
    assert.match(lines.join('\n'), /pasa {7}un comando desconocido recibe 200/);
    assert.match(lines[lines.length - 1], /^NO CONFORME a course-2024: 1 regla falló \(FRAME-4\); 1 pasó, 1 falló, 1 omitido\.$/);
  });
});
