import fc from 'fast-check';
import { escapeBytes } from '../src/client/escape';
import { DEFAULT_SEED } from '../src/conformance/config';
import { byteLine, fuzzSequence, hftpLine, requestCount, type FuzzSequence } from '../src/conformance/fuzz';
import { messages } from '../src/i18n';
import { step } from './support/dsl';
import { runSequence, sequenceSteps, type SequenceOutcome } from './support/fuzz-sequence';
import { Mismatch } from './support/mismatch';
import type { FuzzRun, HftpWorld } from './support/world';

/*
 * Random noise and random valid-looking requests (ROBUST-4), with fast-check: a failing
 * sequence is shrunk, within a budget, to the fewest requests that still fail, replayed
 * into the transcript and turned into the reproducer.
 */

/** Erroneous requests per connection stay under the error limit of the design we follow (5). */
const REQUESTS_PER_CONNECTION = 3;
/** Clients of one random sequence, at most; the step runs as many sequences as it names clients. */
const CLIENTS_PER_SEQUENCE = 3;
/**
 * Shrinking is bounded: it stops after this long, or this many smaller sequences tried,
 * and reports the smallest failing sequence found so far (saying so). Measured against the
 * zoo's dies-on-hex (a Python server whose process exits on one request, restarted for
 * every attempt): see test/student-servers/README.md.
 */
const SHRINK_BUDGET_MS = 30_000;
const SHRINK_MAX_ATTEMPTS = 300;

for (const kind of ['lines of random bytes', 'random valid-looking requests'] as const) {
  step(
    `{int} clients each send ${REQUESTS_PER_CONNECTION} ${kind}`,
    async function (this: HftpWorld, count: number) {
      const m = messages(this.lang);
      const seed = this.suite.config.seed ?? DEFAULT_SEED;
      const run: FuzzRun = { seed, failure: null };
      this.fuzzRun = run;
      this.note(m['fuzz.seed'](seed));
      const files = [...this.suite.fixtures.values()].filter((f) => f.size < 1024 * 1024).map((f) => ({ name: f.name, size: f.size }));
      const line = kind === 'lines of random bytes' ? byteLine() : hftpLine(files);
      const sequences = fuzzSequence(line, CLIENTS_PER_SEQUENCE, REQUESTS_PER_CONNECTION);
      const target = this.suite.target;
      const answers = new Map<string, number>();
      let clients = 0;
      let requests = 0;
      let runs = 0;
      let firstFailureAt: number | null = null;
      let shrinkAttempts = 0;
      let budgetSpent = false;
      let serving = true;
      let firstFailing: FuzzSequence | null = null;
      /** Why shrinking is not possible, when it is not (a target that cannot be restarted, a server that said nothing at all). */
      let noShrink: string | null = target.restartable ? null : m['fuzz.notShrunk'];

      /** Whether the shrinking budget allows one more attempt. */
      const mayAttempt = (): boolean => {
        if (noShrink) return false;
        if (Date.now() - (firstFailureAt ?? Date.now()) > SHRINK_BUDGET_MS || shrinkAttempts >= SHRINK_MAX_ATTEMPTS) {
          budgetSpent = true;
          return false;
        }
        return true;
      };
      /** Run one sequence on a server that serves (restarted first if the last one stopped it), then check a fresh client. Null when it cannot. */
      const attempt = async (sequence: FuzzSequence): Promise<SequenceOutcome | null> => {
        if (!serving) {
          const restarted = await target.recover().then(
            () => true,
            () => false,
          );
          if (!restarted) {
            noShrink = m['fuzz.notRestarted'];
            return null;
          }
          serving = true;
        }
        const outcome = await runSequence(this, sequence);
        // A fresh client after the sequence: a crash shows here, whatever the sequence read.
        const problem = await target.checkHealth(this.suite.healthTimeoutMs);
        if (problem) {
          serving = false;
          outcome.failures.push(`after this sequence, ${problem}`);
        }
        return outcome;
      };

      const property = fc.asyncProperty(sequences, async (sequence) => {
        if (firstFailureAt !== null) {
          // Shrinking: bounded, and only where the server can be brought back for each attempt.
          if (!mayAttempt()) return true;
          shrinkAttempts++;
        }
        const outcome = await attempt(sequence);
        if (!outcome) return true;
        if (firstFailureAt === null) {
          runs++;
          clients += sequence.length;
          requests += requestCount(sequence);
          for (const [k, v] of outcome.answers) answers.set(k, (answers.get(k) ?? 0) + v);
        }
        if (outcome.failures.length === 0) return true;
        if (firstFailureAt === null) {
          firstFailureAt = Date.now();
          firstFailing = sequence;
          // Nothing to learn from smaller sequences when the server said nothing at all and kept the connections waiting.
          if (outcome.received === 0 && outcome.silent) noShrink = m['fuzz.silent'];
        }
        throw new Error(outcome.failures.join('\n'));
      });
      const details = await fc.check(property, { seed: seed + (kind === 'lines of random bytes' ? 0 : 1), numRuns: Math.max(1, count) });
      this.note(m['fuzz.runs'](runs, clients, requests));
      this.note(m['fuzz.answers']([...answers].map(([k, v]) => `${k} ${v}`).join(', ')));
      if (!details.failed || !details.counterexample) {
        if (!serving) await target.recover().catch(() => undefined);
        return;
      }
      let minimal = details.counterexample[0];
      let why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.error ?? '');
      // fast-check shrinks a list by dropping its first elements and simplifying each one; a
      // request after the one that broke the server stays. One pass that tries the sequence
      // without each request in turn (last first) takes those away, within the same budget.
      for (let c = minimal.length - 1; c >= 0 && !noShrink; c--) {
        for (let r = minimal[c].length - 1; r >= 0; r--) {
          if (requestCount(minimal) === 1 || !mayAttempt()) break;
          const candidate = minimal.map((client, i) => (i === c ? client.filter((_, k) => k !== r) : client)).filter((client) => client.length > 0);
          shrinkAttempts++;
          const outcome = await attempt(candidate);
          if (outcome && outcome.failures.length > 0) {
            minimal = candidate;
            why = outcome.failures.join('\n');
          }
          if (c >= minimal.length) break;
        }
      }
      if (!serving) await target.recover().catch(() => undefined);
      const from = firstFailing ? requestCount(firstFailing) : requestCount(minimal);
      const shrinkSeconds = firstFailureAt === null ? '0' : ((Date.now() - firstFailureAt) / 1000).toFixed(1);
      const how = noShrink ?? m['fuzz.shrunk'](requestCount(minimal), minimal.length, from, shrinkAttempts, shrinkSeconds);
      this.note(how);
      if (budgetSpent) this.note(m['fuzz.budget'](SHRINK_BUDGET_MS / 1000));
      const shown = minimal
        .map((client, c) =>
          client
            .map((r) => `client ${c + 1}: "${escapeBytes(r.line.subarray(0, 120))}"${r.line.length > 120 ? ` (${r.line.length} bytes)` : ''}`)
            .join('\n    '),
        )
        .join('\n    ');
      run.failure = {
        expected: `only well-formed answers, and a fresh client served afterwards (seed ${seed}; replay with --seed ${seed})`,
        received: `${why.split('\n').join('; ')}\n    ${m['fuzz.minimal']}\n    ${shown}\n    ${how}`,
      };
      this.reproduction = { steps: sequenceSteps(minimal), caveats: [] };
      // The scenario's transcript shows the minimal sequence itself, on a server that serves.
      if (target.restartable) {
        await target.recover().catch(() => undefined);
        await runSequence(this, minimal, this.transcript);
      }
    },
    { timeout: 150_000 },
  );
}

step('every answer was a well-formed status line, with the right content, or a close', function (this: HftpWorld) {
  const run = this.fuzzRun;
  if (!run) throw new Error('no fuzzing ran in this scenario');
  if (run.failure) throw new Mismatch(run.failure.expected, run.failure.received);
});
