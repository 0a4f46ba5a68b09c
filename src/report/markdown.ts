// A plan as a pull-request comment: a summary line, the steps with their hazards, the SQL and the down steps
// folded away, and a Mermaid diagram of the changed tables and their neighbours.
import { stepNotes } from '../plan/step-notes.js';
import type { Hazard } from '../model/hazard.js';
import type { PlanStep } from '../plan/types.js';
import { erdGraph } from '../erd/graph.js';
import { toMermaid } from '../erd/mermaid.js';
import type { PlanReportInput } from './input.js';
import { planPicture } from './changes.js';

const HAZARD_BADGES: Record<Hazard, string> = {
  DELETES_DATA: '🔴 DELETES_DATA',
  TABLE_REWRITE: '🟠 TABLE_REWRITE',
  ACCESS_EXCLUSIVE_LOCK: '🟠 ACCESS_EXCLUSIVE_LOCK',
  INDEX_BUILD: '🟡 INDEX_BUILD',
  CORRECTNESS: '🔵 CORRECTNESS',
  HAS_UNTRACKABLE_DEPENDENCIES: '🟣 HAS_UNTRACKABLE_DEPENDENCIES',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fence = (sql: string) => `\`\`\`sql\n${sql}\n\`\`\``;

export function summaryLine(i: PlanReportInput): string {
  const outside = i.steps.filter((s) => s.nonTransactional).length;
  const proof = i.proof ? `proven in ${i.proof.durationMs} ms` : 'not proven';
  return [
    `${i.steps.length} step(s)`,
    i.hazards.length ? `hazards: ${i.hazards.join(', ')}` : 'no hazards',
    `${outside} outside a transaction`,
    proof,
  ].join(' · ');
}

function stepTable(steps: readonly PlanStep[]): string[] {
  return [
    '| # | change | hazards | transaction | cost and observations |',
    '|---:|---|---|---|---|',
    ...steps.map(
      (s, n) =>
        `| ${n + 1} | \`${cell(`${s.op} ${s.id}`)}\` | ${s.hazards.map((h) => HAZARD_BADGES[h]).join('<br>') || '—'} | ` +
        `${s.nonTransactional ? 'outside' : 'inside'} | ${stepNotes(s).map(cell).join('<br>') || '—'} |`,
    ),
  ];
}

export function planMarkdown(i: PlanReportInput): string {
  const picture = planPicture(i.current, i.desired, i.steps);
  const changed = [...picture.marks.keys()]
    .map((id) => picture.model.objects.find((o) => o.id === id))
    .filter((o) => o !== undefined)
    .map((o) => `${o.schema ?? ''}.${o.name}`);
  const graph = changed.length
    ? erdGraph(picture.model, { marks: picture.marks, focus: changed, depth: 1 })
    : undefined;
  const out = [
    `### sfm-schema plan${i.migration ? `: \`${i.migration}\`` : ''}`,
    '',
    `**${summaryLine(i)}**`,
    '',
    ...(i.proof?.refusedRows
      ? [
          `> ⚠ ${i.proof.refusedRows.direction} step ${i.proof.refusedRows.step} fails on rows like the proof's samples; ` +
            `proven on empty tables.`,
          '',
        ]
      : []),
    '#### Steps',
    '',
    ...stepTable(i.steps),
    '',
    '<details><summary>SQL of the steps</summary>',
    '',
    ...i.steps.flatMap((s, n) => [
      `**${n + 1}. ${s.op} ${s.id}**`,
      '',
      fence(s.statements.map((x) => `${x};`).join('\n')),
      '',
    ]),
    '</details>',
    '',
    `<details><summary>Down steps (${i.down.length}): what rollback runs</summary>`,
    '',
    ...stepTable(i.down),
    '',
    ...i.down.flatMap((s, n) => [
      `**${n + 1}. ${s.op} ${s.id}**`,
      '',
      fence(s.statements.map((x) => `${x};`).join('\n')),
      '',
    ]),
    '</details>',
    '',
  ];
  if (graph && graph.nodes.length) {
    out.push('#### Changed tables and their neighbours', '', '```mermaid', toMermaid(graph).trimEnd(), '```', '');
  }
  return out.join('\n');
}
