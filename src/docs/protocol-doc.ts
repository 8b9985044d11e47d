/**
 * docs/PROTOCOL.md, rendered from the feature files and the rule catalogue: a description
 * of HFTP that reads on its own, with every rule and every scenario as a wire exchange.
 *
 * Pure: the caller reads the feature files and the fixture set (scripts/render-docs.ts,
 * and the test that checks the committed file is up to date); the same input always gives
 * the same document, byte for byte.
 */
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import {
  IdGenerator,
  type Background,
  type Comment,
  type DataTable,
  type Examples,
  type Feature,
  type GherkinDocument,
  type Rule as GherkinRule,
  type Scenario,
  type Step,
  type Tag,
} from '@cucumber/messages';
import { configFromEnvironment } from '../conformance/config';
import { CAPABILITIES, PROFILES, type Capability, type Profile } from '../conformance/profiles';
import { RULES, RULE_TAG, type Level, type Rule } from '../conformance/rules';
import { isFatal, STATUS, StatusCode } from '../protocol/status-code';
import { DEFAULT_PORT } from '../protocol/wire';

/** One feature file: its basename without `.feature`, and its text. */
export interface FeatureSource {
  name: string;
  text: string;
}

/** A file of the served directory. */
export interface FixtureInfo {
  name: string;
  size: number;
}

export interface DocInput {
  features: readonly FeatureSource[];
  fixtures: readonly FixtureInfo[];
  rules?: readonly Rule[];
  profiles?: Readonly<Record<string, Profile>>;
}

/** The protocol areas, in the order the document presents them. Other features follow. */
export const AREA_ORDER: readonly string[] = [
  'framing',
  'status-and-connection',
  'commands',
  'listing',
  'metadata',
  'slices',
  'quit',
  'names-and-safety',
  'clients',
  'robustness',
  'design-extensions',
  'revision-2026',
];

/** What each capability adds. */
export const CAPABILITY_MEANING: Readonly<Record<Capability, string>> = {
  concurrency: 'several clients are served at the same time (the statements since 2024)',
  'hftp-2026': 'the 2026 revision: the `help` command, raw slices, and 101 for an empty line',
  'internal-error': 'a failure inside the server (a file it cannot read) gets 199, then close',
  'error-limit': 'after MAX_ERRORS error answers on one connection, the server answers 101 and closes',
  'ascii-check': 'a request with a byte above 0x7f gets 101, then close',
};

/** The files every scenario finds in the served directory, unless it says otherwise. */
export const FIXTURE_CONTENT: Readonly<Record<string, string>> = {
  'abc600.txt': "100 `a`, then 200 `b`, then 300 `c` (the course's partial-slices file)",
  'archivo.txt': "the statement's example: `!Que calor que hace hoy, pinta una birra!`",
  'bytes256.bin': 'every byte value once, 0 to 255, in order',
  'empty.txt': 'nothing: an empty file',
  'nul300.bin': '100 `A`, then 100 NUL bytes, then 100 `B`',
  'pangram.txt': "the course's full-slice file: `The quick brown fox jumped over the lazy dog`",
  'x123459.txt': "all `x` (the course's metadata file)",
  'big33M.bin': "the course's big file: 254 blocks of 128 KiB, block *i* filled with byte *i*",
};

const LEVEL_MEANING: Readonly<Record<Level, string>> = {
  must: 'the statements require it; a failure makes the server not conformant',
  should: 'robustness the statements ask for in general words; a failure is a warning, unless the run is strict',
  ext: 'an extension a server opts into (a capability); when the capability is on, it is required like a must rule',
  info: 'the statements are silent; every allowed answer passes, and the run records which one it saw',
};

const LEVEL_ORDER: readonly Level[] = ['must', 'should', 'ext', 'info'];

// ------------------------------------------------------------------ markdown helpers

/** A code span holding `text` literally (GitHub shows backslashes and spaces as they are). */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((run) => run.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (/^ .*[^ ]/.test(text) && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain text, escaped so that markdown shows it as written. */
export function escapeText(text: string): string {
  return text
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*`~[\]])/g, '\\$1')
    .replace(/(^|[^A-Za-z0-9])_|_(?=$|[^A-Za-z0-9])/g, (match) => match.replace('_', '\\_'))
    .replace(/^(\s*)([-+]|#+|\d+[.)])(?=\s|$)/, '$1\\$2');
}

const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;
const PLACEHOLDER = /<[^<>\s"][^<>"]*>/g;

/**
 * A line of feature text: quoted strings (exact bytes) become code spans, quotes kept;
 * with `placeholders`, so do the `<name>`s of a Scenario Outline; the rest is escaped.
 */
export function inline(text: string, options: { placeholders?: boolean } = {}): string {
  const pattern = options.placeholders ? new RegExp(`${QUOTED.source}|${PLACEHOLDER.source}`, 'g') : new RegExp(QUOTED.source, 'g');
  let out = '';
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    out += escapeText(text.slice(at, match.index));
    out += code(match[0]);
    at = (match.index ?? 0) + match[0].length;
  }
  return out + escapeText(text.slice(at));
}

/** The anchor GitHub gives a heading with this text (github-slugger's rules). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** A table cell: one line, pipes escaped (inside code spans too, as GitHub requires). */
function cell(markdown: string): string {
  return markdown.replace(/\n/g, ' ').replace(/\|/g, '\\|');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r' | 'c')[]): string[] {
  const rule = header.map((_, i) => ({ l: '---', r: '---:', c: ':---:' })[align?.[i] ?? 'l']);
  return [header, rule, ...rows].map((row) => `| ${row.map((text, i) => (row === rule ? text : cell(text)) || ' ').join(' | ')} |`);
}

/**
 * A table cell as written in the feature file. Gherkin turns the escape `\n` of a cell
 * into a real LF; the document shows it, and any other control byte, in wire notation again.
 */
function wireCell(value: string): string {
  return value.replace(/[\0-\x1f\x7f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Feature and rule descriptions: prose paragraphs, and indented blocks as fenced text. */
function description(text: string): string[] {
  const lines = text.replace(/\s+$/, '').split('\n');
  const indent = (line: string) => line.length - line.trimStart().length;
  const common = Math.min(...lines.filter((line) => line.trim()).map(indent));
  const dedented = lines.map((line) => (line.trim() ? line.slice(common) : ''));
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    if (paragraph.every((line) => indent(line) >= 4)) {
      const inner = Math.min(...paragraph.map(indent));
      out.push('```text', ...paragraph.map((line) => line.slice(inner).trimEnd()), '```', '');
    } else {
      out.push(...paragraph.map((line) => inline(line.trim())), '');
    }
    paragraph = [];
  };
  for (const line of dedented) {
    if (line) paragraph.push(line);
    else flush();
  }
  flush();
  return out;
}

// ------------------------------------------------------------------ the model

interface ScenarioDoc {
  scenario: Scenario;
  tags: string[];
  notes: string[];
}

interface RuleDoc {
  id: string;
  /** The Rule's text, after "ID: ". */
  text: string;
  level: Level;
  catalogue?: Rule;
  capabilities: string[];
  /** Capabilities whose absence the rule is about (`@without-ascii-check`). */
  without: string[];
  description: string;
  backgrounds: Background[];
  notes: string[];
  scenarios: ScenarioDoc[];
}

interface AreaDoc {
  name: string;
  feature: Feature;
  backgrounds: Background[];
  notes: string[];
  rules: RuleDoc[];
  /** Scenarios outside any Rule: block. */
  scenarios: ScenarioDoc[];
}

const tagNames = (tags: readonly Tag[]): string[] => tags.map((tag) => tag.name);

function parse(source: FeatureSource): GherkinDocument {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  try {
    return parser.parse(source.text);
  } catch (error) {
    throw new Error(`features/${source.name}.feature: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The first and last line a scenario occupies (tags, steps, tables, examples). */
function span(scenario: Scenario): [number, number] {
  const lines = [
    scenario.location.line,
    ...scenario.tags.map((tag) => tag.location.line),
    ...scenario.steps.flatMap((step) => [
      step.location.line,
      ...(step.dataTable?.rows.map((row) => row.location.line) ?? []),
      ...(step.docString ? [step.docString.location.line + step.docString.content.split('\n').length + 1] : []),
    ]),
    ...scenario.examples.flatMap((examples) => [
      examples.location.line,
      ...examples.tags.map((tag) => tag.location.line),
      ...(examples.tableHeader ? [examples.tableHeader.location.line] : []),
      ...examples.tableBody.map((row) => row.location.line),
    ]),
  ];
  return [Math.min(...lines), Math.max(...lines)];
}

const commentText = (comment: Comment): string => comment.text.trim().replace(/^#\s?/, '').trim();

/** Where comments may land: a rule (or the feature) and its scenarios, over a range of lines. */
interface Slot {
  /** The slot holds the lines after `after`, up to `last` included. */
  after: number;
  last: number;
  notes: string[];
  scenarios: ScenarioDoc[];
}

/**
 * Comments are notes for the reader. One inside a scenario belongs to it; one between two
 * scenarios, to the scenario it precedes; one before a rule's first scenario, to the rule.
 * Consecutive comment lines make one note.
 */
function placeComments(comments: readonly Comment[], slots: readonly Slot[]): void {
  let previousLine = -1;
  let previousNotes: string[] | undefined;
  for (const comment of [...comments].sort((a, b) => a.location.line - b.location.line)) {
    const line = comment.location.line;
    const slot = slots.find((s) => line > s.after && line <= s.last);
    if (!slot) continue;
    const spans = slot.scenarios.map((doc) => span(doc.scenario));
    let notes = slot.notes;
    const inside = spans.findIndex(([first, last]) => line >= first && line <= last);
    const next = spans.findIndex(([first]) => first > line);
    if (inside >= 0) notes = slot.scenarios[inside].notes;
    else if (next > 0) notes = slot.scenarios[next].notes;
    else if (next === -1 && spans.length > 0) notes = slot.scenarios[spans.length - 1].notes;
    const text = commentText(comment);
    if (notes === previousNotes && line === previousLine + 1 && notes.length > 0) notes[notes.length - 1] += ` ${text}`;
    else notes.push(text);
    previousLine = line;
    previousNotes = notes;
  }
}

function scenarioDocs(scenarios: readonly Scenario[], inherited: string[]): ScenarioDoc[] {
  return scenarios.map((scenario) => ({ scenario, tags: [...inherited, ...tagNames(scenario.tags)], notes: [] }));
}

function buildArea(name: string, document: GherkinDocument, catalogue: ReadonlyMap<string, Rule>): AreaDoc {
  const feature = document.feature;
  if (!feature) throw new Error(`features/${name}.feature has no Feature`);
  const featureTags = tagNames(feature.tags);
  const area: AreaDoc = { name, feature, backgrounds: [], notes: [], rules: [], scenarios: [] };
  const loose: Scenario[] = [];
  const ruleNodes: GherkinRule[] = [];
  for (const child of feature.children) {
    if (child.background) area.backgrounds.push(child.background);
    if (child.scenario) loose.push(child.scenario);
    if (child.rule) ruleNodes.push(child.rule);
  }
  area.scenarios = scenarioDocs(loose, featureTags);
  const lastOf = (first: number, text: string, scenarios: readonly ScenarioDoc[]) =>
    Math.max(first + text.split('\n').length, ...scenarios.map((doc) => span(doc.scenario)[1]));
  const slots: Slot[] = [
    { after: feature.location.line, last: lastOf(feature.location.line, feature.description, area.scenarios), notes: area.notes, scenarios: area.scenarios },
  ];
  for (const node of ruleNodes) {
    const tags = [...featureTags, ...tagNames(node.tags)];
    const idTag = tags.find((tag) => RULE_TAG.test(tag));
    const id = idTag ? idTag.slice(1) : node.name.split(':')[0].trim();
    const text = node.name.startsWith(`${id}:`) ? node.name.slice(id.length + 1).trim() : node.name;
    const entry = catalogue.get(id);
    const levelTag = tags.find((tag) => LEVEL_ORDER.includes(tag.slice(1) as Level));
    const level: Level = entry?.level ?? (levelTag?.slice(1) as Level | undefined) ?? 'must';
    const capabilities = [
      ...new Set([
        ...(entry?.capability ? [entry.capability] : []),
        ...tags.map((tag) => tag.slice(1)).filter((tag) => (CAPABILITIES as readonly string[]).includes(tag)),
      ]),
    ];
    const without = tags.filter((tag) => tag.startsWith('@without-')).map((tag) => tag.slice('@without-'.length));
    const scenarios = scenarioDocs(
      node.children.flatMap((child) => (child.scenario ? [child.scenario] : [])),
      tags,
    );
    const rule: RuleDoc = {
      id,
      text,
      level,
      catalogue: entry,
      capabilities,
      without,
      description: node.description,
      backgrounds: node.children.flatMap((child) => (child.background ? [child.background] : [])),
      notes: [],
      scenarios,
    };
    area.rules.push(rule);
    slots.push({ after: slots[slots.length - 1].last, last: lastOf(node.location.line, node.description, scenarios), notes: rule.notes, scenarios });
  }
  slots[slots.length - 1].last = Number.MAX_SAFE_INTEGER;
  placeComments(document.comments, slots);
  return area;
}

/** The feature files in the document's order: AREA_ORDER first, then any other, by name. */
export function orderAreas<T extends { name: string }>(features: readonly T[]): T[] {
  const rank = (name: string) => {
    const index = AREA_ORDER.indexOf(name);
    return index === -1 ? AREA_ORDER.length : index;
  };
  return [...features].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// ------------------------------------------------------------------ profiles

/** How a profile treats a rule: `required`, `warn`, `info`, or `-` (not run). */
export function profileCell(rule: { level: Level; capabilities: readonly string[]; without: readonly string[] }, profile: Profile): string {
  const has = (capability: string) => (profile.capabilities as readonly string[]).includes(capability);
  if (!rule.capabilities.every(has)) return '-';
  if (rule.without.some(has)) return '-';
  switch (rule.level) {
    case 'must':
    case 'ext':
      return 'required';
    case 'should':
      return profile.strict ? 'required' : 'warn';
    case 'info':
      return 'info';
  }
}

// ------------------------------------------------------------------ rendering

class Headings {
  private readonly used = new Map<string, number>();

  /** The heading line, and the anchor GitHub gives it. */
  add(level: number, text: string, markdown = inline(text)): { line: string; anchor: string } {
    const base = slug(text);
    const count = this.used.get(base) ?? 0;
    this.used.set(base, count + 1);
    return { line: `${'#'.repeat(level)} ${markdown}`, anchor: count === 0 ? base : `${base}-${count}` };
  }
}

function stepLine(step: Step, outline: boolean): string[] {
  const keyword = step.keyword.trim();
  let text = inline(step.text, { placeholders: outline });
  const lines: string[] = [];
  const rows = step.dataTable?.rows ?? [];
  if (rows.length > 0 && rows.every((row) => row.cells.length === 1)) {
    text += ` ${rows.map((row) => code(wireCell(row.cells[0].value))).join(', ')}`;
  }
  lines.push(`- **${keyword}** ${text}`);
  if (rows.length > 0 && !rows.every((row) => row.cells.length === 1)) lines.push('', ...dataTable(step.dataTable as DataTable).map((line) => `  ${line}`), '');
  if (step.docString) {
    const fence = step.docString.content.includes('```') ? '~~~~' : '```';
    lines.push('', `  ${fence}${step.docString.mediaType ?? 'text'}`, ...step.docString.content.split('\n').map((line) => `  ${line}`), `  ${fence}`, '');
  }
  return lines;
}

function dataTable(dataTable: DataTable): string[] {
  const [header, ...body] = dataTable.rows.map((row) => row.cells.map((c) => code(wireCell(c.value))));
  return table(header, body);
}

function stepList(steps: readonly Step[], outline: boolean): string[] {
  return steps.flatMap((step) => stepLine(step, outline));
}

/** The Examples of an outline: placeholders used inside a quoted string are bytes. */
function examplesTable(scenario: Scenario, examples: Examples): string[] {
  const header = examples.tableHeader?.cells.map((c) => c.value) ?? [];
  const quoted = (name: string) => scenario.steps.some((step) => [...step.text.matchAll(QUOTED)].some((match) => match[0].includes(`<${name}>`)));
  const rows = examples.tableBody.map((row) =>
    row.cells.map((c, i) => {
      const value = wireCell(c.value);
      return quoted(header[i]) ? code(value) : inline(value);
    }),
  );
  return table(
    header.map((name) => code(`<${name}>`)),
    rows,
  );
}

function tagList(tags: readonly string[]): string {
  return tags.map((tag) => code(tag)).join(' ');
}

/** The tags worth showing on a scenario: its own, except the rule's ID and level. */
function ownTags(doc: ScenarioDoc, inherited: readonly string[]): string[] {
  return doc.tags.filter((tag) => !inherited.includes(tag));
}

function renderScenario(doc: ScenarioDoc, inherited: readonly string[]): string[] {
  const { scenario } = doc;
  const outline = scenario.examples.length > 0;
  const tags = ownTags(doc, inherited);
  const keyword = scenario.keyword.trim();
  const onlyPlaceholder = outline && /^<[^<>]+>$/.test(scenario.name.trim());
  let title = onlyPlaceholder
    ? `**${keyword}:** one scenario per row below, each named by its ${code(scenario.name.trim())}`
    : `**${keyword}: ${inline(scenario.name, { placeholders: outline })}**`;
  if (outline && !onlyPlaceholder) title += ', one scenario per row below';
  const marks: string[] = [];
  if (tags.includes('@reference')) marks.push("*the reference server's own choice*");
  if (tags.length > 0) marks.push(tagList(tags));
  const lines = [`${title}${marks.length ? ` — ${marks.join(' ')}` : ''}`, ''];
  for (const note of doc.notes) lines.push(`> ${inline(note)}`, '');
  if (scenario.description.trim()) lines.push(...description(scenario.description));
  lines.push(...stepList(scenario.steps, outline), '');
  for (const examples of scenario.examples) {
    const label = [examples.name ? inline(examples.name) : '', tagList(tagNames(examples.tags))].filter(Boolean).join(' ');
    if (label || scenario.examples.length > 1) lines.push(`*${examples.keyword.trim()}*${label ? `: ${label}` : ''}`, '');
    lines.push(...examplesTable(scenario, examples), '');
  }
  return lines;
}

function renderBackground(background: Background, where: string): string[] {
  const name = background.name ? `: ${inline(background.name)}` : '';
  return [`**${background.keyword.trim()}${name}**, before every scenario of ${where}`, '', ...stepList(background.steps, false), ''];
}

/** "a", "a and b", "a, b and c". */
function words(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const CELL_WORDS: Readonly<Record<string, string>> = { required: 'required', warn: 'a warning, not a failure,', info: 'recorded', '-': 'not run' };

/** "required in course-2026 and reference; not run in course-2021 and course-2024". */
export function profileSummary(rule: { level: Level; capabilities: readonly string[]; without: readonly string[] }, profiles: readonly Profile[]): string {
  const groups = new Map<string, string[]>();
  for (const profile of profiles) {
    const cellText = profileCell(rule, profile);
    groups.set(cellText, [...(groups.get(cellText) ?? []), profile.name]);
  }
  if (groups.size === 1) return `${CELL_WORDS[[...groups.keys()][0]]} in every profile`;
  return [...groups].map(([cellText, names]) => `${CELL_WORDS[cellText]} in ${words(names)}`).join('; ');
}

function ruleFacts(rule: RuleDoc, profiles: readonly Profile[]): string[] {
  const level = [
    code(rule.level),
    ...rule.capabilities.map((capability) => `capability ${code(capability)}`),
    ...rule.without.map((capability) => `only for servers without ${code(capability)}`),
  ];
  const facts = [`- **Level:** ${level.join(', ')}.`, `- **Profiles:** ${profileSummary(rule, profiles)}.`];
  if (rule.catalogue?.allowed) facts.push(`- **Allowed:** ${inline(rule.catalogue.allowed)}.`);
  if (!rule.catalogue) facts.push('- *Not in the rule catalogue.*');
  return [...facts, ''];
}

function renderRule(rule: RuleDoc, heading: { line: string }, profiles: readonly Profile[], featureTags: readonly string[]): string[] {
  const inherited = [...featureTags, `@${rule.id}`, `@${rule.level}`, ...rule.capabilities.map((c) => `@${c}`), ...rule.without.map((c) => `@without-${c}`)];
  const lines = [heading.line, '', ...ruleFacts(rule, profiles)];
  if (rule.description.trim()) lines.push(...description(rule.description));
  for (const note of rule.notes) lines.push(`> ${inline(note)}`, '');
  for (const background of rule.backgrounds) lines.push(...renderBackground(background, 'this rule'));
  for (const scenario of rule.scenarios) lines.push(...renderScenario(scenario, inherited));
  return lines;
}

function introduction(): string[] {
  return [
    'HFTP, the Home-made File Transfer Protocol, is the protocol of lab 2 of "Redes y Sistemas',
    'Distribuidos" (FaMAF, Universidad Nacional de Córdoba). A server shares the files of one',
    `directory over TCP, on port ${DEFAULT_PORT} unless told otherwise. A client connects, asks for the list of`,
    'files, the size of a file or a slice of its bytes, and ends with `quit`.',
    '',
    '- A **request** is one line of ASCII text: a command, then its arguments, separated by one',
    '  space, ended by CR LF (`\\r\\n`).',
    '- The server answers **each request with exactly one response**, in the order the',
    '  requests arrived, and never sends anything unasked. A response starts with a **status',
    '  line**, the code in decimal, a space, a text and CR LF (`0 OK\\r\\n`); a successful answer',
    '  may go on with lines of data, each ended by CR LF. File bytes travel in base64.',
    '- A connection carries any number of requests, until the client sends `quit` or the server',
    '  closes it after a fatal error (a 1xx status).',
    '',
    ...table(
      ['request', 'answer when it succeeds'],
      [
        [code('get_file_listing\\r\\n'), '`0 OK\\r\\n`, one line per file served, then an empty line'],
        [code('get_metadata FILENAME\\r\\n'), '`0 OK\\r\\n`, then the size of the file in bytes, in decimal, on one line'],
        [code('get_slice FILENAME OFFSET SIZE\\r\\n'), '`0 OK\\r\\n`, then SIZE bytes of the file from byte OFFSET (counted from 0), in base64, on one line'],
        [code('quit\\r\\n'), '`0 OK\\r\\n`, then the server closes the connection'],
      ],
    ),
    '',
    'The 2026 revision adds `help` and a raw form of `get_slice` (see [the 2026 revision](#AREA:revision-2026)).',
    'A short session:',
    '',
    '```text',
    'client: get_metadata archivo.txt\\r\\n',
    'server: 0 OK\\r\\n',
    '        41\\r\\n',
    'client: get_slice archivo.txt 5 20\\r\\n',
    'server: 0 OK\\r\\n',
    '        Y2Fsb3IgcXVlIGhhY2UgaG95LCA=\\r\\n',
    'client: verdura\\r\\n',
    'server: 200 NO SUCH COMMAND\\r\\n',
    'client: quit\\r\\n',
    'server: 0 OK\\r\\n',
    '        (closes the connection)',
    '```',
    '',
    'This document is generated from the feature files of the conformance suite: every',
    'exchange below is a test that the suite runs against a server.',
    '',
  ];
}

/** The headings of "How to read this document", in order. */
const GUIDE_SECTIONS = {
  wire: 'Bytes on the wire',
  scenarios: 'Scenarios',
  directory: 'The served directory',
  levels: 'Levels',
  profiles: 'Profiles and capabilities',
} as const;

function readingGuide(input: DocInput, profiles: readonly Profile[]): string[] {
  const defaults = configFromEnvironment({});
  const fixtures = input.fixtures.map((fixture) => [code(fixture.name), String(fixture.size), FIXTURE_CONTENT[fixture.name] ?? '']);
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
    ...LEVEL_ORDER.map((level) => `- ${code(level)}: ${LEVEL_MEANING[level]}.`),
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

function statusTable(): string[] {
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

function rulesTable(rules: readonly RuleDoc[], anchors: ReadonlyMap<string, string>, profiles: readonly Profile[]): string[] {
  const counts = LEVEL_ORDER.map((level) => `${rules.filter((rule) => rule.level === level).length} ${level}`).join(', ');
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
          inline(rule.catalogue?.summary ?? rule.text),
        ];
      }),
    ),
    '',
  ];
}

/** docs/PROTOCOL.md. */
export function renderProtocolDoc(input: DocInput): string {
  const catalogueRules = input.rules ?? RULES;
  const profiles = Object.values(input.profiles ?? PROFILES);
  const catalogue = new Map(catalogueRules.map((rule) => [rule.id, rule]));
  const areas = orderAreas(input.features).map((source) => buildArea(source.name, parse(source), catalogue));

  // Catalogue rules that no Rule: block states still get a heading, at the end.
  const stated = new Set(areas.flatMap((area) => area.rules.map((rule) => rule.id)));
  const unstated: RuleDoc[] = catalogueRules
    .filter((rule) => !stated.has(rule.id))
    .map((rule) => ({
      id: rule.id,
      text: rule.summary,
      level: rule.level,
      catalogue: rule,
      capabilities: rule.capability ? [rule.capability] : [],
      without: [],
      description: '',
      backgrounds: [],
      notes: [],
      scenarios: areas.flatMap((area) => [...area.scenarios, ...area.rules.flatMap((r) => r.scenarios)]).filter((doc) => doc.tags.includes(`@${rule.id}`)),
    }));

  // Headings first, so that the tables can link to them.
  const headings = new Headings();
  const title = headings.add(1, 'HFTP: the protocol');
  // In the order of the page, as GitHub numbers repeated headings in that order.
  const contents = headings.add(2, 'Contents');
  const reading = headings.add(2, 'How to read this document');
  for (const text of Object.values(GUIDE_SECTIONS)) headings.add(3, text);
  const fixed = {
    contents,
    reading,
    status: headings.add(2, 'Status codes'),
    rules: headings.add(2, 'Rules by level and profile'),
  };
  const areaHeadings = areas.map((area) => headings.add(2, area.feature.name));
  const ruleHeadings = new Map<RuleDoc, { line: string; anchor: string }>();
  areas.forEach((area) => {
    for (const rule of area.rules) ruleHeadings.set(rule, headings.add(3, `${rule.id}: ${rule.text}`));
  });
  const otherHeading = unstated.length > 0 ? headings.add(2, 'Rules without a Rule block') : undefined;
  for (const rule of unstated) ruleHeadings.set(rule, headings.add(3, `${rule.id}: ${rule.text}`));
  const anchors = new Map([...ruleHeadings].map(([rule, heading]) => [rule.id, heading.anchor]));
  const allRules = [...areas.flatMap((area) => area.rules), ...unstated];
  const catalogueOrder = (rule: RuleDoc) => {
    const index = catalogueRules.findIndex((entry) => entry.id === rule.id);
    return index === -1 ? catalogueRules.length : index;
  };
  const tableRules = [...allRules].sort((a, b) => catalogueOrder(a) - catalogueOrder(b));

  const areaAnchor = new Map(areas.map((area, i) => [area.name, areaHeadings[i].anchor]));
  const lines: string[] = [
    '<!-- Generated by `npm run docs` from features/*.feature and src/conformance/rules.ts. Do not edit by hand. -->',
    '',
    title.line,
    '',
    ...introduction().map((line) => line.replace(/\(#AREA:([^)]+)\)/g, (_, name: string) => `(#${areaAnchor.get(name) ?? slug(name)})`)),
    fixed.contents.line,
    '',
    `- [${fixed.reading.line.slice(3)}](#${fixed.reading.anchor})`,
    `- [${fixed.status.line.slice(3)}](#${fixed.status.anchor})`,
    `- [${fixed.rules.line.slice(3)}](#${fixed.rules.anchor})`,
    ...areas.map(
      (area, i) =>
        `- [${inline(area.feature.name)}](#${areaHeadings[i].anchor}): ${area.rules.map((rule) => `[${rule.id}](#${anchors.get(rule.id)})`).join(', ')}`,
    ),
    ...(otherHeading ? [`- [${otherHeading.line.slice(3)}](#${otherHeading.anchor})`] : []),
    '',
    fixed.reading.line,
    '',
    ...readingGuide(input, profiles),
    fixed.status.line,
    '',
    ...statusTable(),
    fixed.rules.line,
    '',
    ...rulesTable(tableRules, anchors, profiles),
  ];

  areas.forEach((area, i) => {
    const featureTags = tagNames(area.feature.tags);
    lines.push(areaHeadings[i].line, '', `*From \`features/${area.name}.feature\`.*`, '');
    if (area.feature.description.trim()) lines.push(...description(area.feature.description));
    for (const note of area.notes) lines.push(`> ${inline(note)}`, '');
    for (const background of area.backgrounds) lines.push(...renderBackground(background, 'this area'));
    for (const scenario of area.scenarios) lines.push(...renderScenario(scenario, featureTags));
    for (const rule of area.rules) lines.push(...renderRule(rule, ruleHeadings.get(rule) as { line: string }, profiles, featureTags));
  });
  if (otherHeading) {
    lines.push(otherHeading.line, '', 'Rules of the catalogue that no `Rule:` block of a feature file states.', '');
    for (const rule of unstated) lines.push(...renderRule(rule, ruleHeadings.get(rule) as { line: string }, profiles, []));
  }

  // One blank line between blocks, none doubled, and a final newline.
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s+$/, '');
  return `${text}\n`;
}
