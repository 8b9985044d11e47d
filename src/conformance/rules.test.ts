import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Feature, type GherkinDocument, type Rule as GherkinRule, type Scenario, type Tag } from '@cucumber/messages';
import { CAPABILITIES } from './profiles';
import { LEVEL_TAGS, RULES, RULE_TAG, ruleById } from './rules';

const FEATURES_DIR = path.resolve(__dirname, '..', '..', 'features');

interface ScenarioInfo {
  file: string;
  line: number;
  name: string;
  /** Feature, Rule, Scenario (and Examples, for an outline's rows) tags. */
  tags: string[];
}

interface RuleInfo {
  file: string;
  line: number;
  name: string;
  tags: string[];
}

const names = (tags: readonly Tag[]): string[] => tags.map((tag) => tag.name);

function parseFeature(file: string): GherkinDocument {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  return parser.parse(fs.readFileSync(file, 'utf8'));
}

/** Every scenario, and every Examples block of an outline, with the tags it inherits. */
function collect(file: string, feature: Feature, scenarios: ScenarioInfo[], rules: RuleInfo[]): void {
  const relative = path.relative(path.dirname(FEATURES_DIR), file);
  const addScenario = (scenario: Scenario, inherited: string[]) => {
    const tags = [...inherited, ...names(scenario.tags)];
    if (scenario.examples.length === 0) {
      scenarios.push({ file: relative, line: scenario.location.line, name: scenario.name, tags });
      return;
    }
    for (const examples of scenario.examples) {
      scenarios.push({
        file: relative,
        line: examples.location.line,
        name: `${scenario.name} (examples at line ${examples.location.line})`,
        tags: [...tags, ...names(examples.tags)],
      });
    }
  };
  const featureTags = names(feature.tags);
  for (const child of feature.children) {
    if (child.scenario) addScenario(child.scenario, featureTags);
    if (child.rule) {
      const rule: GherkinRule = child.rule;
      const ruleTags = [...featureTags, ...names(rule.tags)];
      rules.push({ file: relative, line: rule.location.line, name: rule.name, tags: ruleTags });
      for (const ruleChild of rule.children) {
        if (ruleChild.scenario) addScenario(ruleChild.scenario, ruleTags);
      }
    }
  }
}

const featureFiles = fs
  .readdirSync(FEATURES_DIR)
  .filter((name) => name.endsWith('.feature'))
  .sort()
  .map((name) => path.join(FEATURES_DIR, name));

const scenarios: ScenarioInfo[] = [];
const gherkinRules: RuleInfo[] = [];
for (const file of featureFiles) {
  const document = parseFeature(file);
  assert.ok(document.feature, `${file} has no Feature`);
  collect(file, document.feature, scenarios, gherkinRules);
}

const ruleTags = (tags: string[]): string[] => tags.filter((tag) => RULE_TAG.test(tag));
const levelTags = (tags: string[]): string[] => tags.filter((tag) => LEVEL_TAGS.includes(tag));
const where = (item: { file: string; line: number; name: string }) => `${item.file}:${item.line} "${item.name}"`;

describe('the rule catalogue', () => {
  test('IDs are unique and well-formed', () => {
    const ids = RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule IDs');
    for (const id of ids) assert.match(`@${id}`, RULE_TAG);
  });

  test('ruleById finds every rule, and nothing else', () => {
    for (const rule of RULES) assert.equal(ruleById(rule.id), rule);
    assert.equal(ruleById('FRAME-0'), undefined);
    assert.equal(ruleById('frame-1'), undefined);
  });

  test('every level is one of the level tags', () => {
    for (const rule of RULES) assert.ok(LEVEL_TAGS.includes(`@${rule.level}`), `${rule.id}: ${rule.level}`);
  });

  test('ext rules name their capability', () => {
    for (const rule of RULES.filter((r) => r.level === 'ext')) assert.ok(rule.capability, rule.id);
  });
});

describe('the feature files', () => {
  test('there are feature files, and they hold scenarios', () => {
    assert.ok(featureFiles.length > 0, `no .feature files in ${FEATURES_DIR}`);
    assert.ok(scenarios.length > 0);
    assert.ok(gherkinRules.length > 0);
  });

  test('every scenario carries exactly one rule-ID tag, of a rule in RULES', () => {
    const problems: string[] = [];
    for (const scenario of scenarios) {
      const ids = ruleTags(scenario.tags);
      if (ids.length !== 1) problems.push(`${where(scenario)}: rule tags [${ids.join(' ')}]`);
      else if (!ruleById(ids[0].slice(1))) problems.push(`${where(scenario)}: ${ids[0]} is not in RULES`);
    }
    assert.deepEqual(problems, []);
  });

  test("every scenario carries exactly one level tag, its rule's level", () => {
    const problems: string[] = [];
    for (const scenario of scenarios) {
      const levels = levelTags(scenario.tags);
      const ids = ruleTags(scenario.tags);
      if (levels.length !== 1) {
        problems.push(`${where(scenario)}: level tags [${levels.join(' ')}]`);
        continue;
      }
      const rule = ids.length === 1 ? ruleById(ids[0].slice(1)) : undefined;
      if (rule && levels[0] !== `@${rule.level}`) {
        problems.push(`${where(scenario)}: tagged ${levels[0]} but ${rule.id} is @${rule.level}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every rule of the catalogue is used by at least one scenario', () => {
    const used = new Set(scenarios.flatMap((scenario) => ruleTags(scenario.tags).map((tag) => tag.slice(1))));
    const unused = RULES.filter((rule) => !used.has(rule.id)).map((rule) => rule.id);
    assert.deepEqual(unused, []);
  });

  test('a rule with a capability tags its scenarios with it, and only such rules do', () => {
    for (const scenario of scenarios) {
      const rule = RULES.find((r) => scenario.tags.includes(`@${r.id}`));
      const capabilityTags = scenario.tags.filter((tag) => (CAPABILITIES as readonly string[]).includes(tag.slice(1)));
      assert.deepEqual(capabilityTags, rule?.capability ? [`@${rule.capability}`] : [], `${scenario.name} (${scenario.tags.join(' ')})`);
    }
  });

  test('each Rule: title is its ID and the summary of the catalogue, word for word', () => {
    const problems: string[] = [];
    for (const rule of gherkinRules) {
      const ids = ruleTags(rule.tags);
      if (ids.length !== 1) {
        problems.push(`${where(rule)}: rule tags [${ids.join(' ')}]`);
        continue;
      }
      const id = ids[0].slice(1);
      const expected = `${id}: ${ruleById(id)?.summary}`;
      if (rule.name !== expected) problems.push(`${where(rule)}: "${rule.name}" is not "${expected}"`);
    }
    assert.deepEqual(problems, []);
  });

  test('each rule ID heads at most one Rule: block', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const rule of gherkinRules) {
      for (const tag of ruleTags(rule.tags)) {
        if (seen.has(tag)) problems.push(`${tag} at ${where(rule)} and ${seen.get(tag)}`);
        seen.set(tag, where(rule));
      }
    }
    assert.deepEqual(problems, []);
  });
});
