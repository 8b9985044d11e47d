import type { Outcome } from '../conformance/verdict';
import { escapeMarkup as esc } from '../report/markup';
import { outcomeLabel } from '../report/summary';
import type { Column, Matrix } from './matrix';

/**
 * The class matrix as one self-contained HTML page (no network at view time): rows are
 * servers, columns rules grouped by area and level; every cell has a colour and a letter
 * (P pass, F FAIL, W warn, I info, S skip, N not judged), so it reads in black and white
 * and for colour-blind staff (the palette is Okabe-Ito's). A click on a cell (or Enter on
 * it) opens its scenarios: the failure (step, expected, received) and the wire transcript.
 * Below: pass rates per rule, and for the info rules which answer each server chose.
 */
const LETTER: Record<Outcome, string> = { passed: 'P', failed: 'F', warning: 'W', info: 'I', skipped: 'S', 'not judged': 'N' };
const CLASS: Record<Outcome, string> = { passed: 'pass', failed: 'fail', warning: 'warn', info: 'info', skipped: 'skip', 'not judged': 'nj' };

/** Consecutive columns with the same key, as header cells spanning them. */
function spans(columns: Column[], key: (c: Column) => string, cls: string): string {
  const out: string[] = [];
  for (let i = 0; i < columns.length; ) {
    let j = i;
    while (j < columns.length && key(columns[j]) === key(columns[i])) j++;
    out.push(`<th colspan="${j - i}" class="${cls}">${esc(key(columns[i]))}</th>`);
    i = j;
  }
  return out.join('');
}

export function matrixHtml(matrix: Matrix, title = 'HFTP conformance: the class matrix'): string {
  const { columns, rows } = matrix;
  const details: Record<string, unknown> = {};
  const body = rows
    .map((row, r) => {
      const head = `<th class="server" scope="row">${esc(row.name)}<small>${esc(row.profile ?? '')}${row.strict ? ', strict' : ''}</small></th><td class="verdict v-${row.status.replace(/ /g, '-')}">${esc(row.status)}</td>`;
      if (row.status === 'could not test') return `<tr>${head}<td class="cnt" colspan="${columns.length}">could not test: ${esc(row.note ?? '')}</td></tr>`;
      const cells = columns.map((c) => {
        const cell = row.cells[c.id];
        if (!cell) return '<td class="none" title="not run">&middot;</td>';
        const key = `${r}:${c.id}`;
        details[key] = { server: row.name, rule: c.id, level: c.level, summary: c.summary, ...cell };
        const tip = `${row.name} ${c.id}: ${outcomeLabel(cell.outcome)}${cell.reason ? ` - ${cell.reason}` : ''}`;
        return `<td class="cell ${CLASS[cell.outcome]}" data-key="${esc(key)}" tabindex="0" role="button" title="${esc(tip)}">${LETTER[cell.outcome]}</td>`;
      });
      return `<tr>${head}${cells.join('')}</tr>`;
    })
    .join('\n');

  const rates = matrix.passRates
    .map((p) => {
      const column = columns.find((c) => c.id === p.rule) as Column;
      const pct = p.judged ? Math.round((100 * p.passed) / p.judged) : null;
      const low = pct !== null && pct < 50 && column.level !== 'info' ? ' low' : '';
      return `<td class="rate${low}" title="${esc(`${p.rule}: ${p.passed} of ${p.judged} servers passed`)}">${column.level === 'info' ? '' : pct === null ? '-' : `${pct}%`}</td>`;
    })
    .join('');

  const struggles = matrix.passRates
    .map((p) => ({ ...p, column: columns.find((c) => c.id === p.rule) as Column }))
    .filter((p) => p.judged > 0 && p.column.level !== 'info' && p.passed < p.judged)
    .sort((a, b) => a.passed / a.judged - b.passed / b.judged)
    .map((p) => `<li><b>${esc(p.rule)}</b> (${p.column.level}) ${p.passed}/${p.judged} passed: ${esc(p.column.summary)}</li>`)
    .join('');

  const interpretations = matrix.interpretations
    .map((i) => {
      const list = i.choices
        .map((c) => `<tr><td>${esc(c.answer)}</td><td class="num">${c.servers.length}</td><td>${esc(c.servers.join(', '))}</td></tr>`)
        .join('');
      return `<table class="choices"><caption><b>${esc(i.rule)}</b> ${esc(i.scenario)}</caption><tr><th>answer chosen</th><th>servers</th><th>which</th></tr>${list}</table>`;
    })
    .join('\n');

  const data = JSON.stringify(details).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">hftp-conformance ${esc(matrix.suite.version)}, rule catalogue ${esc(matrix.suite.catalogue)}; ${rows.length} servers, ${columns.length} rules.
Cells: <span class="cell pass">P</span> pass <span class="cell fail">F</span> FAIL <span class="cell warn">W</span> warn (should rule)
<span class="cell info">I</span> info (an answer outside the allowed set) <span class="cell skip">S</span> skip (not in the profile)
<span class="cell nj">N</span> not judged (the server had stopped serving). Click a cell for its scenarios and wire transcripts.</p>
<div class="scroll"><table id="matrix">
<thead><tr><th rowspan="3">server</th><th rowspan="3">verdict</th>${spans(columns, (c) => c.area, 'area')}</tr>
<tr>${spans(columns, (c) => c.area + '\u0000' + c.level, 'level').replace(/>[^<]*\u0000/g, '>')}</tr>
<tr>${columns.map((c) => `<th class="rule" title="${esc(`${c.id} (${c.level}): ${c.summary}`)}"><span>${esc(c.id)}</span></th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr><th colspan="2">passed (of judged)</th>${rates}</tr></tfoot>
</table></div>
<section id="detail" hidden><button id="close" type="button">close</button><div id="detail-body"></div></section>
<h2>Which rules does this class struggle with</h2>
<ol class="struggles">${struggles || '<li>none: every judged server passed every rule</li>'}</ol>
<h2>Where the statements are silent: which interpretation each server chose</h2>
<div class="interpretations">${interpretations || '<p>No info rule was judged.</p>'}</div>
<script type="application/json" id="cells">${data}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1em;color:#111}
.scroll{overflow-x:auto}
table#matrix{border-collapse:collapse}
#matrix th,#matrix td{border:1px solid #999;padding:2px 4px;text-align:center}
#matrix th.server{text-align:left;white-space:nowrap}
#matrix th.server small{display:block;font-weight:normal;color:#444}
#matrix th.rule span{writing-mode:vertical-rl;transform:rotate(180deg);font-size:12px;white-space:nowrap}
#matrix th.area{background:#eee}
#matrix th.level{background:#f7f7f7;font-weight:normal;font-style:italic}
.cell{font-weight:bold;font-family:ui-monospace,monospace;cursor:pointer;min-width:1.4em;display:inline-block}
td.cell{display:table-cell}
.pass{background:#cfe8dc;color:#004d33}
.fail{background:#d55e00;color:#fff}
.warn{background:#f0e442;color:#000}
.info{background:#56b4e9;color:#000}
.skip{background:#fff;color:#666}
.nj{background:#999;color:#fff;background-image:repeating-linear-gradient(45deg,transparent 0 4px,#777 4px 6px)}
.v-conformant{color:#004d33;font-weight:bold}
.v-not-conformant{color:#a33c00;font-weight:bold}
.v-could-not-test,#matrix td.cnt{color:#444;font-style:italic;text-align:left}
td.rate{font-size:11px}
td.rate.low{font-weight:bold;text-decoration:underline}
#detail{position:fixed;right:1em;top:1em;bottom:1em;width:min(60em,90vw);overflow:auto;background:#fff;border:2px solid #000;padding:1em;box-shadow:0 0 1em #0006}
#detail pre{background:#f4f4f4;padding:.5em;overflow-x:auto;font-size:12px}
#detail h3{margin:.8em 0 .2em}
table.choices{border-collapse:collapse;margin:0 0 1em}
table.choices caption{text-align:left}
table.choices td,table.choices th{border:1px solid #bbb;padding:2px 6px;text-align:left}
td.num{text-align:right}
.meta .cell{padding:0 .3em;border:1px solid #999}
@media print{.cell{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

const SCRIPT = `
(function(){
  var cells = JSON.parse(document.getElementById('cells').textContent);
  var panel = document.getElementById('detail'), body = document.getElementById('detail-body');
  function el(tag, text, cls){ var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
  function open(key){
    var c = cells[key]; if (!c) return;
    body.textContent = '';
    body.appendChild(el('h2', c.server + ' - ' + c.rule + ' (' + c.level + ')'));
    body.appendChild(el('p', c.summary));
    c.scenarios.forEach(function(s){
      body.appendChild(el('h3', s.name + ': ' + s.outcome));
      if (s.choice) body.appendChild(el('p', 'answer chosen: ' + s.choice));
      if (s.failure) {
        var dl = el('dl');
        [['step', s.failure.step], ['expected', s.failure.expected], ['received', s.failure.received], ['error of the suite', s.failure.error]].forEach(function(p){
          if (p[1]) { dl.appendChild(el('dt', p[0])); dl.appendChild(el('dd', p[1])); }
        });
        body.appendChild(dl);
      } else if (s.reason) body.appendChild(el('p', s.reason));
      if (s.transcript) { body.appendChild(el('p', 'wire transcript:')); body.appendChild(el('pre', s.transcript, 'transcript')); }
    });
    panel.hidden = false; document.getElementById('close').focus();
  }
  document.getElementById('matrix').addEventListener('click', function(e){ var td = e.target.closest('td[data-key]'); if (td) open(td.dataset.key); });
  document.getElementById('matrix').addEventListener('keydown', function(e){ var td = e.target.closest('td[data-key]'); if (td && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(td.dataset.key); } });
  document.getElementById('close').addEventListener('click', function(){ panel.hidden = true; });
  document.addEventListener('keydown', function(e){ if (e.key === 'Escape') panel.hidden = true; });
})();
`;
