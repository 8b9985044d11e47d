import type { Profile } from '../conformance/profiles';
import type { Verdict } from '../conformance/verdict';
import { suiteIdentity } from './identity';

/** The --json report: the verdict per rule and per scenario, with transcripts. */
export function jsonReport(verdict: Verdict, context: { profile: Profile; capabilities: string[]; target: string }): unknown {
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
  };
}
