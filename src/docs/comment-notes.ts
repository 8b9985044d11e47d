/**
 * The comments of a feature file, as notes for the reader of docs/PROTOCOL.md. Gherkin keeps
 * comments apart from the nodes, with only their line; this puts each one where it was
 * written: on a scenario, on a rule, or on the feature.
 */
import type { Comment, Scenario } from '@cucumber/messages';

/** A scenario that can carry notes. */
export interface Noted {
  scenario: Scenario;
  notes: string[];
}

/** Where comments may land: a rule (or the feature) and its scenarios, over a range of lines. */
export interface Slot {
  /** The slot holds the lines after `after`, up to `last` included. */
  after: number;
  last: number;
  notes: string[];
  scenarios: readonly Noted[];
}

/** The first and last line a scenario occupies (tags, steps, tables, examples). */
export function span(scenario: Scenario): [number, number] {
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

/**
 * Comments are notes for the reader. One inside a scenario belongs to it; one between two
 * scenarios, to the scenario it precedes; one before a rule's first scenario, to the rule.
 * Consecutive comment lines make one note.
 */
export function placeComments(comments: readonly Comment[], slots: readonly Slot[]): void {
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
