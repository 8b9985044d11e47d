/**
 * "How to read this document": the wire notation, the step glossary, the served directory,
 * the levels and the profiles. The meanings are read from beside their data (fixture
 * descriptions, LEVEL_MEANING, CAPABILITY_MEANING, the profiles); the glossary is written
 * here, as it quotes the run's default timeouts from config.ts.
 */
import { configFromEnvironment } from '../conformance/config';
import { CAPABILITIES, CAPABILITY_MEANING, type Profile } from '../conformance/profiles';
import { LEVEL_MEANING, LEVELS } from '../conformance/rules';
import type { Fixture } from '../fixtures/fixture-set';
import { code, inline, table } from './markdown';

/** A file of the served directory, as the guide lists it. */
export type FixtureInfo = Pick<Fixture, 'name' | 'size' | 'description'>;

/** The headings of "How to read this document", in order. */
export const GUIDE_SECTIONS = {
  wire: 'Bytes on the wire',
  scenarios: 'Scenarios',
  directory: 'The served directory',
  levels: 'Levels',
  profiles: 'Profiles and capabilities',
} as const;

export function readingGuide(served: readonly FixtureInfo[], profiles: readonly Profile[]): string[] {
  const defaults = configFromEnvironment({});
  const fixtures = served.map((fixture) => [code(fixture.name), String(fixture.size), fixture.description]);
  return [
    `### ${GUIDE_SECTIONS.wire}`,
    '',
    'A quoted string in code, like `"get_metadata archivo.txt\\r\\n"`, is the exact bytes on the',
    'wire, without the quotes. Inside it, `\\r` is CR (0x0d), `\\n` is LF (0x0a), `\\0` is NUL',
    '(0x00) and `\\xHH` is the byte with hexadecimal value HH (`\\x20` is a space); every other',
    'character is itself: `"qui\\nt\\n\\r\\n"` is nine bytes. In "the server sends the line `"41"`",',
    'the quoted string is the line without its CR LF: the server sends `"41\\r\\n"`.',
    '',
    `### ${GUIDE_SECTIONS.scenarios}`,
    '',
    'Each rule is shown with scenarios: exchanges between clients and the server, written as',
    '**Given** (how things stand), **When** (what a client does) and **Then** (what the server',
    'must do). "Client A" and "client B" are two TCP connections to the server, each opened',
    'when first used; "the client" is the one named last (client A at first), and "the server"',
    'answers on that connection. "A new client" opens a fresh connection. In the steps:',
    '',
    `- "the client sends X" sends the bytes X at once, in one segment (unless the step spreads them out).`,
    '- "the server answers with status N": the next line the server sends is a status line with code N',
    '  (any text).',
    '- "the server sends the line X": the next bytes are X, then CR LF. "the server sends exactly X":',
    '  the next bytes are exactly X.',
    '- "the payload decodes to X": the base64 payload after `0 OK` (one line, or several lines each',
    '  padded on its own) decodes to exactly the bytes X.',
    `- "the server closes the connection": within ${defaults.closeTimeoutMs} ms, with nothing more sent. "the server`,
    `  sends nothing yet" or "nothing more": not a byte for ${defaults.silenceMs} ms.`,
    `- The server has ${defaults.timeoutMs} ms for each expected byte, unless the step gives it longer.`,
    '- "the server\'s answer is one of: ...": any of the listed behaviours passes. `201` is a status',
    '  line with code 201; `101 then close` is status 101, then a close; `close` is a close with no',
    '  status line; `no answer` is nothing at all, the connection staying open.',
    '',
    '**Scenario Outlines** are one scenario per row of their table: each `<name>` in the steps',
    "stands for the value in column `<name>`. A scenario marked *the reference server's own",
    'choice* (tag `@reference`) shows what the reference server does where the protocol allows',
    'several behaviours; other servers need not do the same. A scenario tagged `@managed-dir`',
    'changes the served directory for its own duration (an empty directory, exactly three',
    'files, 1000 files).',
    '',
    `### ${GUIDE_SECTIONS.directory}`,
    '',
    'Unless a scenario says otherwise, the server serves a directory holding exactly these',
    'files:',
    '',
    ...table(['file', 'bytes', 'content'], fixtures, ['l', 'r', 'l']),
    '',
    `### ${GUIDE_SECTIONS.levels}`,
    '',
    'Every rule has an ID (`FRAME-4`) and a level:',
    '',
    ...LEVELS.map((level) => `- ${code(level)}: ${LEVEL_MEANING[level]}.`),
    '',
    'Where the statements allow more than one behaviour, the rule says what is **allowed**: a',
    'conforming server may do any one of those things, and the scenarios accept each of them.',
    'Any other answer fails (for an `info` rule, it is only recorded, never a failure).',
    '',
    `### ${GUIDE_SECTIONS.profiles}`,
    '',
    "The statements of different years ask for different things. A **profile** is one year's",
    'set of **capabilities**; a rule that needs a capability is skipped where it is off.',
    '',
    ...table(
      ['profile', 'what it is', 'capabilities', 'should rules'],
      profiles.map((profile) => [
        code(profile.name),
        inline(profile.description),
        profile.capabilities.length ? profile.capabilities.map(code).join(', ') : 'none',
        profile.strict ? 'fail' : 'warn',
      ]),
    ),
    '',
    ...table(
      ['capability', 'what it adds'],
      CAPABILITIES.map((capability) => [code(capability), CAPABILITY_MEANING[capability]]),
    ),
    '',
  ];
}
