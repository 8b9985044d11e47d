import { defineParameterType, defineStep } from '@cucumber/cucumber';
import { unescapeBytes } from '../../src/client/escape';
import type { HftpWorld } from './world';

/**
 * Step definitions whose failures read as verdicts: every error a step throws is rewritten
 * by the World into rule, expected, received and transcript.
 *
 * `client(...)` patterns come in pairs: "the client sends {string}" speaks of the current
 * client, "client {word} sends {string}" names one (and makes it current).
 */
type StepBody = (this: HftpWorld, ...args: any[]) => unknown;

export function step(patterns: string | RegExp | (string | RegExp)[], body: StepBody, options: { timeout?: number } = {}): void {
  for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
    const wrapped = async function (this: HftpWorld, ...args: unknown[]) {
      try {
        return await body.apply(this, args);
      } catch (error) {
        throw this.failure(error);
      }
    };
    // Cucumber checks a step function's declared arity against its pattern.
    Object.defineProperty(wrapped, 'length', { value: body.length });
    definedByCaller(() => defineStep(pattern, options, wrapped));
  }
}

/**
 * Cucumber records where a step is defined from the call stack of defineStep. Hide this
 * file's frames while it looks, so reports point at the *.steps.ts line, not at this helper.
 */
function definedByCaller(define: () => void): void {
  const original = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    const callers = frames.filter((frame) => frame.getFileName() !== __filename);
    return original ? original(error, callers) : [String(error), ...callers.map((frame) => `    at ${frame}`)].join('\n');
  };
  try {
    define();
  } finally {
    Error.prepareStackTrace = original;
  }
}

/** A step about one client: the same body for "the client ..." and "client X ...". */
export function clientStep(pattern: string, body: (this: HftpWorld, client: string, ...args: any[]) => unknown, options: { timeout?: number } = {}): void {
  const current = function (this: HftpWorld, ...args: unknown[]) {
    return body.call(this, this.current, ...args);
  };
  Object.defineProperty(current, 'length', { value: body.length - 1 });
  step(pattern.replace('{client}', 'the client'), current, options);
  step(pattern.replace('{client}', 'client {word}'), body, options);
}

/** `{bytes}`: a quoted string of wire bytes with escapes, "get_metadata x\r\n". */
defineParameterType({
  name: 'bytes',
  regexp: /"((?:[^"\\]|\\.)*)"/,
  transformer: (text: string) => unescapeBytes(text),
});

/** `{size}`: 5 MiB, 64 KiB, 300 bytes. */
defineParameterType({
  name: 'size',
  regexp: /\d+ (?:bytes|KiB|MiB)/,
  transformer: (text: string) => {
    const [count, unit] = text.split(' ');
    return Number(count) * ({ bytes: 1, KiB: 1024, MiB: 1024 * 1024 } as Record<string, number>)[unit];
  },
});
