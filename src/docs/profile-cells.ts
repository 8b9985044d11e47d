/**
 * How each profile treats a rule, as the rules table and each rule's facts say it. The
 * decision is the run's: a capability the profile lacks (or a `@without-` one it has)
 * skips the rule by `skipReason`, as the run's hooks do, and the level weighs a failure by
 * `enforcement`, as the verdict does.
 */
import { skipReason, type Profile } from '../conformance/profiles';
import { enforcement, type Level } from '../conformance/rules';
import { words } from './markdown';

/** What of a rule decides how a profile treats it. */
export interface RuleTreatment {
  level: Level;
  capabilities: readonly string[];
  without: readonly string[];
}

/** How a profile treats a rule: `required`, `warn`, `info`, or `-` (not run). */
export function profileCell(rule: RuleTreatment, profile: Profile): string {
  if (skipReason({ needs: rule.capabilities, without: rule.without }, profile.capabilities)) return '-';
  return enforcement(rule.level, profile.strict);
}

const CELL_WORDS: Readonly<Record<string, string>> = { required: 'required', warn: 'a warning, not a failure,', info: 'recorded', '-': 'not run' };

/** "required in course-2026 and reference; not run in course-2021 and course-2024". */
export function profileSummary(rule: RuleTreatment, profiles: readonly Profile[]): string {
  const groups = new Map<string, string[]>();
  for (const profile of profiles) {
    const cellText = profileCell(rule, profile);
    groups.set(cellText, [...(groups.get(cellText) ?? []), profile.name]);
  }
  if (groups.size === 1) return `${CELL_WORDS[[...groups.keys()][0]]} in every profile`;
  return [...groups].map(([cellText, names]) => `${CELL_WORDS[cellText]} in ${words(names)}`).join('; ');
}
