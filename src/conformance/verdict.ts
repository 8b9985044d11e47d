import { NOT_JUDGED_NOTE, type ScenarioResult } from './results';
import { RULES, ruleOfTags, type Level, type Rule } from './rules';

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
    for (const finding of scenario.result.findings ?? []) {
      const rule = RULES.find((r) => r.id === finding.rule);
      if (!rule) continue;
      const outcome: Outcome = rule.level === 'should' && !strict ? 'warning' : rule.level === 'info' ? 'info' : 'failed';
      let verdict = rules.find((r) => r.rule.id === rule.id);
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
  const { rule, levelTag } = ruleOfTags(result.tags);
  const level = levelTag ?? rule?.level ?? null;
  const verdict = (outcome: Outcome, reason: string): ScenarioVerdict => ({ rule, level, result, outcome, reason });

  // A scenario that names no known rule is a defect of the suite: it fails, whatever it did.
  if (!rule || !level) {
    return verdict('failed', `scenario without a known rule tag: ${result.status === 'failed' ? failureReason(result.message) : result.status}`);
  }
  const notJudged = result.notes.find((note) => note.startsWith(NOT_JUDGED_NOTE));
  if (result.status === 'skipped' && notJudged) return verdict('not judged', notJudged.slice(NOT_JUDGED_NOTE.length));
  if (result.status === 'skipped') return verdict('skipped', skipReason(result));
  if (result.status === 'passed') return verdict('passed', level === 'info' ? observed(result) : '');
  const why = failureReason(result.message);
  if (level === 'info') return verdict('info', `outside the answers the suite expected: ${why}`);
  if (level === 'should' && !strict) return verdict('warning', why);
  return verdict('failed', why);
}

/** What an info scenario saw the target do (its steps log it). */
function observed(result: ScenarioResult): string {
  return result.notes.filter((note) => !note.startsWith('skipped:') && !note.startsWith(NOT_JUDGED_NOTE)).join('; ');
}

function skipReason(result: ScenarioResult): string {
  const note = result.notes.find((n) => n.startsWith('skipped:'));
  return note ? note.replace(/^skipped:\s*/, '') : 'skipped';
}

/**
 * The line a student needs from a failure message: what came instead of what was expected.
 *
 *     FRAME-4 (must): ...
 *       expected: status 100
 *       received: status 200 ("200 NO SUCH COMMAND\r\n")
 *
 *   ->  status 200 ("200 NO SUCH COMMAND\r\n") (expected status 100)
 */
export function failureReason(message: string | undefined): string {
  if (!message) return 'failed';
  const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(.*)$`, 'm').exec(message)?.[1]?.trim();
  const expected = field('expected');
  const received = field('received') ?? field('error');
  if (expected && received) return `${received} (expected ${expected})`;
  if (received) return received;
  return message.split('\n').find((line) => line.trim())?.trim() ?? 'failed';
}
