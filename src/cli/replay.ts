import { formatTranscript } from '../client/transcript';
import type { Verdict } from '../conformance/verdict';
import { messages, type Lang } from '../i18n';
import { localizeDetail } from '../i18n/details';
import type { Io } from './run';

/**
 * `hftp-conformance replay RULE-ID|"scenario name"`: one rule's scenarios (or one scenario)
 * run again; for each, its outcome, its full wire transcript (passed ones too), and for a
 * failure the hint and the reproducer, so that the edit-run loop needs nothing else.
 */
export function printReplay(verdict: Verdict, lang: Lang, io: Pick<Io, 'stdout'>): void {
  const m = messages(lang);
  for (const scenario of verdict.scenarios) {
    const record = scenario.result.record;
    const outcome = `${scenario.rule?.id ?? '?'} ${scenario.outcome}${scenario.reason ? `: ${localizeDetail(scenario.reason, lang)}` : ''}`;
    const lines = [``, m['replay.title'](scenario.result.name, outcome)];
    if (record) {
      lines.push(`  ${m['replay.transcript']}`, localizeDetail(formatTranscript(record.transcript, '  '), lang));
      if (record.failure?.hint) lines.push(`  ${m['failure.hint']}${record.failure.hint}`);
      if (record.failure?.reproducer) lines.push(`  ${m['failure.reproducer']}`, record.failure.reproducer.python.replace(/^/gm, '    '));
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
}
