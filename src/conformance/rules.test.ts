import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FEATURES_DIR, readFeature, readFeatures, runsOf, scenariosOf } from './feature-reader';
import { CAPABILITIES } from './profiles';
import { enforcement, LEVEL_TAGS, RULES, RULE_TAG, ruleById, ruleOfTags, ruleTitle, type Rule } from './rules';

const featureFiles = readFeatures().map(readFeature);

/** Every run of a scenario (each Examples block of an outline apart), with the tags it inherits. */
const scenarios = featureFiles.flatMap((feature) =>
  scenariosOf(feature).flatMap((scenario) => runsOf(scenario).map((run) => ({ file: feature.file, ...run }))),
);

const gherkinRules = featureFiles.flatMap((feature) =>
  feature.rules.map(({ rule, tags }) => ({ file: feature.file, line: rule.location.line, name: rule.name, tags })),
);

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

  test('STATUS-6 alone judges stray bytes (every other rule steps over them)', () => {
    assert.deepEqual(
      RULES.filter((rule) => rule.judgesStrayBytes).map((rule) => rule.id),
      ['STATUS-6'],
    );
  });
});

describe('reading rule tags', () => {
  test('ruleOfTags: the first ID tag names the rule, and the level tag wins over the catalogue', () => {
    assert.deepEqual(ruleOfTags(['@framing', '@FRAME-4', '@must']), { id: 'FRAME-4', rule: ruleById('FRAME-4'), levelTag: 'must', level: 'must' });
    assert.equal(ruleOfTags(['@FRAME-4', '@info']).level, 'info');
    assert.deepEqual(ruleOfTags(['@FRAME-4']), { id: 'FRAME-4', rule: ruleById('FRAME-4'), levelTag: null, level: 'must' });
    assert.deepEqual(ruleOfTags(['@NEW-1', '@ext']), { id: 'NEW-1', rule: null, levelTag: 'ext', level: 'ext' });
    assert.deepEqual(ruleOfTags(['@reference']), { id: null, rule: null, levelTag: null, level: null });
  });

  test('ruleOfTags reads another catalogue when given one', () => {
    const other: Rule = { id: 'NEW-1', level: 'should', summary: 'something' };
    const read = ruleOfTags(['@NEW-1'], (id) => (id === other.id ? other : undefined));
    assert.equal(read.rule, other);
    assert.equal(read.level, 'should');
    assert.equal(ruleOfTags(['@FRAME-1'], () => undefined).rule, null);
  });

  test('enforcement: a must or ext failure fails, a should one warns unless strict, an info one is recorded', () => {
    assert.deepEqual(
      (['must', 'ext', 'should', 'info'] as const).map((level) => [enforcement(level, false), enforcement(level, true)]),
      [
        ['required', 'required'],
        ['required', 'required'],
        ['warn', 'required'],
        ['info', 'info'],
      ],
    );
  });

  test('ruleTitle: the ID, then the summary', () => {
    assert.equal(ruleTitle({ id: 'NEW-1', level: 'info', summary: 'something odd' }), 'NEW-1: something odd');
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
      const entry = ruleById(ids[0].slice(1));
      if (!entry) problems.push(`${where(rule)}: ${ids[0]} is not in RULES`);
      else if (rule.name !== ruleTitle(entry)) problems.push(`${where(rule)}: "${rule.name}" is not "${ruleTitle(entry)}"`);
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
