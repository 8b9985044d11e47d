/**
 * GitHub-flavoured markdown for docs/PROTOCOL.md: code spans, escapes, anchors and tables,
 * and the notation of the feature files (quoted bytes, outline placeholders, `\n` in cells).
 */

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

/** A quoted string of a step: exact bytes on the wire. */
export const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;
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

/** The headings of one page: GitHub numbers a repeated anchor (`-1`, `-2`) in page order. */
export class Headings {
  private readonly used = new Map<string, number>();

  /** The heading line, and the anchor GitHub gives it. */
  add(level: number, text: string, markdown = inline(text)): { line: string; anchor: string } {
    const base = slug(text);
    const count = this.used.get(base) ?? 0;
    this.used.set(base, count + 1);
    return { line: `${'#'.repeat(level)} ${markdown}`, anchor: count === 0 ? base : `${base}-${count}` };
  }
}

/** A table cell: one line, pipes escaped (inside code spans too, as GitHub requires). */
function cell(markdown: string): string {
  return markdown.replace(/\n/g, ' ').replace(/\|/g, '\\|');
}

/** A table of markdown cells; an empty cell becomes a space, so that GitHub keeps it. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r' | 'c')[]): string[] {
  const rule = header.map((_, i) => ({ l: '---', r: '---:', c: ':---:' })[align?.[i] ?? 'l']);
  return [header, rule, ...rows].map((row) => `| ${row.map((text) => (row === rule ? text : cell(text)) || ' ').join(' | ')} |`);
}

/**
 * A table cell as written in the feature file. Gherkin turns the escape `\n` of a cell
 * into a real LF; the document shows it, and any other control byte, in wire notation again.
 */
export function wireCell(value: string): string {
  return value.replace(/[\0-\x1f\x7f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Feature and rule descriptions: prose paragraphs, and indented blocks as fenced text. */
export function description(text: string): string[] {
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

/** "a", "a and b", "a, b and c". */
export function words(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
