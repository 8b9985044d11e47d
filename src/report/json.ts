import type { Profile } from '../conformance/profiles';
import type { Level } from '../conformance/rules';
import type { ScenarioRecord } from '../conformance/scenario-record';
import type { Outcome, Verdict } from '../conformance/verdict';
import type { Lang } from '../i18n';
import { type SuiteIdentity, suiteIdentity } from './identity';

/** One rule of the --json report. */
export interface JsonRule {
  id: string;
  level: Level;
  summary: string;
  allowed?: string;
  risk?: string;
  outcome: Outcome;
  reason: string;
  /** The names of its scenarios. */
  scenarios: string[];
}

/** One scenario of the --json report. */
export interface JsonScenario {
  rule: string | null;
  level: Level | null;
  name: string;
  /** The feature file. */
  feature: string;
  tags: string[];
  outcome: Outcome;
  reason: string;
  durationMs: number;
  message: string | null;
  notes: string[];
  transcript: string | null;
  record: ScenarioRecord | null;
}

/** The --json report, as written (in this key order): what the class matrix reads back. */
export interface JsonReport {
  tool: 'hftp-conformance';
  suite: SuiteIdentity;
  profile: string;
  strict: boolean;
  capabilities: string[];
  target: string;
  conformant: boolean;
  counts: Record<Outcome, number>;
  notJudged: string | null;
  rules: JsonRule[];
  scenarios: JsonScenario[];
  /** The fuzzing seed (ROBUST-4) and the language of the run. */
  seed: number;
  lang: Lang;
}

/** The --json report: the verdict per rule and per scenario, with transcripts. */
export function jsonReport(verdict: Verdict, context: { profile: Profile; capabilities: string[]; target: string; seed: number; lang: Lang }): JsonReport {
  return {
    tool: 'hftp-conformance',
    suite: suiteIdentity(),
    profile: context.profile.name,
    strict: context.profile.strict,
    capabilities: context.capabilities,
    target: context.target,
    conformant: verdict.conformant,
    counts: verdict.counts,
    notJudged: verdict.notJudged,
    rules: verdict.rules.map((r) => ({
      id: r.rule.id,
      level: r.rule.level,
      summary: r.rule.summary,
      allowed: r.rule.allowed,
      risk: r.rule.risk,
      outcome: r.outcome,
      reason: r.reason,
      scenarios: r.scenarios.map((s) => s.result.name),
    })),
    scenarios: verdict.scenarios.map((s) => ({
      rule: s.rule?.id ?? null,
      level: s.level,
      name: s.result.name,
      feature: s.result.uri,
      tags: s.result.tags,
      outcome: s.outcome,
      reason: s.reason,
      durationMs: Math.round(s.result.durationMs * 10) / 10,
      message: s.result.message ?? null,
      notes: s.result.notes,
      transcript: s.transcript,
      record: s.result.record ?? null,
    })),
    seed: context.seed,
    lang: context.lang,
  };
}
