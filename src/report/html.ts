// A plan as one self-contained HTML page (no network): the diagram of the changed tables and their neighbours
// (coloured by added / changed / dropped), the steps with hazards and reverse steps, filters by hazard, the down
// steps, and the migration file's text.
import { stepNotes } from '../plan/step-notes.js';
import { erdGraph } from '../erd/graph.js';
import { toDot } from '../erd/dot.js';
import { dotToSvg } from '../erd/svg.js';
import type { Hazard } from '../model/hazard.js';
import type { PlanStep } from '../plan/types.js';
import type { PlanReportInput } from './input.js';
import { planPicture } from './changes.js';
import { summaryLine } from './markdown.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE =
  `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.summary { color: #57606a; } .legend span { display: inline-block; padding: 0 .5rem; margin-right: .4rem; border: 1px solid; ` +
  `border-radius: 3px; }
.added { background: #f0fff4; border-color: #1a7f37; } .changed { background: #fffbeb; border-color: #9a6700; } .dropped { ` +
  `background: #fff5f5; border-color: #cf222e; }
#diagram svg { max-width: 100%; height: auto; border: 1px solid #d0d7de; border-radius: 6px; }
ol { padding-left: 1.5rem; } li.step { margin: .6rem 0; } li.step[hidden] { display: none; }
.badge { font-size: .75rem; padding: .05rem .4rem; border-radius: 2rem; margin-left: .3rem; color: #fff; }
.h-DELETES_DATA { background: #cf222e; } .h-TABLE_REWRITE, .h-ACCESS_EXCLUSIVE_LOCK { background: #bc4c00; }
.h-INDEX_BUILD { background: #9a6700; } .h-CORRECTNESS { background: #0969da; } .h-HAS_UNTRACKABLE_DEPENDENCIES { background: #8250df; }
.outside { font-size: .75rem; color: #57606a; margin-left: .3rem; }
pre { background: #f6f8fa; padding: .6rem; border-radius: 6px; overflow-x: auto; font-size: 12.5px; }
#filters label { margin-right: .8rem; cursor: pointer; }`;

const SCRIPT = `
document.querySelectorAll('#filters input').forEach((input) => input.addEventListener('change', () => {
  const wanted = input.value;
  document.querySelectorAll('#steps li.step').forEach((li) => {
    const hazards = (li.dataset.hazards || '').split(' ').filter(Boolean);
    li.hidden = !(wanted === 'all' || (wanted === 'none' ? hazards.length === 0 : hazards.includes(wanted)));
  });
}));`;

const reverseOf = (s: PlanStep) =>
  `<details><summary>reverse</summary><pre>${esc(s.reverse.map((x) => `${x};`).join('\n'))}</pre></details>`;

function notesOf(s: PlanStep): string {
  const notes = stepNotes(s);
  return notes.length ? `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>\n  ` : '';
}

function stepItems(steps: readonly PlanStep[], withReverse: boolean): string {
  return steps
    .map(
      (s) => `<li class="step" data-hazards="${esc(s.hazards.join(' '))}">
  <div><code>${esc(`${s.op} ${s.id}`)}</code>${s.hazards
    .map((h) => `<span class="badge h-${h}">${h}</span>`)
    .join('')}${s.nonTransactional ? '<span class="outside">outside a transaction</span>' : ''}</div>
  ${notesOf(s)}<pre class="sql">${esc(s.statements.map((x) => `${x};`).join('\n'))}</pre>
  ${withReverse && s.reverse.length ? reverseOf(s) : ''}
</li>`,
    )
    .join('\n');
}

export async function planHtml(i: PlanReportInput): Promise<string> {
  const picture = planPicture(i.current, i.desired, i.steps);
  const changed = [...picture.marks.keys()]
    .map((id) => picture.model.objects.find((o) => o.id === id))
    .filter((o) => o !== undefined)
    .map((o) => `${o.schema ?? ''}.${o.name}`);
  const graph = changed.length
    ? erdGraph(picture.model, { marks: picture.marks, focus: changed, depth: 1 })
    : undefined;
  const svg = graph?.nodes.length
    ? (await dotToSvg(toDot(graph))).replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?/, '')
    : '';
  const hazards: Hazard[] = [...new Set(i.steps.flatMap((s) => s.hazards))].sort();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sfm-schema plan${i.migration ? ` ${esc(i.migration)}` : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>sfm-schema plan</h1>
<p class="summary">${esc(summaryLine(i))}${i.migration ? ` · <code>${esc(i.migration)}</code>` : ''}</p>
</header>
<section id="diagram">
<h2>Changed tables and their neighbours</h2>
${
  svg
    ? `<p class="legend"><span class="added">added</span><span class="changed">changed</span><span ` +
      `class="dropped">dropped</span></p>\n${svg}`
    : '<p>No table changes.</p>'
}
</section>
<section id="steps">
<h2>Steps (${i.steps.length})</h2>
<div id="filters">
<label><input type="radio" name="hazard" value="all" checked> all</label>
${hazards.map((h) => `<label><input type="radio" name="hazard" value="${h}"> ${h}</label>`).join('\n')}
<label><input type="radio" name="hazard" value="none"> no hazard</label>
</div>
<ol>
${stepItems(i.steps, true)}
</ol>
</section>
<section id="down">
<h2>Down steps (${i.down.length}): what rollback runs</h2>
<ol>
${stepItems(i.down, false)}
</ol>
</section>
${i.migrationText ? `<section id="file">\n<h2>Migration file</h2>\n<pre>${esc(i.migrationText)}</pre>\n</section>` : ''}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
