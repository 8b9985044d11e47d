/**
 * A rule of docs/PROTOCOL.md: its heading, its facts (level, profiles, what is allowed),
 * its description and notes, then its scenarios.
 */
import type { Profile } from '../conformance/profiles';
import type { RuleDoc } from './feature-model';
import { code, description, inline } from './markdown';
import { profileSummary } from './profile-cells';
import { renderBackground, renderScenario } from './scenario-section';

function ruleFacts(rule: RuleDoc, profiles: readonly Profile[]): string[] {
  const level = [
    code(rule.level),
    ...rule.capabilities.map((capability) => `capability ${code(capability)}`),
    ...rule.without.map((capability) => `only for servers without ${code(capability)}`),
  ];
  const facts = [`- **Level:** ${level.join(', ')}.`, `- **Profiles:** ${profileSummary(rule, profiles)}.`];
  if (rule.catalogue?.allowed) facts.push(`- **Allowed:** ${inline(rule.catalogue.allowed)}.`);
  if (!rule.catalogue) facts.push('- *Not in the rule catalogue.*');
  return [...facts, ''];
}

export function renderRule(rule: RuleDoc, heading: { line: string }, profiles: readonly Profile[], featureTags: readonly string[]): string[] {
  // The tags the facts already show are not repeated on each scenario.
  const inherited = [...featureTags, `@${rule.id}`, `@${rule.level}`, ...rule.capabilities.map((c) => `@${c}`), ...rule.without.map((c) => `@without-${c}`)];
  const lines = [heading.line, '', ...ruleFacts(rule, profiles)];
  if (rule.description.trim()) lines.push(...description(rule.description));
  for (const note of rule.notes) lines.push(`> ${inline(note)}`, '');
  for (const background of rule.backgrounds) lines.push(...renderBackground(background, 'this rule'));
  for (const scenario of rule.scenarios) lines.push(...renderScenario(scenario, inherited));
  return lines;
}
