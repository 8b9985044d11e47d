import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROFILES, type Profile } from '../conformance/profiles';
import { RULES } from '../conformance/rules';
import { StatusCode } from '../protocol/status-code';
import { loadFixtureSet } from '../fixtures/fixture-set';
import { PROTOCOL_DOC, renderFromRepository } from '../../scripts/render-docs';
import { readFeature, readFeatures, type FeatureSource } from '../conformance/feature-reader';
import { AREA_ORDER, orderAreas } from './feature-model';
import { inline, slug } from './markdown';
import { profileCell, profileSummary } from './profile-cells';
import { renderProtocolDoc } from './protocol-doc';

const rendered = renderFromRepository();
const headings = rendered.split('\n').filter((line) => /^#{1,6} /.test(line));

describe('docs/PROTOCOL.md', () => {
  test('the committed file is what `npm run docs` renders', () => {
    let committed = '';
    try {
      committed = readFileSync(PROTOCOL_DOC, 'utf8');
    } catch {
      assert.fail('docs/PROTOCOL.md is out of date: run npm run docs (the file is missing)');
    }
    if (committed === rendered) return;
    const a = committed.split('\n');
    const b = rendered.split('\n');
    const line = b.findIndex((text, i) => a[i] !== text) + 1 || b.length + 1;
    assert.fail(`docs/PROTOCOL.md is out of date: run npm run docs (first difference at line ${line}: ${JSON.stringify(a[line - 1] ?? '')})`);
  });

  test('rendering is deterministic and ends with one newline', () => {
    assert.equal(renderFromRepository(), rendered);
    assert.ok(rendered.endsWith('\n') && !rendered.endsWith('\n\n'));
    assert.doesNotMatch(rendered, /\n\n\n/);
    assert.doesNotMatch(rendered, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no timestamps');
  });

  test('every rule ID of the catalogue heads a section', () => {
    const missing = RULES.filter((rule) => !headings.some((line) => line.startsWith(`### ${rule.id}: `))).map((rule) => rule.id);
    assert.deepEqual(missing, []);
  });

  test('every feature file is an area, in the documented order', () => {
    const features = readFeatures();
    const positions = features.map((feature) => {
      const title = readFeature(feature).feature.name;
      const at = headings.indexOf(`## ${inline(title)}`);
      assert.ok(at >= 0, `no heading for features/${feature.name}.feature ("${title}")`);
      assert.ok(rendered.includes(`*From \`features/${feature.name}.feature\`.*`), feature.name);
      return { name: feature.name, at };
    });
    const inPage = [...positions].sort((a, b) => a.at - b.at).map((p) => p.name);
    assert.deepEqual(
      inPage,
      orderAreas(features).map((f) => f.name),
    );
    for (const name of AREA_ORDER) assert.ok(inPage.includes(name), `features/${name}.feature is missing`);
  });

  test('the status table lists all 8 codes', () => {
    const codes = Object.values(StatusCode).filter((value) => typeof value === 'number');
    assert.equal(codes.length, 8);
    const section = rendered.slice(rendered.indexOf('## Status codes'), rendered.indexOf('## Rules by level and profile'));
    const rows = section.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    assert.deepEqual(
      rows.map((row) => Number(row.split('|')[1])),
      [0, 100, 101, 199, 200, 201, 202, 203],
    );
    assert.match(section, /\| 100 \| `"100 BAD EOL\\r\\n"` \| .* \| the server closes the connection \|/);
    assert.match(section, /\| 202 \| `"202 FILE NOT FOUND\\r\\n"` \| .* \| the connection goes on \|/);
  });

  test('the rules table has one row per rule, and a column per profile', () => {
    const section = rendered.slice(rendered.indexOf('## Rules by level and profile'));
    const header = section.split('\n').find((line) => line.startsWith('| rule |')) ?? '';
    for (const profile of Object.keys(PROFILES)) assert.ok(header.includes(`| ${profile} |`), profile);
    for (const rule of RULES) assert.match(section, new RegExp(`^\\| \\[${rule.id}\\]\\(#${rule.id.toLowerCase()}-`, 'm'), rule.id);
  });

  test('every link inside the page points at a heading of the page', () => {
    const anchors = new Set(headings.map((line) => slug(line.replace(/^#+ /, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\\(.)/g, '$1'))));
    const links = [...rendered.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    assert.ok(links.length > RULES.length);
    assert.deepEqual(
      links.filter((link) => !anchors.has(link)),
      [],
    );
  });

  test('every file of the served directory is listed with its description', () => {
    const section = rendered.slice(rendered.indexOf('### The served directory'), rendered.indexOf('### Levels'));
    for (const fixture of loadFixtureSet().values())
      assert.ok(section.includes(`| \`${fixture.name}\` | ${fixture.size} | ${fixture.description} |`), fixture.name);
  });
});

describe('rendering pieces', () => {
  const feature = (name: string, text: string): FeatureSource => ({ name, text });
  const small = feature(
    'zzz-new-area',
    [
      'Feature: A new area',
      '',
      '  Some prose with "bytes\\r\\n" in it.',
      '',
      '      client: x\\r\\n',
      '',
      '  @NEW-1 @info @concurrency',
      '  Rule: NEW-1: something <odd> (the statements do not say)',
      '',
      '    # a note for the rule',
      '    Scenario: Plain',
      '      # a note inside',
      '      When the client sends these pieces, 10 ms apart:',
      '        | "a\\n" |',
      '        | "b"  |',
      '      Then the server answers with status 0',
      '',
      '    @reference @managed-dir',
      '    Scenario Outline: <what>',
      '      When the client sends "get <n>\\r\\n"',
      '      Then the server answers with status <code>',
      '',
      '      Examples:',
      '        | what  | n   | code |',
      '        | pipes | a\\|b | 201  |',
      '',
    ].join('\n'),
  );
  const doc = renderProtocolDoc({
    features: [small, feature('framing', 'Feature: Framing first\n')],
    fixtures: [{ name: 'archivo.txt', size: 41, description: 'the example' }],
    rules: [{ id: 'NEW-1', level: 'info', summary: 'something', allowed: '0 or 201', capability: 'concurrency' }],
  });

  test('known areas come first, unknown ones after them', () => {
    assert.ok(doc.indexOf('## Framing first') < doc.indexOf('## A new area'));
    assert.deepEqual(
      orderAreas([{ name: 'zz' }, { name: 'aa' }, { name: 'quit' }, { name: 'framing' }]).map((f) => f.name),
      ['framing', 'quit', 'aa', 'zz'],
    );
  });

  test('a rule: heading, level, profiles, allowed, notes', () => {
    assert.match(doc, /^### NEW-1: something &lt;odd&gt; \(the statements do not say\)$/m);
    assert.match(doc, /- \*\*Level:\*\* `info`, capability `concurrency`\./);
    assert.match(doc, /- \*\*Profiles:\*\* not run in course-2021; recorded in course-2024, course-2026 and reference\./);
    assert.match(doc, /- \*\*Allowed:\*\* 0 or 201\./);
    assert.match(doc, /^> a note for the rule$/m);
    assert.match(doc, /^> a note inside$/m);
  });

  test('descriptions: quoted bytes in code, indented blocks fenced', () => {
    assert.match(doc, /^Some prose with `"bytes\\r\\n"` in it\.$/m);
    assert.match(doc, /```text\nclient: x\\r\\n\n```/);
  });

  test('steps: one bullet each, a one-column table inline, LF shown as \\n again', () => {
    assert.match(doc, /^- \*\*When\*\* the client sends these pieces, 10 ms apart: `"a\\n"`, `"b"`$/m);
    assert.match(doc, /^- \*\*Then\*\* the server answers with status 0$/m);
  });

  test('outlines: placeholders in code, examples as a table with pipes escaped', () => {
    assert.match(
      doc,
      /^\*\*Scenario Outline:\*\* one scenario per row below, each named by its `<what>` — \*the reference server's own choice\* `@reference` `@managed-dir`$/m,
    );
    assert.match(doc, /^- \*\*When\*\* the client sends `"get <n>\\r\\n"`$/m);
    assert.match(doc, /^- \*\*Then\*\* the server answers with status `<code>`$/m);
    assert.match(doc, /^\| `<what>` \| `<n>` \| `<code>` \|$/m);
    assert.match(doc, /^\| pipes \| `a\\\|b` \| 201 \|$/m);
  });

  test('a catalogue rule no Rule: block states still gets a heading', () => {
    const other = renderProtocolDoc({
      features: [feature('framing', 'Feature: Framing\n')],
      fixtures: [],
      rules: [{ id: 'GONE-1', level: 'must', summary: 'a rule without a block' }],
    });
    assert.match(other, /^## Rules without a Rule block$/m);
    assert.match(other, /^### GONE-1: a rule without a block$/m);
  });

  test('profile cells follow level, capability and strictness', () => {
    const open: Profile = { name: 'open', description: '', capabilities: [], strict: false, reference: false };
    const strict: Profile = { ...open, name: 'strict', capabilities: ['ascii-check'], strict: true };
    const rule = (level: 'must' | 'should' | 'ext' | 'info', capabilities: string[] = [], without: string[] = []) => ({ level, capabilities, without });
    assert.equal(profileCell(rule('must'), open), 'required');
    assert.equal(profileCell(rule('should'), open), 'warn');
    assert.equal(profileCell(rule('should'), strict), 'required');
    assert.equal(profileCell(rule('info'), open), 'info');
    assert.equal(profileCell(rule('ext', ['ascii-check']), open), '-');
    assert.equal(profileCell(rule('ext', ['ascii-check']), strict), 'required');
    assert.equal(profileCell(rule('info', [], ['ascii-check']), strict), '-');
    assert.equal(profileSummary(rule('must'), [open, strict]), 'required in every profile');
    assert.equal(profileSummary(rule('should'), [open, strict]), 'a warning, not a failure, in open; required in strict');
  });
});

describe('the feature sources', () => {
  test('are read from features/, sorted by name', () => {
    const names = readFeatures().map((feature) => feature.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('framing'));
    assert.equal(path.basename(PROTOCOL_DOC), 'PROTOCOL.md');
  });
});
