import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { loadConfiguration, loadSupport } from '@cucumber/cucumber/api';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType } from '@cucumber/messages';
import * as path from 'node:path';
import { featuresConfiguration, PACKAGE_ROOT } from '../src/cli/features';
import { readFeatures } from '../src/conformance/feature-reader';
import { RULES } from '../src/conformance/rules';
import { MUTANTS } from './mutants/zoo';

/*
 * Habits the catalogue keeps: every rule that can fail a run is proved able to fail, and
 * every step phrase the step files define is used by some feature.
 */

test('every must and ext rule has a mutant in the zoo that breaks it', () => {
  const broken = new Set(Object.values(MUTANTS).map((mutant) => mutant.rule));
  const missing = RULES.filter((rule) => (rule.level === 'must' || rule.level === 'ext') && !broken.has(rule.id)).map((rule) => rule.id);
  assert.deepEqual(missing, [], `no mutant breaks ${missing.join(', ')}: add one to test/mutants/zoo.ts`);
});

test('every step definition is used by a feature (a "the client" / "client {word}" pair counts once)', async () => {
  const environment = { cwd: PACKAGE_ROOT, stdout: new PassThrough(), stderr: new PassThrough() };
  const { runConfiguration } = await loadConfiguration(featuresConfiguration([]), environment);
  // The API's type of the support code is opaque; its step definitions are what we need.
  const support = (await loadSupport(runConfiguration, environment)) as unknown as {
    stepDefinitions: { pattern: string | RegExp; matchesStepName(text: string): boolean }[];
  };
  const texts = new Set(stepTexts());
  const used = new Set<string>();
  for (const definition of support.stepDefinitions) {
    if ([...texts].some((text) => definition.matchesStepName(text))) used.add(String(definition.pattern));
  }
  // clientStep() defines each phrase twice: for the current client and for a named one.
  const pairOf = (pattern: string) => pattern.replace('client {word}', 'the client');
  const usedPairs = new Set([...used].map(pairOf));
  const unused = support.stepDefinitions.map((definition) => String(definition.pattern)).filter((pattern) => !usedPairs.has(pairOf(pattern)));
  assert.deepEqual(unused, [], 'step definitions no feature uses: delete them, or use them');
});

/** The text of every step of every scenario (outlines expanded), as cucumber matches it. */
function stepTexts(): string[] {
  return readFeatures(path.join(PACKAGE_ROOT, 'features'))
    .flatMap(({ name, text }) =>
      generateMessages(text, `${name}.feature`, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
        includeSource: false,
        includeGherkinDocument: false,
        includePickles: true,
        newId: IdGenerator.incrementing(),
      }),
    )
    .flatMap((envelope) => envelope.pickle?.steps.map((step) => step.text) ?? []);
}
