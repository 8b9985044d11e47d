/**
 * The one reader of features/*.feature outside cucumber: the Gherkin of each file, with the
 * tags every Rule and Scenario inherits. docs/PROTOCOL.md is rendered from it, and
 * rules.test.ts checks the feature files against the rule catalogue with it, so both see
 * the same scenarios with the same tags.
 *
 * Tags are inherited as cucumber inherits them for a run: Feature, then Rule, then Scenario
 * (then Examples, for the rows of an outline: see `runsOf`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Background, type Comment, type Feature, type Rule as GherkinRule, type Scenario, type Tag } from '@cucumber/messages';

export const FEATURES_DIR = path.resolve(__dirname, '..', '..', 'features');

/** One feature file: its basename without `.feature`, and its text. */
export interface FeatureSource {
  name: string;
  text: string;
}

/** A Scenario (or Scenario Outline) and the tags it carries, inherited ones first. */
export interface TaggedScenario {
  scenario: Scenario;
  tags: string[];
}

/** A `Rule:` block, its tags (the Feature's, then its own) and its scenarios. */
export interface TaggedRule {
  rule: GherkinRule;
  tags: string[];
  backgrounds: Background[];
  scenarios: TaggedScenario[];
}

export interface FeatureFile {
  name: string;
  /** `features/<name>.feature`, for messages. */
  file: string;
  feature: Feature;
  /** Every comment of the file; Gherkin keeps them apart from the nodes. */
  comments: readonly Comment[];
  tags: string[];
  backgrounds: Background[];
  /** Scenarios outside any `Rule:` block. */
  scenarios: TaggedScenario[];
  rules: TaggedRule[];
}

/** Every features/*.feature, by name. */
export function readFeatures(dir = FEATURES_DIR): FeatureSource[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.feature'))
    .sort()
    .map((name) => ({ name: name.slice(0, -'.feature'.length), text: readFileSync(path.join(dir, name), 'utf8') }));
}

const tagNames = (tags: readonly Tag[]): string[] => tags.map((tag) => tag.name);

const tagged = (scenarios: readonly Scenario[], inherited: readonly string[]): TaggedScenario[] =>
  scenarios.map((scenario) => ({ scenario, tags: [...inherited, ...tagNames(scenario.tags)] }));

/** Parse one feature file; a syntax error names the file. */
export function readFeature(source: FeatureSource): FeatureFile {
  const file = `features/${source.name}.feature`;
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  let document: ReturnType<typeof parser.parse>;
  try {
    document = parser.parse(source.text);
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const feature = document.feature;
  if (!feature) throw new Error(`${file} has no Feature`);
  const tags = tagNames(feature.tags);
  const children = feature.children;
  return {
    name: source.name,
    file,
    feature,
    comments: document.comments,
    tags,
    backgrounds: children.flatMap((child) => (child.background ? [child.background] : [])),
    scenarios: tagged(
      children.flatMap((child) => (child.scenario ? [child.scenario] : [])),
      tags,
    ),
    rules: children.flatMap((child) => {
      if (!child.rule) return [];
      const rule = child.rule;
      const ruleTags = [...tags, ...tagNames(rule.tags)];
      return [
        {
          rule,
          tags: ruleTags,
          backgrounds: rule.children.flatMap((ruleChild) => (ruleChild.background ? [ruleChild.background] : [])),
          scenarios: tagged(
            rule.children.flatMap((ruleChild) => (ruleChild.scenario ? [ruleChild.scenario] : [])),
            ruleTags,
          ),
        },
      ];
    }),
  };
}

/** Every scenario of a file, in or out of a `Rule:` block. */
export function scenariosOf(file: FeatureFile): TaggedScenario[] {
  return [...file.scenarios, ...file.rules.flatMap((rule) => rule.scenarios)];
}

/** What cucumber runs of a scenario, with the tags each run carries. */
export interface ScenarioRun {
  line: number;
  name: string;
  tags: string[];
}

/** A scenario runs once; an outline once per Examples block, which adds its own tags. */
export function runsOf({ scenario, tags }: TaggedScenario): ScenarioRun[] {
  if (scenario.examples.length === 0) return [{ line: scenario.location.line, name: scenario.name, tags }];
  return scenario.examples.map((examples) => ({
    line: examples.location.line,
    name: `${scenario.name} (examples at line ${examples.location.line})`,
    tags: [...tags, ...tagNames(examples.tags)],
  }));
}
