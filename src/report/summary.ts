import type { Profile } from '../conformance/profiles';
import type { Outcome, Verdict } from '../conformance/verdict';
import { messages, type Lang } from '../i18n/index';
import { localizeDetail } from '../i18n/details';
import { ruleText } from '../conformance/rules-i18n';

const LABEL_KEY = {
  failed: 'summary.label.failed',
  warning: 'summary.label.warning',
  info: 'summary.label.info',
  'not judged': 'summary.label.notJudged',
  passed: 'summary.label.passed',
  skipped: 'summary.label.skipped',
} as const satisfies Record<Outcome, string>;

/** An outcome in a word (pass, FAIL, warn, info, skip, not judged), as the summary, the grade book and the matrix page write it. */
export function outcomeLabel(outcome: Outcome, lang: Lang = 'en'): string {
  return messages(lang)[LABEL_KEY[outcome]];
}

/**
 * The table a student reads after a run: one row per rule, its level, its result and why,
 * then the verdict line. In English or Spanish (`lang`); rule IDs and levels stay as the
 * feature files write them. Columns are padded by characters, so an accented letter is one
 * column, as a terminal shows it.
 *
 *   RULE      LEVEL   RESULT  WHY
 *   FRAME-4   must    FAIL    status 200 ("200 NO SUCH COMMAND\r\n") (expected status 100)
 *   FRAME-6   info    pass    A: the target answered 100 then close
 */
export function formatSummary(verdict: Verdict, profile: Profile, width = 120, lang: Lang = 'en'): string {
  const m = messages(lang);
  const rows = verdict.rules.map((r) => [
    r.rule.id,
    r.rule.level,
    outcomeLabel(r.outcome, lang),
    r.reason ? localizeDetail(r.reason, lang) : ruleText(r.rule, lang).summary,
  ]);
  const header = [...m['summary.header']];
  const widths = [0, 1, 2].map((i) => Math.max(columns(header[i]), ...rows.map((row) => columns(row[i]))));
  const line = (row: string[]) => {
    const head = row
      .slice(0, 3)
      .map((cell, i) => cell + ' '.repeat(widths[i] - columns(cell)))
      .join('  ');
    const room = Math.max(20, width - columns(head) - 2);
    const chars = [...row[3]];
    const why = chars.length > room ? `${chars.slice(0, room - 3).join('')}...` : row[3];
    return `${head}  ${why}`.trimEnd();
  };
  const stopped = verdict.notJudged ? [m['summary.stopped'](localizeDetail(verdict.notJudged, lang)), m['summary.stoppedAdvice'], ''] : [];
  return [line(header), ...rows.map(line), '', ...stopped, verdictLine(verdict, profile, lang)].join('\n');
}

/** Terminal columns of a text: one per character (code point), accented letters included. */
export function columns(text: string): number {
  return [...text.normalize('NFC')].length;
}

export function verdictLine(verdict: Verdict, profile: Profile, lang: Lang = 'en'): string {
  const m = messages(lang);
  const { counts } = verdict;
  const failedRules = verdict.rules.filter((r) => r.outcome === 'failed').map((r) => r.rule.id);
  const ruleless = verdict.scenarios.filter((s) => !s.rule).length;
  const what = [failedRules.length ? m['verdict.rulesFailed'](failedRules.length, failedRules.join(', ')) : '', ruleless ? m['verdict.ruleless'](ruleless) : '']
    .filter(Boolean)
    .join(m['verdict.and']);
  const tally = [
    m['tally.passed'](counts.passed),
    m['tally.failed'](counts.failed),
    counts.warning ? m['tally.warning'](counts.warning) : '',
    counts.info ? m['tally.info'](counts.info) : '',
    counts['not judged'] ? m['tally.notJudged'](counts['not judged']) : '',
    counts.skipped ? m['tally.skipped'](counts.skipped) : '',
  ]
    .filter(Boolean)
    .join(', ');
  return verdict.conformant ? m['verdict.conformant'](profile.name, tally) : m['verdict.notConformant'](profile.name, what, tally);
}
