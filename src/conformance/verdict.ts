import { formatTranscript } from '../client/transcript';
import type { ScenarioResult } from './results';
import { describeFailure } from './scenario-record';
import { enforcement, RULES, ruleById, ruleOfTags, type Level, type Rule } from './rules';

/**
 * From scenario results to a verdict, by the level of each scenario's rule:
 *
 *   must, ext  a failure fails the run
 *   should     a failure is a warning, unless strict
 *   info       never fails: the target's answer is recorded (outside the allowed set: noted)
 *   not judged the target stopped serving earlier and could not be restarted: neither
 *              passed nor failed
 *   skipped    a capability that is off, or a directory the suite cannot change
 */
export type Outcome = 'failed' | 'warning' | 'info' | 'not judged' | 'passed' | 'skipped';

/** Worst first: a rule takes the worst outcome of its scenarios. */
export const SEVERITY: readonly Outcome[] = ['failed', 'warning', 'info', 'not judged', 'passed', 'skipped'];

export interface ScenarioVerdict {
  rule: Rule | null;
  level: Level | null;
  result: ScenarioResult;
  outcome: Outcome;
  /** One line: why it failed, what the target did, or why it was skipped. */
  reason: string;
  /** The wire transcript, as text (null when the scenario left no record). */
  transcript: string | null;
}

export interface RuleVerdict {
  rule: Rule;
  outcome: Outcome;
  reason: string;
  scenarios: ScenarioVerdict[];
}

export interface Verdict {
  conformant: boolean;
  scenarios: ScenarioVerdict[];
  rules: RuleVerdict[];
  counts: Record<Outcome, number>;
  /** Why the run stopped judging, when it did. */
  notJudged: string | null;
}

export function judge(results: readonly ScenarioResult[], options: { strict: boolean }): Verdict {
  const scenarios = results.map((result) => judgeScenario(result, options.strict));
  const rules: RuleVerdict[] = [];
  for (const rule of RULES) {
    const own = scenarios.filter((s) => s.rule?.id === rule.id);
    if (!own.length) continue;
    const worst = own.reduce((a, b) => (SEVERITY.indexOf(b.outcome) < SEVERITY.indexOf(a.outcome) ? b : a));
    rules.push({ rule, outcome: worst.outcome, reason: worst.reason, scenarios: own });
  }
  applyFindings(scenarios, rules, options.strict);
  const counts = Object.fromEntries(SEVERITY.map((o) => [o, scenarios.filter((s) => s.outcome === o).length])) as Record<Outcome, number>;
  const failedRules = rules.some((r) => r.outcome === 'failed');
  const notJudged = scenarios.find((s) => s.outcome === 'not judged')?.reason ?? null;
  return { conformant: counts.failed === 0 && !failedRules, scenarios, rules, counts, notJudged };
}

/**
 * Evidence one scenario gave against another rule (the server stopped serving after clients
 * left without quit: ROBUST-1) fails that rule too, with the scenario named as the reason.
 */
function applyFindings(scenarios: ScenarioVerdict[], rules: RuleVerdict[], strict: boolean): void {
  for (const scenario of scenarios) {
    for (const finding of scenario.result.record?.findings ?? []) {
      const rule = ruleById(finding.rule);
      if (!rule) continue;
      const outcome = failedOutcome(rule.level, strict);
      const verdict = rules.find((r) => r.rule.id === rule.id);
      if (!verdict) {
        rules.push({ rule, outcome, reason: finding.reason, scenarios: [] });
        rules.sort((a, b) => RULES.indexOf(a.rule) - RULES.indexOf(b.rule));
      } else if (SEVERITY.indexOf(outcome) < SEVERITY.indexOf(verdict.outcome)) {
        verdict.outcome = outcome;
        verdict.reason = finding.reason;
      }
    }
  }
}

function judgeScenario(result: ScenarioResult, strict: boolean): ScenarioVerdict {
  const { rule, level } = ruleOfTags(result.tags);
  const record = result.record;
  const transcript = record?.transcript.entries.length ? formatTranscript(record.transcript, '') : null;
  const verdict = (outcome: Outcome, reason: string): ScenarioVerdict => ({ rule, level, result, outcome, reason, transcript });

  // A scenario that names no known rule is a defect of the suite: it fails, whatever it did.
  if (!rule || !level) {
    return verdict('failed', `scenario without a known rule tag: ${result.status === 'failed' ? failureOf(result) : result.status}`);
  }
  if (result.status === 'skipped') {
    const skip = record?.skip;
    return skip?.notJudged ? verdict('not judged', skip.reason) : verdict('skipped', skip?.reason ?? 'skipped');
  }
  if (result.status === 'passed') return verdict('passed', level === 'info' ? (record?.observations ?? []).join('; ') : '');
  const why = failureOf(result);
  const outcome = failedOutcome(level, strict);
  return verdict(outcome, outcome === 'info' ? `outside the answers the suite expected: ${why}` : why);
}

const FAILURE_OUTCOME = { required: 'failed', warn: 'warning', info: 'info' } as const satisfies Record<ReturnType<typeof enforcement>, Outcome>;

/** What a failure under a rule of this level counts as, by `enforcement` (as the document's profile columns say). */
function failedOutcome(level: Level, strict: boolean): Outcome {
  return FAILURE_OUTCOME[enforcement(level, strict)];
}

/**
 * One line for a failed scenario: what came instead of what was expected, from its record.
 * Without a record (the hooks never ran: an undefined step, a crash of the suite), the first
 * line of cucumber's message.
 */
function failureOf(result: ScenarioResult): string {
  const failure = result.record?.failure;
  if (failure) return describeFailure(failure);
  return (
    result.message
      ?.split('\n')
      .find((line) => line.trim())
      ?.trim() ?? 'failed'
  );
}
