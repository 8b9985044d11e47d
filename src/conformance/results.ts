import type { Envelope, TestStepResultStatus } from '@cucumber/messages';

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
  /** The first failure message, if any. */
  message?: string;
  /** What the steps logged (`this.log`): observed behaviour, skip reasons. */
  notes: string[];
  /** The wire transcript the After hook attached. */
  transcript?: string;
  /** What this scenario showed about *other* rules (the After hook's findings). */
  findings?: Finding[];
  durationMs: number;
}

/** Media type of the transcript the hooks attach to every scenario. */
export const TRANSCRIPT_MEDIA_TYPE = 'text/x.hftp-transcript';

/**
 * A scenario's evidence against another rule than its own: the server stopped serving
 * after a scenario whose clients left without quit is also a ROBUST-1 failure.
 */
export interface Finding {
  rule: string;
  reason: string;
}
export const FINDING_MEDIA_TYPE = 'application/x.hftp-finding+json';

/** The note that marks a scenario the run could no longer judge (the target stopped serving). */
export const NOT_JUDGED_NOTE = 'not judged: ';

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
  type Run = { testCaseId: string; worst: TestStepResultStatus; message?: string; notes: string[]; findings: Finding[]; transcript?: string; startedAt: number };
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
      started.set(id, { testCaseId, worst: 'PASSED' as TestStepResultStatus, notes: [], findings: [], startedAt: millis(timestamp) });
    } else if (envelope.attachment) {
      const { testCaseStartedId, body, mediaType } = envelope.attachment;
      const run = started.get(testCaseStartedId ?? '');
      if (run && mediaType === TRANSCRIPT_MEDIA_TYPE) run.transcript = body;
      else if (run && mediaType === FINDING_MEDIA_TYPE) run.findings.push(JSON.parse(body) as Finding);
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
      const transcript = run.transcript ?? transcriptIn(run.message);
      results.push({ ...pickle, status, message: run.message, notes: run.notes, findings: run.findings, transcript, durationMs });
    }
  }
  return results;
}

/** A failing scenario's transcript is in its message, after "wire transcript:". */
function transcriptIn(message: string | undefined): string | undefined {
  const at = message?.indexOf('wire transcript:\n') ?? -1;
  if (at === -1 || !message) return undefined;
  return message
    .slice(at + 'wire transcript:\n'.length)
    .split('\n')
    .map((line) => line.replace(/^ {2}/, ''))
    .join('\n');
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
