import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { junitXml } from './junit';
import { FRAME_4_FAILURE, record } from '../testing/scenario-results';
import type { ScenarioResult } from '../conformance/results';
import type { ScenarioRecord } from '../conformance/scenario-record';
import { judge } from '../conformance/verdict';

const SCHEMA = path.resolve(__dirname, '..', '..', 'test', 'junit.xsd');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hftp-junit-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const FRAME_4_MESSAGE = 'FRAME-4 (must): a LF not preceded by CR gets 100, then the connection closes\n  ...';

/** A transcript of one event line, whose note is `text` (raw: to test what escaping does to it). */
const transcriptOf = (text: string) => ({
  entries: [{ atMs: 0.1, client: 'A', direction: 'event' as const, length: 0, head: '', omitted: 0, tail: '', note: text }],
  elided: 0,
});

function scenario(over: Partial<ScenarioResult> & Pick<ScenarioResult, 'name' | 'tags' | 'status'>, data: Partial<ScenarioRecord> = {}): ScenarioResult {
  return { uri: 'features/framing.feature', notes: [], durationMs: 0, ...over, record: record(data) };
}

/** One of each outcome, over two feature files. */
const RESULTS: ScenarioResult[] = [
  scenario(
    { name: "The course's bad end of line", tags: ['@FRAME-4', '@must'], status: 'failed', message: FRAME_4_MESSAGE, durationMs: 4 },
    {
      failure: FRAME_4_FAILURE,
      transcript: { entries: [{ atMs: 0.1, client: 'A', direction: 'sent', length: 5, head: 'quit\\n', omitted: 0, tail: '' }], elided: 0 },
    },
  ),
  scenario(
    { name: 'quit without CR LF', tags: ['@FRAME-5', '@should'], status: 'failed', durationMs: 2000 },
    { failure: { step: 'x', received: 'no answer within 2000 ms' } },
  ),
  scenario({ name: 'a lone CR', tags: ['@FRAME-6', '@info'], status: 'passed', durationMs: 6 }, { observations: ['A: the target answered 100 then closed'] }),
  scenario({ name: 'an empty line', tags: ['@FRAME-7', '@info'], status: 'failed', durationMs: 1 }, { failure: { step: 'x', expected: '200', received: '0' } }),
  scenario({ name: 'a listing', uri: 'features/commands/listing.feature', tags: ['@LIST-1', '@must'], status: 'passed', durationMs: 12 }),
  scenario(
    { name: 'two clients', uri: 'features/commands/listing.feature', tags: ['@CONC-1', '@must'], status: 'skipped' },
    { skip: { reason: 'capability concurrency is off', notJudged: false } },
  ),
];

const haveXmllint = !spawnSync('xmllint', ['--version']).error;
/** For the schema checks, which need xmllint: skipped (and reported so) where it is not installed. */
const needsXmllint = { skip: !haveXmllint && 'xmllint is not installed' };

/** The report validates against test/junit.xsd. */
function assertValid(xml: string): void {
  const file = path.join(scratch, `report-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  assert.ifError(run.error);
  assert.equal(run.status, 0, run.stderr);
}

/** The <testcase> element (self-closed or not) whose name starts with `name`. */
function testcaseXml(xml: string, name: string): string {
  const elements = xml.match(/<testcase [^>]*\/>|<testcase [^>]*[^/]>[\s\S]*?<\/testcase>/g) ?? [];
  const element = elements.find((e) => e.includes(` name="${name}`));
  assert.ok(element, `no testcase named ${name}`);
  return element;
}

test('one testsuite per feature file basename, with its counts; totals on testsuites', () => {
  const xml = junitXml(judge(RESULTS, { strict: false }), 'hftp-conformance course-2024');
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  assert.match(xml, /<testsuites name="hftp-conformance course-2024" tests="6" failures="1" errors="0" skipped="1" time="2\.023">/);
  assert.match(xml, /<testsuite name="framing" tests="4" failures="1" errors="0" skipped="0" time="2\.011">/);
  assert.match(xml, /<testsuite name="listing" tests="2" failures="0" errors="0" skipped="1" time="0\.012">/);
  assert.equal(xml.match(/<testsuite /g)?.length, 2);
  assert.equal(xml.match(/<testcase /g)?.length, 6);
  assert.ok(xml.endsWith('</testsuites>\n'));
});

test('testcases are named with their rule ID, classed by feature, timed in seconds', () => {
  const xml = junitXml(judge(RESULTS, { strict: false }), 't');
  assert.match(xml, /<testcase classname="hftp\.framing" name="FRAME-4: The course's bad end of line" time="0\.004">/);
  assert.match(xml, /<testcase classname="hftp\.listing" name="LIST-1: a listing" time="0\.012"\/>/);
  assert.match(xml, /<testcase classname="hftp\.listing" name="CONC-1: two clients" time="0\.000">/);
});

test('a failure carries its level as type, the reason as message, and the whole message as text', () => {
  const xml = junitXml(judge(RESULTS, { strict: false }), 't');
  const frame4 = testcaseXml(xml, 'FRAME-4');
  assert.match(frame4, /<failure type="must" message="status 200 \(&quot;200 NO SUCH COMMAND\\r\\n&quot;\) \(expected status 100\)">FRAME-4 \(must\): a LF/);
  assert.ok(frame4.includes(`${FRAME_4_MESSAGE}</failure>`));
  assert.match(frame4, /<system-out>wire transcript:\n +\+0\.1 ms {2}A {2}&gt; {2}"quit\\n"<\/system-out>/);
});

test('a should failure is a warning in system-out when not strict, a failure of type should when strict', () => {
  const lenient = testcaseXml(junitXml(judge(RESULTS, { strict: false }), 't'), 'FRAME-5');
  assert.doesNotMatch(lenient, /<failure/);
  assert.match(lenient, /<system-out>WARNING \(should, not strict\): no answer within 2000 ms<\/system-out>/);
  const strictXml = junitXml(judge(RESULTS, { strict: true }), 't');
  assert.match(testcaseXml(strictXml, 'FRAME-5'), /<failure type="should" message="no answer within 2000 ms">/);
  assert.match(strictXml, /<testsuites name="t" tests="6" failures="2" /);
});

test('info scenarios pass, with what was seen in system-out', () => {
  const xml = junitXml(judge(RESULTS, { strict: false }), 't');
  const seen = testcaseXml(xml, 'FRAME-6');
  assert.doesNotMatch(seen, /<failure|<skipped/);
  assert.match(seen, /<system-out>INFO: A: the target answered 100 then closed<\/system-out>/);
  const outside = testcaseXml(xml, 'FRAME-7');
  assert.doesNotMatch(outside, /<failure|<skipped/);
  assert.match(outside, /<system-out>INFO: outside the answers the suite expected: 0 \(expected 200\)<\/system-out>/);
});

test('a skipped scenario has a skipped element with its reason', () => {
  const xml = junitXml(judge(RESULTS, { strict: false }), 't');
  assert.match(testcaseXml(xml, 'CONC-1'), /<skipped message="capability concurrency is off"\/>/);
});

test('a scenario without a rule is NO-RULE, its failure of type unknown', () => {
  const xml = junitXml(judge([scenario({ name: 'stray', tags: [], status: 'failed', message: 'boom' })], { strict: false }), 't');
  assert.match(xml, /<testcase classname="hftp\.framing" name="NO-RULE: stray" time="0\.000">/);
  assert.match(xml, /<failure type="unknown" message="scenario without a known rule tag: boom">boom<\/failure>/);
});

test('a failure without a message shows its reason as text', () => {
  const xml = junitXml(judge([scenario({ name: 's', tags: ['@LIST-1'], status: 'failed' })], { strict: false }), 't');
  assert.match(xml, /<failure type="must" message="failed">failed<\/failure>/);
});

test('no scenarios: an empty testsuites element', () => {
  assert.equal(
    junitXml(judge([], { strict: false }), 'empty'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="empty" tests="0" failures="0" errors="0" skipped="0" time="0.000">\n</testsuites>\n',
  );
});

test('& < > " are escaped in names, attributes and text', async (t) => {
  const results = [
    scenario(
      {
        name: 'a <b> & "c"',
        uri: 'features/a&b.feature',
        tags: ['@LIST-1'],
        status: 'failed',
        message: 'LIST-1: x\n  expected: <0 OK> & "more"\n  received: 202 <x>',
      },
      { failure: { step: 'x', expected: '<0 OK> & "more"', received: '202 <x>' }, transcript: transcriptOf('A > "<&>"') },
    ),
  ];
  const xml = junitXml(judge(results, { strict: false }), 'title "<&>"');
  assert.match(xml, /<testsuites name="title &quot;&lt;&amp;&gt;&quot;"/);
  assert.match(xml, /<testsuite name="a&amp;b"/);
  assert.match(xml, /classname="hftp\.a&amp;b" name="LIST-1: a &lt;b&gt; &amp; &quot;c&quot;"/);
  assert.match(xml, /message="202 &lt;x&gt; \(expected &lt;0 OK&gt; &amp; &quot;more&quot;\)"/);
  assert.ok(xml.includes('  expected: &lt;0 OK&gt; &amp; "more"\n'));
  assert.ok(xml.includes('A &gt; "&lt;&amp;&gt;"'));
  // Every & starts an entity.
  assert.doesNotMatch(xml, /&(?!amp;|lt;|gt;|quot;|#10;)/);
  await t.test('validates against test/junit.xsd', needsXmllint, () => assertValid(xml));
});

test('a newline in an attribute is kept as &#10;', () => {
  const xml = junitXml(judge([scenario({ name: 'two\nlines', tags: ['@LIST-1'], status: 'passed' })], { strict: false }), 't');
  assert.match(xml, /name="LIST-1: two&#10;lines"/);
});

test('control characters never appear raw: they become \\xHH text', async (t) => {
  const results = [
    scenario(
      {
        name: 'nul\u0000 and esc\u001b',
        tags: ['@FRAME-4', '@must'],
        status: 'failed',
        message: 'FRAME-4 (must): x\n  expected: status 100\n  received: \u0000\u0001\u001b[31m\u007f',
      },
      {
        failure: { step: 'x', expected: 'status 100', received: '\u0000\u0001\u001b[31m\u007f' },
        transcript: transcriptOf('A < "\u0000\u0008\u000b\u000c\u000e\u001f\ufffe\uffff"\ttab\r\nok'),
      },
    ),
    scenario({ name: 'info', tags: ['@FRAME-6', '@info'], status: 'passed' }, { observations: ['saw \u0007 bell'] }),
    scenario({ name: 'skip', tags: ['@CONC-1'], status: 'skipped' }, { skip: { reason: '\u001b off', notJudged: false } }),
  ];
  const xml = junitXml(judge(results, { strict: false }), 'title\u0000');
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  assert.match(xml, /name="FRAME-4: nul\\x00 and esc\\x1b"/);
  assert.match(xml, /message="\\x00\\x01\\x1b\[31m\u007f \(expected status 100\)"/);
  assert.ok(xml.includes('A &lt; "\\x00\\x08\\x0b\\x0c\\x0e\\x1f\\xfffe\\xffff"\ttab'));
  assert.match(xml, /INFO: saw \\x07 bell/);
  assert.match(xml, /<skipped message="\\x1b off"\/>/);
  assert.match(xml, /<testsuites name="title\\x00"/);
  await t.test('validates against test/junit.xsd', needsXmllint, () => assertValid(xml));
});

test('a report with every outcome validates against test/junit.xsd', needsXmllint, () => {
  for (const strict of [false, true]) assertValid(junitXml(judge(RESULTS, { strict }), 'hftp-conformance course-2024'));
});
