import * as path from 'node:path';
import type { Verdict, ScenarioVerdict } from '../conformance/verdict';
import { escapeMarkup } from './markup';

/**
 * The verdict as JUnit XML, for CI systems: one <testsuite> per feature file, one
 * <testcase> per scenario, named with its rule ID. Failures (must, ext, and should when
 * strict) are <failure>; skipped scenarios are <skipped>; warnings and info observations
 * pass, with what was seen in <system-out>. Every testcase carries its wire transcript.
 *
 *   <testsuites name="hftp-conformance course-2024" tests="102" failures="1" skipped="8" ...>
 *     <testsuite name="framing" ...>
 *       <testcase classname="hftp.framing" name="FRAME-4: The course's bad end of line" time="0.004">
 *         <failure type="must" message="status 200 (...) (expected status 100)">...</failure>
 */
export function junitXml(verdict: Verdict, title: string): string {
  const byFeature = new Map<string, ScenarioVerdict[]>();
  for (const scenario of verdict.scenarios) {
    const feature = path.basename(scenario.result.uri, '.feature');
    byFeature.set(feature, [...(byFeature.get(feature) ?? []), scenario]);
  }
  const suites = [...byFeature].map(([feature, scenarios]) => {
    const failures = scenarios.filter((s) => s.outcome === 'failed').length;
    const skipped = scenarios.filter((s) => s.outcome === 'skipped' || s.outcome === 'not judged').length;
    const cases = scenarios.map((s) => testcase(feature, s)).join('');
    return `  <testsuite name="${attr(feature)}" tests="${scenarios.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(scenarios)}">\n${cases}  </testsuite>\n`;
  });
  const { counts } = verdict;
  const total = verdict.scenarios.length;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${attr(title)}" tests="${total}" failures="${counts.failed}" errors="0" skipped="${counts.skipped + counts['not judged']}" time="${seconds(verdict.scenarios)}">\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}

function testcase(feature: string, s: ScenarioVerdict): string {
  const name = `${s.rule?.id ?? 'NO-RULE'}: ${s.result.name}`;
  const time = (s.result.durationMs / 1000).toFixed(3);
  let body = '';
  if (s.outcome === 'failed') {
    body += `      <failure type="${attr(s.level ?? 'unknown')}" message="${attr(s.reason)}">${text(s.result.message ?? s.reason)}</failure>\n`;
  } else if (s.outcome === 'skipped') {
    body += `      <skipped message="${attr(s.reason)}"/>\n`;
  } else if (s.outcome === 'not judged') {
    // JUnit has no "neither passed nor failed": a skip that says so.
    body += `      <skipped message="${attr(`not judged: ${s.reason}`)}"/>\n`;
  }
  const out = [
    s.outcome === 'warning' ? `WARNING (should, not strict): ${s.reason}` : '',
    s.outcome === 'info' || (s.level === 'info' && s.reason) ? `INFO: ${s.reason}` : '',
    s.transcript ? `wire transcript:\n${s.transcript}` : '',
  ].filter(Boolean);
  if (out.length) body += `      <system-out>${text(out.join('\n'))}</system-out>\n`;
  const open = `    <testcase classname="hftp.${attr(feature)}" name="${attr(name)}" time="${time}"`;
  return body ? `${open}>\n${body}    </testcase>\n` : `${open}/>\n`;
}

function seconds(scenarios: ScenarioVerdict[]): string {
  return (scenarios.reduce((sum, s) => sum + s.result.durationMs, 0) / 1000).toFixed(3);
}

/** XML 1.0 cannot carry most control characters at all, even escaped: show them as \xHH. */
function clean(value: string): string {
  return value.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function text(value: string): string {
  return escapeMarkup(clean(value), { quotes: false });
}

function attr(value: string): string {
  return escapeMarkup(clean(value)).replace(/\n/g, '&#10;');
}
