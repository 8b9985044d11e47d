import type { Envelope } from '@cucumber/messages';
import { loadConfiguration, runCucumber, type ILoadConfigurationOptions } from '@cucumber/cucumber/api';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Writable } from 'node:stream';
import { DEFAULT_SEED, RUN_DEFAULTS, type RunConfig } from '../conformance/config';
import { junitXml } from '../report/junit';
import { openSession, provideSession } from '../target/session';
import { ORDER_PLUGIN } from '../conformance/phases';
import { DEFAULT_PROFILE, PROFILES, resolveCapabilities, type Profile } from '../conformance/profiles';
import { scenarioResults, type ScenarioResult } from '../conformance/results';
import type { Suite } from '../target/suite';
import { judge } from '../conformance/verdict';
import { jsonReport } from '../report/json';
import { formatSummary } from '../report/summary';
import { CannotTest, targetFrom, type TargetOptions } from './target-options';
import { langFromEnvironment, messages, type Lang } from '../i18n';
import { printReplay } from './replay';

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

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
  const profile = pickProfile(options.profile ?? (target.spec.kind === 'reference' ? 'reference' : DEFAULT_PROFILE));
  const strictProfile: Profile = { ...profile, strict: options.strict || profile.strict };
  const capabilities = resolveCapabilities(profile, options.with, options.without);

  const config: RunConfig = {
    target: target.spec,
    ...RUN_DEFAULTS,
    timeoutMs: options.timeout ?? RUN_DEFAULTS.timeoutMs,
    capabilities,
    maxErrors: options.maxErrors ?? RUN_DEFAULTS.maxErrors,
    seed: options.seed ?? seedFromEnvironment(),
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
    if (lang !== 'en') printFailures(results, lang, io);
    if (results.length === 0)
      throw new CannotTest(options.replay ? m['replay.noMatch']([options.tags, ...(options.names ?? [])].filter(Boolean).join(' ')) : m['run.noScenario']);
    const verdict = judge(results, { strict: strictProfile.strict });

    if (options.replay) printReplay(verdict, lang, io);
    io.stdout.write(`\n${formatSummary(verdict, strictProfile, Math.max(80, io.stdout.columns ?? 120), lang)}\n`);
    if (options.json)
      writeReport(
        options.json,
        `${JSON.stringify({ ...(jsonReport(verdict, { profile: strictProfile, capabilities, target: targetName }) as object), seed: config.seed, lang }, null, 2)}\n`,
      );
    if (options.junit) writeReport(options.junit, junitXml(verdict, `hftp-conformance ${profile.name}`));
    return verdict.conformant ? EXIT.CONFORMANT : EXIT.NOT_CONFORMANT;
  } finally {
    await suite.stop();
  }
}

/** HFTP_SEED, as the features read it when run directly. */
function seedFromEnvironment(): number {
  const text = process.env.HFTP_SEED;
  return text && /^\d+$/.test(text) ? Number(text) : DEFAULT_SEED;
}

function pickProfile(name: string): Profile {
  const profile = PROFILES[name];
  if (!profile) throw new CannotTest(`Unknown profile "${name}" (known: ${Object.keys(PROFILES).join(', ')}).`);
  return profile;
}

/** The user's --tags, and the reference server's own choices only for the reference profile. */
function tagExpression(tags: string | undefined, profile: Profile): string {
  const parts = [tags ? `(${tags})` : '', profile.reference ? '' : 'not @reference'].filter(Boolean);
  return parts.join(' and ');
}

/**
 * Cucumber's configuration for the suite's own features and steps, wherever it is run from.
 * No `requireModule`: this module is TypeScript, so the loader that compiled it (the one
 * ts-node registration of bin/register-typescript.js, or the test runner's) is in place and
 * compiles the step definitions too. A second `ts-node/register` would look for a
 * tsconfig.json from the working directory, and outside this package type-check the steps
 * with ts-node's defaults.
 */
export function featuresConfiguration(format: string[], tags?: string, names?: string[]): ILoadConfigurationOptions {
  return {
    file: false,
    provided: {
      paths: [path.join(PACKAGE_ROOT, 'features', '**', '*.feature')],
      requireModule: [],
      require: [path.join(PACKAGE_ROOT, 'step-definitions', '**', '*.ts')],
      format,
      tags,
      ...(names?.length ? { name: names } : {}),
      strict: true,
      plugin: [pathToFileURL(ORDER_PLUGIN).href],
    },
  };
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
  const dots = lang === 'en' ? null : progressDots(io);
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

/** One character per scenario as it ends: "." passed, "F" failed, "-" skipped. */
function progressDots(io: Io): (envelope: Envelope) => void {
  const failed = new Set<string>();
  const skipped = new Set<string>();
  return (envelope) => {
    const step = envelope.testStepFinished;
    if (step?.testStepResult.status === 'FAILED') failed.add(step.testCaseStartedId);
    if (step?.testStepResult.status === 'SKIPPED') skipped.add(step.testCaseStartedId);
    const finished = envelope.testCaseFinished;
    if (finished && !finished.willBeRetried) {
      const id = finished.testCaseStartedId;
      io.stdout.write(failed.has(id) ? 'F' : skipped.has(id) ? '-' : '.');
    }
  };
}

/** The failed scenarios, numbered, each with its failure message (already in `lang`). */
function printFailures(results: readonly ScenarioResult[], lang: Lang, io: Io): void {
  const m = messages(lang);
  const failures = results.filter((result) => result.status === 'failed');
  if (!failures.length) return;
  io.stdout.write(`\n${m['run.failures']}\n`);
  failures.forEach((result, i) => {
    io.stdout.write(`\n${i + 1}) ${m['run.scenario']} ${result.name} (${result.uri})\n`);
    io.stdout.write(`${(result.message ?? '').replace(/^(?=.)/gm, '   ')}\n`);
  });
}

function writeReport(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, content);
}
