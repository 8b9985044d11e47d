import type { TranscriptData } from '../client/transcript';

/**
 * What one scenario did, as data: the record the hooks attach to every scenario (as a
 * cucumber attachment of its own media type), and the only thing the reports read. The
 * failure message a student sees in the terminal is written from the same facts, but it is
 * for people: no report parses it.
 */

/** Media type of the record attached to every scenario. */
export const SCENARIO_RECORD_MEDIA_TYPE = 'application/x.hftp-scenario+json';

/** Why a scenario failed: a verdict on the target, or an error of the suite itself. */
export interface Failure {
  /** The step that failed, or "(after the scenario) ..." for the check that follows it. */
  step: string;
  /** Every outcome the rule allows, in words. */
  expected?: string;
  /** What came instead. */
  received?: string;
  /** An error of the suite itself (a bug): not a verdict on the target. */
  error?: string;
  /** Must rules: what is usually wrong in a student server that fails this rule, in the run's language. */
  hint?: string;
  /** A Python script (and for one request, a shell line) that shows the failure again against the target. */
  reproducer?: Reproducer;
}

/** A scenario's evidence against another rule than its own (ROBUST-1, after abrupt clients). */
export interface Finding {
  rule: string;
  reason: string;
}

export interface Skip {
  reason: string;
  /** The run could no longer judge (the target stopped serving): neither passed nor failed. */
  notJudged: boolean;
}

export interface ScenarioRecord {
  failure: Failure | null;
  skip: Skip | null;
  /** What the target did where the rule allows several answers, and other notes. */
  observations: string[];
  /** Where an info rule allows several answers: the one the target chose, per client ("A: 200"). */
  choices?: string[];
  findings: Finding[];
  transcript: TranscriptData;
}

/** One line for a table: what came instead of what was expected. */
export function describeFailure(failure: Failure): string {
  if (failure.error) return failure.error;
  if (failure.expected && failure.received) return `${failure.received.split('\n')[0]} (expected ${failure.expected})`;
  return failure.received ?? failure.expected ?? 'failed';
}

/**
 * A failure's reproducer (src/report/reproducer.ts writes it): a short Python 3 script that
 * replays the scenario's bytes against the student's server, and a one-line shell form.
 */
export interface Reproducer {
  /** The Python 3 script. */
  python: string;
  /** One shell line (printf | nc, and the same in python3 -c for machines without nc), when the scenario is one send. */
  shell?: string;
  /** Where the reproducer is not exact (elided transcript, bytes not recorded), in words. */
  caveats: string[];
}
