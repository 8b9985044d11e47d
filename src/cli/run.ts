import type { Envelope } from '@cucumber/messages';
import { loadConfiguration, runCucumber, type ILoadConfigurationOptions } from '@cucumber/cucumber/api';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Writable } from 'node:stream';
import { RUN_DEFAULTS, type RunConfig } from '../conformance/config';
import { junitXml } from '../conformance/junit';
import { openSession, provideSession } from '../conformance/session';
import { ORDER_PLUGIN } from '../conformance/phases';
import { DEFAULT_PROFILE, PROFILES, resolveCapabilities, type Profile } from '../conformance/profiles';
import { scenarioResults } from '../conformance/results';
import { Suite } from '../conformance/suite';
import { judge } from '../conformance/verdict';
import { jsonReport } from './reports';
import { formatSummary } from './summary';
import { CannotTest, targetFrom, type TargetOptions } from './target-options';

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
  };

  const targetName = target.name;
  const suite = await openSession(config, { name: targetName, warn: (warning) => io.stderr.write(`warning: ${warning}\n`) });
  try {
    io.stdout.write(`Testing ${targetName} (${suite.target.host}:${suite.target.port}) against profile ${profile.name}${strictProfile.strict ? ', strict' : ''}; capabilities: ${capabilities.join(', ') || 'none'}.\n`);
    const envelopes = await runFeatures(suite, tagExpression(options.tags, strictProfile), options.html, io);
    const results = scenarioResults(envelopes);
    if (results.length === 0) throw new CannotTest('No scenario ran (check --tags).');
    const verdict = judge(results, { strict: strictProfile.strict });

    io.stdout.write(`\n${formatSummary(verdict, strictProfile, Math.max(80, io.stdout.columns ?? 120))}\n`);
    if (options.json) writeReport(options.json, `${JSON.stringify(jsonReport(verdict, { profile: strictProfile, capabilities, target: targetName }), null, 2)}\n`);
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
export function featuresConfiguration(format: string[], tags?: string): ILoadConfigurationOptions {
  return {
    file: false,
    provided: {
      paths: [path.join(PACKAGE_ROOT, 'features', '**', '*.feature')],
      requireModule: [],
      require: [path.join(PACKAGE_ROOT, 'step-definitions', '**', '*.ts')],
      format,
      tags,
      strict: true,
      plugin: [pathToFileURL(ORDER_PLUGIN).href],
    },
  };
}

async function runFeatures(suite: Suite, tags: string, html: string | undefined, io: Io): Promise<Envelope[]> {
  const envelopes: Envelope[] = [];
  const files: Record<string, string> = {};
  if (html) files[path.resolve(html)] = 'html';
  const { runConfiguration } = await loadConfiguration(
    featuresConfiguration([io.stdout.isTTY ? 'progress-bar' : 'progress', ...Object.entries(files).map(([file, kind]) => `${kind}:${file}`)], tags),
    { cwd: PACKAGE_ROOT, stdout: io.stdout, stderr: io.stderr },
  );
  provideSession(suite);
  try {
    const { success } = await runCucumber(runConfiguration, { cwd: PACKAGE_ROOT, stdout: io.stdout, stderr: io.stderr }, (envelope) => envelopes.push(envelope));
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

