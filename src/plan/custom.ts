// The schema folder's `_custom/` scripts: raw DDL for objects no kind manages. A plan never diffs them; when their
// text differs from what the history last ran, the migration gets a last step that runs them as written (so they
// must be safe to run again: CREATE OR REPLACE, IF NOT EXISTS, or a DROP … IF EXISTS first). The down section does
// not undo them. The step's id carries a sum of the scripts, which is how the next plan knows they ran.
import { createHash } from 'node:crypto';
import { ensureParser, parseFile } from '../sql/parse.js';
import type { PlanStep } from './types.js';

const ID = /^-- step \d+: run custom:([0-9a-f]{16})$/gm;

/** A script as read: its path (shown in errors) and text. */
interface Script {
  readonly path: string;
  readonly text: string;
}

/** A sum of the scripts' names (below `_custom/`) and texts. */
function customSum(scripts: readonly Script[]): string {
  const h = createHash('sha256');
  for (const s of scripts)
    h.update(s.path.replace(/^.*?_custom[\\/]/, ''))
      .update('\0')
      .update(s.text)
      .update('\0');
  return h.digest('hex').slice(0, 16);
}

/** The sum of the scripts the last migration that ran them ran, from the migrations' texts in version order. */
function lastCustomSum(texts: readonly string[]): string | undefined {
  let last: string | undefined;
  for (const t of texts) for (const m of t.matchAll(ID)) last = m[1];
  return last;
}

/** The step that runs the scripts, or undefined when there are none or the history ran these already. */
export async function customStep(
  scripts: readonly Script[],
  history: readonly string[],
): Promise<PlanStep | undefined> {
  if (scripts.length === 0) return undefined;
  const sum = customSum(scripts);
  if (lastCustomSum(history) === sum) return undefined;
  await ensureParser();
  const statements = scripts.flatMap((s) => parseFile(s.path, s.text).map((p) => p.sql));
  if (statements.length === 0) return undefined;
  return {
    key: `run custom:${sum}`,
    op: 'run',
    kind: 'custom',
    id: `custom:${sum}`,
    statements,
    reverse: [],
    hazards: [],
    nonTransactional: false,
  };
}
