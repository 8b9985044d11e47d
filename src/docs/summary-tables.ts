/**
 * The two tables before the areas of docs/PROTOCOL.md: the status codes (from
 * src/protocol/status-code.ts, meanings included) and every rule with how each profile
 * treats it.
 */
import type { Profile } from '../conformance/profiles';
import { LEVELS } from '../conformance/rules';
import { isFatal, STATUS, StatusCode } from '../protocol/status-code';
import type { RuleDoc } from './feature-model';
import { code, inline, table } from './markdown';
import { profileCell } from './profile-cells';

export function statusTable(): string[] {
  const codes = Object.values(StatusCode)
    .filter((value): value is StatusCode => typeof value === 'number')
    .sort((a, b) => a - b);
  return [
    "The text after the code is the implementer's choice (any non-empty text); the table shows",
    "the course skeleton's. 1xx codes are fatal: the server sends the status line, then closes",
    'the connection. 2xx codes refuse one request, and the connection goes on.',
    '',
    ...table(
      ['code', 'status line', 'meaning', 'then'],
      codes.map((status) => [
        String(status),
        code(`"${status} ${STATUS[status].text}\\r\\n"`),
        STATUS[status].meaning,
        isFatal(status) ? 'the server closes the connection' : 'the connection goes on',
      ]),
      ['r', 'l', 'l', 'l'],
    ),
    '',
  ];
}

export function rulesTable(rules: readonly RuleDoc[], anchors: ReadonlyMap<string, string>, profiles: readonly Profile[]): string[] {
  const counts = LEVELS.map((level) => `${rules.filter((rule) => rule.level === level).length} ${level}`).join(', ');
  return [
    `${rules.length} rules: ${counts}. For each profile: \`required\`, a failure makes the server not`,
    'conformant; `warn`, a failure is a warning; `info`, the answer is recorded; `-`, not run.',
    "*own choice*: the reference profile also checks the reference server's own choice.",
    '',
    ...table(
      ['rule', 'level', 'capability', ...profiles.map((profile) => profile.name), 'summary'],
      rules.map((rule) => {
        const anchor = anchors.get(rule.id);
        const id = anchor ? `[${rule.id}](#${anchor})` : rule.id;
        const ownChoice = rule.scenarios.some((doc) => doc.tags.includes('@reference'));
        return [
          id,
          rule.level,
          [...rule.capabilities.map(code), ...rule.without.map((c) => `without ${code(c)}`)].join(', '),
          ...profiles.map((profile) => {
            const base = profileCell(rule, profile);
            return profile.reference && ownChoice && base !== '-' ? `${base}, *own choice*` : base;
          }),
          inline(rule.text),
        ];
      }),
    ),
    '',
  ];
}
