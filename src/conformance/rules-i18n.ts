import type { Rule } from './rules';
import { RULES_ES } from './rules-es';
import type { Lang } from '../i18n/index';

/** A rule's sentence, allowed outcomes and risk, in the chosen language (English is the catalogue's own). */
export function ruleText(rule: Rule, lang: Lang): { summary: string; allowed?: string; risk?: string } {
  if (lang === 'es' && RULES_ES[rule.id]) {
    const es = RULES_ES[rule.id];
    return { summary: es.summary, allowed: rule.allowed && (es.allowed ?? rule.allowed), risk: rule.risk && (es.risk ?? rule.risk) };
  }
  return { summary: rule.summary, allowed: rule.allowed, risk: rule.risk };
}
