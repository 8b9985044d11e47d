import type { Profile } from '../conformance/profiles';
import type { Outcome, Verdict } from '../conformance/verdict';

const LABEL: Record<Outcome, string> = { failed: 'FAIL', warning: 'warn', info: 'info', 'not judged': 'not judged', passed: 'pass', skipped: 'skip' };

/**
 * The table a student reads after a run: one row per rule, its level, its result and why,
 * then the verdict line.
 *
 *   RULE      LEVEL   RESULT  WHY
 *   FRAME-4   must    FAIL    status 200 ("200 NO SUCH COMMAND\r\n") (expected status 100)
 *   FRAME-6   info    pass    A: the target answered 100 then close
 */
export function formatSummary(verdict: Verdict, profile: Profile, width = 120): string {
  const rows = verdict.rules.map((r) => [r.rule.id, r.rule.level, LABEL[r.outcome], r.reason || r.rule.summary]);
  const header = ['RULE', 'LEVEL', 'RESULT', 'WHY'];
  const widths = [0, 1, 2].map((i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => {
    const head = row.slice(0, 3).map((cell, i) => cell.padEnd(widths[i])).join('  ');
    const room = Math.max(20, width - head.length - 2);
    const why = row[3].length > room ? `${row[3].slice(0, room - 3)}...` : row[3];
    return `${head}  ${why}`.trimEnd();
  };
  const stopped = verdict.notJudged ? [`The run stopped judging: ${verdict.notJudged}.`, 'Rules marked "not judged" were neither passed nor failed: fix what failed first, then run again.', ''] : [];
  return [line(header), ...rows.map(line), '', ...stopped, verdictLine(verdict, profile)].join('\n');
}

export function verdictLine(verdict: Verdict, profile: Profile): string {
  const { counts } = verdict;
  const failedRules = verdict.rules.filter((r) => r.outcome === 'failed').map((r) => r.rule.id);
  const ruleless = verdict.scenarios.filter((s) => !s.rule).length;
  const what = [
    failedRules.length ? `${failedRules.length} rule${failedRules.length === 1 ? '' : 's'} failed (${failedRules.join(', ')})` : '',
    ruleless ? `${ruleless} scenario${ruleless === 1 ? '' : 's'} without a known rule` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const tally = [
    `${counts.passed} passed`,
    `${counts.failed} failed`,
    counts.warning ? `${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : '',
    counts.info ? `${counts.info} info` : '',
    counts['not judged'] ? `${counts['not judged']} not judged` : '',
    counts.skipped ? `${counts.skipped} skipped` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return verdict.conformant
    ? `CONFORMANT to ${profile.name}: ${tally}.`
    : `NOT CONFORMANT to ${profile.name}: ${what}; ${tally}.`;
}
