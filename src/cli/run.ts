import type { Envelope } from '@cucumber/messages';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { defaultProfile, RUN_DEFAULTS, seedFromText, type RunConfig } from '../conformance/config';
import { junitXml } from '../report/junit';
import { openSession, provideSession } from '../target/session';
import { PROFILES, resolveCapabilities, type Profile } from '../conformance/profiles';
import { scenarioResults } from '../conformance/results';
import type { Suite } from '../target/suite';
import { judge } from '../conformance/verdict';
import { jsonReport } from '../report/json';
import { formatSummary } from '../report/summary';
import { CannotTest, targetFrom, type TargetOptions } from './target-options';
import { langFromEnvironment, messages, type Lang } from '../i18n';
import { printReplay } from './replay';
import { featuresConfiguration, PACKAGE_ROOT, printFailures, progressDots, tagExpression } from './features';

export interface RunOptions extends TargetOptions {
  profile?: string;
  with: string[];
  without: string[];
  maxErrors?: number;
  strict?: boolean;
  tags?: string;
  timeout?: number;
  junit?: string;
  json?: string;
  html?: string;
  /** The fuzzing seed (ROBUST-4). */
  seed?: number;
  /** The language of what a student reads (default from the locale). */
  lang?: Lang;
  /** Scenario names to run (regular expressions, as cucumber's --name). */
  names?: string[];
  /** After the summary, print every scenario's full transcript and reproducer (the replay command). */
  replay?: boolean;
}

export interface Io {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
}

/** Exit statuses: the target conforms, it does not, or it could not be tested. */
export const EXIT = { CONFORMANT: 0, NOT_CONFORMANT: 1, COULD_NOT_TEST: 2 } as const;

export { CannotTest };

/** Run every feature against the chosen target, judge it by the profile, write the reports. */
export async function runConformance(options: RunOptions, io: Io): Promise<number> {
  const lang = options.lang ?? langFromEnvironment();
  const m = messages(lang);
  const target = targetFrom(options, 'suite');
  const profile = pickProfile(options.profile ?? defaultProfile(target.spec));
  const strictProfile: Profile = { ...profile, strict: options.strict || profile.strict };
  const capabilities = resolveCapabilities(profile, options.with, options.without);
  const seed = options.seed ?? seedFromText(process.env.HFTP_SEED); // as the features read it when run directly

  const config: RunConfig = {
    target: target.spec,
    profile: profile.name,
    strict: strictProfile.strict,
    ...RUN_DEFAULTS,
    timeoutMs: options.timeout ?? RUN_DEFAULTS.timeoutMs,
    capabilities,
    maxErrors: options.maxErrors ?? RUN_DEFAULTS.maxErrors,
    seed,
    lang,
  };

  const targetName = target.name;
  const suite = await openSession(config, { name: targetName, lang, warn: (warning) => io.stderr.write(`${m['run.warning'](warning)}\n`) });
  try {
    io.stdout.write(
      `${m['run.testing'](targetName, `${suite.target.host}:${suite.target.port}`, profile.name, strictProfile.strict, capabilities.join(', ') || m['run.none'])}\n`,
    );
    const envelopes = await runFeatures(suite, tagExpression(options.tags, strictProfile), options.html, io, options.names, lang);
    const results = scenarioResults(envelopes);
    if (lang !== 'en') printFailures(results, lang, io.stdout);
    if (results.length === 0)
      throw new CannotTest(options.replay ? m['replay.noMatch']([options.tags, ...(options.names ?? [])].filter(Boolean).join(' ')) : m['run.noScenario']);
    const verdict = judge(results, { strict: strictProfile.strict });

    if (options.replay) printReplay(verdict, lang, io);
    io.stdout.write(`\n${formatSummary(verdict, strictProfile, Math.max(80, io.stdout.columns ?? 120), lang)}\n`);
    if (options.json)
      writeReport(options.json, `${JSON.stringify(jsonReport(verdict, { profile: strictProfile, capabilities, target: targetName, seed, lang }), null, 2)}\n`);
    if (options.junit) writeReport(options.junit, junitXml(verdict, `hftp-conformance ${profile.name}`));
    return verdict.conformant ? EXIT.CONFORMANT : EXIT.NOT_CONFORMANT;
  } finally {
    await suite.stop();
  }
}

function pickProfile(name: string): Profile {
  const profile = PROFILES[name];
  if (!profile) throw new CannotTest(`Unknown profile "${name}" (known: ${Object.keys(PROFILES).join(', ')}).`);
  return profile;
}

/**
 * Run the features. In English, cucumber's own progress formatter prints the dots and the
 * failures; in another language its headings would be English, so the suite prints the
 * dots itself and, after the run, the failures (whose messages are in that language).
 */
async function runFeatures(suite: Suite, tags: string, html: string | undefined, io: Io, names?: string[], lang: Lang = 'en'): Promise<Envelope[]> {
  const envelopes: Envelope[] = [];
  const files: Record<string, string> = {};
  if (html) files[path.resolve(html)] = 'html';
  // ('snippets' writes only for undefined steps: it keeps cucumber from adding its progress formatter.)
  const progress = lang === 'en' ? [io.stdout.isTTY ? 'progress-bar' : 'progress'] : ['snippets'];
  const { runConfiguration } = await loadConfiguration(
    featuresConfiguration([...progress, ...Object.entries(files).map(([file, kind]) => `${kind}:${file}`)], tags, names),
    { cwd: PACKAGE_ROOT, stdout: io.stdout, stderr: io.stderr },
  );
  const dots = lang === 'en' ? null : progressDots(io.stdout);
  provideSession(suite);
  try {
    const { success } = await runCucumber(runConfiguration, { cwd: PACKAGE_ROOT, stdout: io.stdout, stderr: io.stderr }, (envelope) => {
      envelopes.push(envelope);
      dots?.(envelope);
    });
    if (dots) io.stdout.write('\n');
    const ran = envelopes.some((e) => e.testCaseFinished);
    if (!success && !ran) throw new CannotTest('The features could not run (see the errors above).');
  } finally {
    provideSession(null);
  }
  return envelopes;
}

function writeReport(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, content);
}
