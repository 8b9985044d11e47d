import type { Envelope } from '@cucumber/messages';
import type { ILoadConfigurationOptions } from '@cucumber/cucumber/api';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Writable } from 'node:stream';
import { ORDER_PLUGIN } from '../conformance/phases';
import type { Profile } from '../conformance/profiles';
import type { ScenarioResult } from '../conformance/results';
import { messages, type Lang } from '../i18n';

/*
 * How the suite's features run under cucumber, one way for every entry point: the CLI
 * (run.ts) and `npx cucumber-js` (cucumber.cjs, direct-run.ts) share the paths, the steps,
 * the order, the tags of a profile, and what is printed while they run.
 */

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** The user's --tags, and the reference server's own choices only for the reference profile. */
export function tagExpression(tags: string | undefined, profile: Profile): string {
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

/** One character per scenario as it ends: "." passed, "F" failed, "-" skipped. */
export function progressDots(out: Writable): (envelope: Envelope) => void {
  const failed = new Set<string>();
  const skipped = new Set<string>();
  return (envelope) => {
    const step = envelope.testStepFinished;
    if (step?.testStepResult.status === 'FAILED') failed.add(step.testCaseStartedId);
    if (step?.testStepResult.status === 'SKIPPED') skipped.add(step.testCaseStartedId);
    const finished = envelope.testCaseFinished;
    if (finished && !finished.willBeRetried) {
      const id = finished.testCaseStartedId;
      out.write(failed.has(id) ? 'F' : skipped.has(id) ? '-' : '.');
    }
  };
}

/** The failed scenarios, numbered, each with its failure message (already in `lang`). */
export function printFailures(results: readonly ScenarioResult[], lang: Lang, out: Writable): void {
  const m = messages(lang);
  const failures = results.filter((result) => result.status === 'failed');
  if (!failures.length) return;
  out.write(`\n${m['run.failures']}\n`);
  failures.forEach((result, i) => {
    out.write(`\n${i + 1}) ${m['run.scenario']} ${result.name} (${result.uri})\n`);
    out.write(`${(result.message ?? '').replace(/^(?=.)/gm, '   ')}\n`);
  });
}
