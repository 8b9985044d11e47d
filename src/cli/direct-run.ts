import type { IConfiguration } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { configFromEnvironment } from '../conformance/config';
import { PROFILES, type Profile } from '../conformance/profiles';
import { scenarioResults } from '../conformance/results';
import { judge } from '../conformance/verdict';
import { formatSummary } from '../report/summary';
import type { Lang } from '../i18n';
import { featuresConfiguration, PACKAGE_ROOT, printFailures, progressDots, tagExpression } from './features';

/*
 * `npx cucumber-js` in this repository (cucumber.cjs): the features, steps, order and tags
 * the CLI runs, the target and profile from the HFTP_* variables (src/conformance/config.ts),
 * and at the end the CLI's summary and verdict line, judged the same way. Cucumber's own exit
 * status stays cucumber's: 1 as soon as any scenario failed, a should rule's warning too.
 */

/** The formatter below, as cucumber loads it: a CommonJS shim (cucumber import()s formatters). */
const VERDICT_FORMATTER = path.join(PACKAGE_ROOT, 'src', 'cli', 'direct-formatter.cjs');

/** The run's profile, as the environment names it (configFromEnvironment applies its default and HFTP_STRICT), and its language. */
function profileFromEnvironment(env: NodeJS.ProcessEnv): { profile: Profile; lang: Lang } {
  const { profile, strict, lang } = configFromEnvironment(env);
  return { profile: { ...PROFILES[profile], strict }, lang };
}

/** cucumber.cjs's default profile. */
export function directConfiguration(env: NodeJS.ProcessEnv = process.env): Partial<IConfiguration> {
  const { profile } = profileFromEnvironment(env);
  return featuresConfiguration([VERDICT_FORMATTER], tagExpression(undefined, profile)).provided as Partial<IConfiguration>;
}

/**
 * What the formatter prints: a dot per scenario as it ends, then the failures (their
 * messages, in the run's language) and the summary table with its verdict line.
 */
export function verdictPrinter(out: Writable, env: NodeJS.ProcessEnv = process.env): (envelope: Envelope) => void {
  const { profile, lang } = profileFromEnvironment(env);
  const envelopes: Envelope[] = [];
  const dots = progressDots(out);
  return (envelope) => {
    envelopes.push(envelope);
    dots(envelope);
    if (!envelope.testRunFinished) return;
    const results = scenarioResults(envelopes);
    out.write('\n');
    if (results.length === 0) return;
    printFailures(results, lang, out);
    const verdict = judge(results, { strict: profile.strict });
    out.write(`\n${formatSummary(verdict, profile, Math.max(80, (out as { columns?: number }).columns ?? 120), lang)}\n`);
  };
}
