// squawk (the migration linter, from npm) run on a migration file that sfm-schema wrote, and its findings placed in
// the file's steps: each finding comes with the hazards its step declares, and whether the step runs outside the
// migration's transaction (squawk is told the file runs in one, as apply runs its ordinary steps).
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runProcess } from '../../src/sys/process.js';

const SQUAWK = join(__dirname, '..', '..', 'node_modules', '.bin', 'squawk');

/** Rules about what apply does itself: it sets lock and statement timeouts, retries lock timeouts and resumes a
 * migration from its last finished segment, so a file need not be re-runnable statement by statement. */
const APPLY_HANDLES = ['require-lock-timeout', 'require-statement-timeout', 'prefer-robust-stmts'];

/** Rules about the column types a schema declares (the plan writes the types the desired state asks for). */
const SCHEMA_TASTE = [
  'prefer-bigint-over-int',
  'prefer-bigint-over-smallint',
  'prefer-identity',
  'prefer-text-field',
  'prefer-timestamptz',
  'ban-char-field',
];

/** Findings that hold only inside a transaction. */
const OUTSIDE = new Set(['ban-concurrent-index-creation-in-transaction', 'constraint-missing-not-valid']);

export interface SquawkFinding {
  readonly rule: string;
  readonly line: number;
  readonly message: string;
  /** The line of the file the finding is on. */
  readonly text: string;
  readonly section: 'up' | 'down';
  readonly step: number;
  readonly hazards: readonly string[];
  readonly nonTransactional: boolean;
}

interface StepAt {
  readonly section: 'up' | 'down';
  readonly step: number;
  readonly hazards: readonly string[];
  readonly nonTransactional: boolean;
}

/** The step each line of a migration file belongs to. */
function stepsByLine(text: string): (StepAt | undefined)[] {
  let section: 'up' | 'down' = 'up';
  let at: StepAt | undefined;
  return text.split('\n').map((line) => {
    if (line === '-- +sfm down') {
      section = 'down';
      at = undefined;
    }
    const head = /^-- step (\d+): .*?(?: \[([A-Z_, ]+)\])?$/.exec(line);
    if (head) {
      const hazards = head[2] ? head[2].split(', ') : [];
      at = { section, step: Number(head[1]), hazards, nonTransactional: false };
    }
    if (line === '-- +sfm no-transaction' && at) at = { ...at, nonTransactional: true };
    return at;
  });
}

export async function squawk(file: string, pgVersion: string): Promise<SquawkFinding[]> {
  const args = ['--reporter', 'json', '--assume-in-transaction', '--pg-version', pgVersion];
  const r = await runProcess(SQUAWK, [...args, '--exclude', [...APPLY_HANDLES, ...SCHEMA_TASTE].join(','), file]);
  if (r.code > 1 || (r.code === 1 && !r.stdout.startsWith('['))) throw new Error(`squawk failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout || '[]') as { rule_name: string; line: number; message: string }[];
  const lines = readFileSync(file, 'utf8').split('\n');
  const steps = stepsByLine(lines.join('\n'));
  // squawk counts lines from 0.
  return out.flatMap((f) => {
    const at = steps[f.line] ?? { section: 'up', step: 0, hazards: [], nonTransactional: false };
    // The executor runs a no-transaction step on its own, outside the transaction squawk was told of.
    if (at.nonTransactional && OUTSIDE.has(f.rule_name)) return [];
    return [{ rule: f.rule_name, line: f.line + 1, message: f.message, text: lines[f.line] ?? '', ...at }];
  });
}

/** squawk rule → the hazards that name its risk: a step that declares one has said what squawk says. */
const SAME_RISK: Record<string, readonly string[]> = {
  'ban-drop-column': ['DELETES_DATA'],
  'ban-drop-table': ['DELETES_DATA'],
  'ban-truncate-cascade': ['DELETES_DATA'],
  'changing-column-type': ['TABLE_REWRITE'],
  'adding-field-with-default': ['TABLE_REWRITE'],
  'adding-required-field': ['CORRECTNESS', 'ACCESS_EXCLUSIVE_LOCK'],
  'adding-not-nullable-field': ['ACCESS_EXCLUSIVE_LOCK', 'CORRECTNESS'],
  'adding-serial-primary-key-field': ['INDEX_BUILD'],
  'disallowed-unique-constraint': ['INDEX_BUILD'],
  'require-concurrent-index-creation': ['INDEX_BUILD'],
  'require-concurrent-index-deletion': ['ACCESS_EXCLUSIVE_LOCK'],
  'constraint-missing-not-valid': ['ACCESS_EXCLUSIVE_LOCK'],
  'adding-foreign-key-constraint': ['ACCESS_EXCLUSIVE_LOCK'],
  'require-concurrent-partition-detach': ['ACCESS_EXCLUSIVE_LOCK'],
  'renaming-column': ['CORRECTNESS'],
  'renaming-table': ['CORRECTNESS'],
};

/** A dropped NOT NULL (what it does to running clients) and domains with checks: the desired state asks for these;
 * the plan's answer to the first is issue 24's expand/contract. */
const DESIRED_STATE_ASKS = [
  'ban-drop-not-null',
  'ban-create-domain-with-constraint',
  'ban-alter-domain-with-add-constraint',
];

const bare = (name: string) => name.replace(/"/g, '');

/** Why a finding is not a problem of the plan, or undefined. */
export function excuse(f: SquawkFinding, file: string): string | undefined {
  if (DESIRED_STATE_ASKS.includes(f.rule)) return 'asked for by the desired state';
  if ((SAME_RISK[f.rule] ?? []).some((h) => f.hazards.includes(h))) return 'the step declares the same risk';
  const lines = file.split('\n');
  const section = lines.slice(0, f.line - 1);
  const start = f.section === 'down' ? section.lastIndexOf('-- +sfm down') : 0;
  const before = section.slice(start);
  // A relation this section created has no traffic yet (squawk does not follow them across statements).
  const rel = /^(?:ALTER TABLE|CREATE (?:UNIQUE )?INDEX (?:\S+ )?ON) ([^ ]+)/.exec(f.text)?.[1];
  const created = (l: string) => /^CREATE (?:UNLOGGED )?(?:TABLE|MATERIALIZED VIEW) ([^ (]+)/.exec(l)?.[1];
  if (rel && before.some((l) => created(l) !== undefined && bare(created(l) ?? '') === bare(rel)))
    return 'on a relation the section creates';
  // drops: archive — the values were copied to the archive in the same step; the archive's own tables are dropped
  // once their rows are back.
  if (f.rule === 'ban-drop-column' && before.slice(-8).some((l) => /^CREATE TABLE "sfm_archive_\d+"/.test(l)))
    return 'values archived first';
  if (f.rule === 'ban-drop-table' && /^DROP TABLE "sfm_archive_\d+"\./.test(f.text)) return 'an archive table';
  // squawk takes any generated column for a stored one; PostgreSQL 18's virtual ones are computed when read.
  if (f.rule === 'adding-field-with-default' && / GENERATED ALWAYS AS \(.*\) VIRTUAL;?$/.test(f.text))
    return 'a virtual generated column writes nothing';
  if (f.rule === 'changing-column-type' && before.slice(-6).some((l) => l.startsWith('--   no TABLE_REWRITE:')))
    return 'the step says the storage is kept';
  if (
    f.rule === 'require-concurrent-index-deletion' &&
    before.slice(-6).some((l) => l.startsWith('--   no ACCESS_EXCLUSIVE_LOCK:'))
  )
    return "the step says the index's table is dropped by the same migration";
  return undefined;
}
