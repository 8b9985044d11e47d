/**
 * Text inside XML or HTML: `&`, `<` and `>` as entities, and `"` too (for attribute values)
 * unless `quotes` is false. The JUnit report and the class matrix's page share it.
 */
export function escapeMarkup(text: string, { quotes = true } = {}): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quotes ? escaped.replace(/"/g, '&quot;') : escaped;
}
