// Preconditions of a plan's steps (up and down), run on the dev database before the plan is written: a type change
// with no cast and no declared conversion stops the plan here, not in staging.
import type { Queryable } from '../db/queryable.js';
import type { PlanStep } from '../plan/types.js';
import { PlanError, messageOf } from '../errors.js';

export async function checkPreconditions(
  db: Queryable,
  up: readonly PlanStep[],
  down: readonly PlanStep[],
): Promise<void> {
  await checkSection(db, up, 'up');
  await checkSection(db, down, 'down');
}

async function checkSection(db: Queryable, steps: readonly PlanStep[], direction: 'up' | 'down'): Promise<void> {
  for (const [i, step] of steps.entries()) {
    for (const check of step.checks ?? []) {
      try {
        await db.query(check.sql);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === undefined || !check.failsOn.includes(code)) continue;
        throw new PlanError(
          `cannot plan: ${direction} step ${i + 1} (${step.op} ${step.id}) would fail: ${check.message} (PostgreSQL: ` +
            `${messageOf(err)})\n    ${step.statements.join(';\n    ')}`,
          { cause: err, details: { step: i + 1, sqlstate: code } },
        );
      }
    }
  }
}
