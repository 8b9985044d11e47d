/**
 * What docs/PROTOCOL.md shows of the feature files: one area per file, its rules and
 * scenarios with the tags they inherit (from the shared reader, src/conformance/
 * feature-reader.ts), the comments placed as notes, and each rule's ID, level and
 * capabilities.
 *
 * Precedence, the run's: a rule is what its tags say, read by `ruleOfTags` and
 * `capabilitiesOfTags` as the run reads them (the level tag wins over the catalogue's
 * level), and its text is its `Rule:` title, which readers of the feature see. The
 * catalogue adds only what Gherkin cannot say (`allowed`), and the rules no `Rule:` block
 * states. rules.test.ts holds tags, titles and catalogue equal.
 */
import type { Background, Feature } from '@cucumber/messages';
import type { FeatureFile, TaggedRule, TaggedScenario } from '../conformance/feature-reader';
import { capabilitiesOfTags } from '../conformance/profiles';
import { ruleOfTags, type Level, type Rule } from '../conformance/rules';
import { placeComments, span, type Slot } from './comment-notes';

export interface ScenarioDoc extends TaggedScenario {
  notes: string[];
}

export interface RuleDoc {
  id: string;
  /** The Rule's text, after "ID: ". */
  text: string;
  level: Level;
  catalogue?: Rule;
  capabilities: string[];
  /** Capabilities whose absence the rule is about (`@without-ascii-check`). */
  without: string[];
  description: string;
  /** The line of its `Rule:` keyword (0 for a rule no block states). */
  line: number;
  backgrounds: Background[];
  notes: string[];
  scenarios: ScenarioDoc[];
}

export interface AreaDoc {
  name: string;
  feature: Feature;
  /** The Feature's own tags, which every scenario of the area inherits. */
  tags: string[];
  backgrounds: Background[];
  notes: string[];
  rules: RuleDoc[];
  /** Scenarios outside any Rule: block. */
  scenarios: ScenarioDoc[];
}

/** The protocol areas, in the order the document presents them. Other features follow. */
export const AREA_ORDER: readonly string[] = [
  'framing',
  'status-and-connection',
  'commands',
  'listing',
  'metadata',
  'slices',
  'quit',
  'names-and-safety',
  'clients',
  'robustness',
  'design-extensions',
  'revision-2026',
];

/** The feature files in the document's order: AREA_ORDER first, then any other, by name. */
export function orderAreas<T extends { name: string }>(features: readonly T[]): T[] {
  const rank = (name: string) => {
    const index = AREA_ORDER.indexOf(name);
    return index === -1 ? AREA_ORDER.length : index;
  };
  return [...features].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const withNotes = (scenarios: readonly TaggedScenario[]): ScenarioDoc[] => scenarios.map((scenario) => ({ ...scenario, notes: [] }));

function ruleDoc({ rule: node, tags, backgrounds, scenarios }: TaggedRule, catalogue: ReadonlyMap<string, Rule>): RuleDoc {
  const { id: tagId, rule: entry, level } = ruleOfTags(tags, (id) => catalogue.get(id));
  // A Rule: block without an ID tag (rules.test.ts forbids one) is named by its title.
  const id = tagId ?? node.name.split(':')[0].trim();
  const { needs, without } = capabilitiesOfTags(tags);
  return {
    id,
    text: node.name.startsWith(`${id}:`) ? node.name.slice(id.length + 1).trim() : node.name,
    level: level ?? 'must',
    catalogue: entry ?? undefined,
    capabilities: needs,
    without,
    description: node.description,
    line: node.location.line,
    backgrounds,
    notes: [],
    scenarios: withNotes(scenarios),
  };
}

/** A catalogue rule that no Rule: block states: its scenarios are found by their ID tag. */
export function unstatedRuleDoc(rule: Rule, scenarios: readonly ScenarioDoc[]): RuleDoc {
  return {
    id: rule.id,
    text: rule.summary,
    level: rule.level,
    catalogue: rule,
    capabilities: rule.capability ? [rule.capability] : [],
    without: [],
    description: '',
    line: 0,
    backgrounds: [],
    notes: [],
    scenarios: scenarios.filter((doc) => doc.tags.includes(`@${rule.id}`)),
  };
}

/** One feature file as an area of the document, its comments placed as notes. */
export function buildArea(file: FeatureFile, catalogue: ReadonlyMap<string, Rule>): AreaDoc {
  const { feature } = file;
  const area: AreaDoc = {
    name: file.name,
    feature,
    tags: file.tags,
    backgrounds: file.backgrounds,
    notes: [],
    rules: file.rules.map((rule) => ruleDoc(rule, catalogue)),
    scenarios: withNotes(file.scenarios),
  };
  // A slot runs to the last line of its description or of its last scenario; the next slot
  // starts after it, and the last one takes the rest of the file.
  const lastOf = (first: number, text: string, scenarios: readonly ScenarioDoc[]) =>
    Math.max(first + text.split('\n').length, ...scenarios.map((doc) => span(doc.scenario)[1]));
  const slots: Slot[] = [
    { after: feature.location.line, last: lastOf(feature.location.line, feature.description, area.scenarios), notes: area.notes, scenarios: area.scenarios },
  ];
  for (const rule of area.rules) {
    slots.push({
      after: slots[slots.length - 1].last,
      last: lastOf(rule.line, rule.description, rule.scenarios),
      notes: rule.notes,
      scenarios: rule.scenarios,
    });
  }
  slots[slots.length - 1].last = Number.MAX_SAFE_INTEGER;
  placeComments(file.comments, slots);
  return area;
}
