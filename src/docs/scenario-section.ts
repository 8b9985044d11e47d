/**
 * A scenario of docs/PROTOCOL.md: its title and marks, its notes, one bullet per step, and
 * the Examples of an outline as tables. Bytes stay in wire notation throughout.
 */
import type { Background, DataTable, Examples, Scenario, Step } from '@cucumber/messages';
import type { ScenarioDoc } from './feature-model';
import { code, description, inline, QUOTED, table, wireCell } from './markdown';

function dataTable(dataTable: DataTable): string[] {
  const [header, ...body] = dataTable.rows.map((row) => row.cells.map((c) => code(wireCell(c.value))));
  return table(header, body);
}

/** A step as a bullet; a one-column table goes inline, as a list of byte strings. */
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

/** A scenario; `inherited` are the tags its rule already shows (ID, level, capabilities). */
export function renderScenario(doc: ScenarioDoc, inherited: readonly string[]): string[] {
  const { scenario } = doc;
  const outline = scenario.examples.length > 0;
  const tags = doc.tags.filter((tag) => !inherited.includes(tag));
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
    const label = [examples.name ? inline(examples.name) : '', tagList(examples.tags.map((tag) => tag.name))].filter(Boolean).join(' ');
    if (label || scenario.examples.length > 1) lines.push(`*${examples.keyword.trim()}*${label ? `: ${label}` : ''}`, '');
    lines.push(...examplesTable(scenario, examples), '');
  }
  return lines;
}

export function renderBackground(background: Background, where: string): string[] {
  const name = background.name ? `: ${inline(background.name)}` : '';
  return [`**${background.keyword.trim()}${name}**, before every scenario of ${where}`, '', ...stepList(background.steps, false), ''];
}
