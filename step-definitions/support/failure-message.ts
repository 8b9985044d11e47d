import { AssertionError } from 'chai';
import { HftpClientError } from '../../src/client/errors';
import { hintFor } from '../../src/conformance/hints';
import { ruleText } from '../../src/conformance/rules-i18n';
import type { Failure } from '../../src/conformance/scenario-record';
import { messages } from '../../src/i18n';
import { localizeDetail } from '../../src/i18n/details';
import { DEFAULT_PORT } from '../../src/protocol/wire';
import { stepsFromTranscript } from '../../src/report/repro-steps';
import { reproducer } from '../../src/report/reproducer';
import { Mismatch } from './mismatch';
import type { HftpWorld } from './world';

/**
 * Turn whatever a step threw into the message a student reads: the rule, what was
 * expected, what was received, a hint (must rules), the wire transcript and a reproducer,
 * in the run's language; and the same as data (the record keeps expected and received as
 * the steps wrote them). Only the scenario's first failure gets a reproducer.
 */
export function failureMessage(world: HftpWorld, error: unknown): { error: Error; record: Failure } {
  const m = messages(world.lang);
  const text = world.rule ? ruleText(world.rule, world.lang) : null;
  const rule = world.rule && text ? `${world.rule.id} (${world.rule.level}): ${text.summary}` : m['failure.noRule'];
  const lines = [rule];
  if (text?.allowed) lines.push(`  ${m['failure.allowed']}${text.allowed}`);
  if (text?.risk) lines.push(`  ${m['failure.risk']}${text.risk}`);
  lines.push(`  ${m['failure.step']}${world.stepText}`);
  const detail = (value: string) => localizeDetail(value, world.lang);
  let record: Failure;
  if (error instanceof Mismatch) {
    record = { step: world.stepText, expected: error.expected, received: error.received };
    lines.push(`  ${m['failure.expected']}${detail(error.expected)}`, `  ${m['failure.received']}${detail(error.received)}`);
  } else if (error instanceof AssertionError) {
    record = { step: world.stepText, received: error.message };
    lines.push(`  ${detail(error.message)}`);
  } else if (error instanceof HftpClientError) {
    record = { step: world.stepText, received: error.message };
    lines.push(`  ${m['failure.received']}${detail(error.message)}`);
  } else {
    record = { step: world.stepText, error: error instanceof Error ? error.message : String(error) };
    lines.push(`  ${m['failure.error']}${record.error}`);
  }
  const isVerdict = record.error === undefined;
  if (isVerdict) {
    const hint = world.rule?.level === 'must' || world.rule?.capability === 'concurrency' ? hintFor(world.rule?.id, world.lang) : undefined;
    if (hint) {
      record.hint = hint;
      lines.push(`  ${m['failure.hint']}${hint}`);
    }
  }
  lines.push(`  ${m['failure.transcript']}`, localizeDetail(world.transcript.format('  '), world.lang));
  if (isVerdict && !world.failed) {
    record.reproducer = reproducerOf(world, record);
    lines.push('', `  ${m['failure.reproducer']}`, '', indent(record.reproducer.python, '    '));
    if (record.reproducer.shell) lines.push(`  ${m['failure.shell']}`, indent(record.reproducer.shell, '    '));
  }
  const failure = new Error(lines.join('\n'));
  // A verdict needs no stack trace; a bug in the suite itself does.
  failure.stack = isVerdict ? failure.message : `${failure.message}\n${(error as Error)?.stack ?? ''}`;
  return { error: failure, record };
}

/** The failure's reproducer: the scenario's bytes so far (or the shrunk fuzz sequence), against the target's port. */
function reproducerOf(world: HftpWorld, record: Failure) {
  const { steps, caveats } = world.reproduction ?? stepsFromTranscript(world.transcript.toData());
  const target = world.suite.target;
  const attached = world.suite.config.target.kind === 'attach';
  const m = messages(world.lang);
  const notes = [
    attached ? m['repro.attached'](`${target.host}:${target.port}`) : m['repro.start'],
    ...(world.tags.includes('@managed-dir') ? [m['repro.managedDir']] : []),
  ];
  const text = world.rule ? ruleText(world.rule, world.lang) : null;
  return reproducer(
    steps,
    {
      title: world.rule && text ? `${world.rule.id} (${world.rule.level}): ${text.summary}` : world.scenarioName,
      scenario: world.scenarioName,
      lang: world.lang,
      expected: record.expected && localizeDetail(record.expected, world.lang),
      received: record.received && localizeDetail(record.received.split('\n')[0], world.lang),
      port: attached ? target.port : DEFAULT_PORT,
      host: attached ? target.host : '127.0.0.1',
      notes,
    },
    caveats,
  );
}

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}
