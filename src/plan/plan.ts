// A plan: the ordered steps from one model to another, each with its SQL, its reverse and its hazards.
import type { Model } from '../model/model.js';
import type { Change, DiffContext } from '../objects/kind.js';
import { declaredDetails, type Hazard } from '../model/hazard.js';
import { changeKey } from '../model/change-key.js';
import { changedObject } from '../objects/kind.js';
import { kindOf } from '../objects/registry.js';
import { diffContext, diffWithArchive } from '../diff/diff.js';
import { quoteIdent } from '../sql/quote.js';
import { schemaHash } from '../diff/hash.js';
import { sortChanges } from './graph.js';
import { renameSteps } from './renames.js';
import type { Rename } from '../model/rename.js';
import type { Plan, PlanStep } from './types.js';

export type { Plan, PlanStep } from './types.js';

/** A step's reverse, for display: the down steps of the change that undoes its change (the down plan is the only
 * undo; this only points into it). */
function withReverse(up: readonly PlanStep[], down: readonly PlanStep[]): PlanStep[] {
  const byChange = new Map<string, string[]>();
  for (const d of down) {
    const base = d.key.replace(/#\d+$/, '');
    byChange.set(base, [...(byChange.get(base) ?? []), ...d.statements]);
  }
  return up.map((s) =>
    s.undoes === undefined || s.reverse.length ? s : { ...s, reverse: byChange.get(s.undoes) ?? [] },
  );
}

function toSteps(changes: readonly Change[], ctx: DiffContext): PlanStep[] {
  return sortChanges(changes, ctx)
    .filter((c) => !c.implied)
    .flatMap((c) => {
      const r = kindOf(changedObject(c)).render(c, ctx);
      // Follow-up phases (VALIDATE after NOT VALID, …) are steps of their own; the first one carries the reverse.
      return [r, ...(r.followUps ?? [])].map(
        (part, n): PlanStep => ({
          key: n === 0 ? c.key : changeKey.followUp(c.key, n + 1),
          op: c.op,
          kind: c.kind,
          id: c.id,
          statements: part.statements,
          reverse: [],
          ...(n === 0 ? { undoes: inverseKey(c) } : {}),
          hazards: part.hazards,
          ...(part.hazards.length || part.absent
            ? {
                hazardDetails: declaredDetails(part.hazards, `${c.op} ${c.id}`, part.unless, part.absent, part.reasons),
              }
            : {}),
          nonTransactional: part.nonTransactional ?? false,
          ...(part.checks?.length ? { checks: part.checks } : {}),
          ...(part.usesArchive ? { usesArchive: true } : {}),
        }),
      );
    })
    .filter((s) => s.statements.length > 0);
}

/** The key of the change of the down plan that undoes `c`. */
function inverseKey(c: Change): string {
  if (c.op === 'create') return changeKey.drop(c.id);
  if (c.op === 'drop') return changeKey.create(c.id);
  return c.action.type === 'rename' ? changeKey.alter(c.from.id, 'rename') : c.key;
}

export interface PlanSettings {
  /** `drops: archive`: the migration's archive schema (`sfm_archive_<version>`); absent: drops delete. */
  readonly archiveSchema?: string | undefined;
}

/** The name of a migration's archive schema. */
export const archiveSchemaFor = (version: string) => `sfm_archive_${version}`;

export function plan(from: Model, to: Model, settings: PlanSettings = {}): Plan {
  const schema = settings.archiveSchema;
  const up = diffWithArchive(from, to, schema ? { schema, direction: 'up' } : undefined);
  const down = diffWithArchive(to, from, schema ? { schema, direction: 'down', objects: up.archived } : undefined);
  const archive = (direction: 'up' | 'down') =>
    schema ? { archive: { schema, direction, objects: up.archived } } : {};
  const ctx: DiffContext = { ...diffContext(from, to, up.recreated), ...archive('up') };
  const inverse: DiffContext = { ...diffContext(to, from, down.recreated), ...archive('down') };
  const downSteps = withArchiveSchema(toSteps(down.changes, inverse), schema, 'down');
  // The hashes are computed when first read: `diff` never reads them (a fifth of its time at 1,000 tables).
  let fromHash: string | undefined;
  let toHash: string | undefined;
  return {
    get fromHash() {
      return (fromHash ??= schemaHash(from));
    },
    get toHash() {
      return (toHash ??= schemaHash(to));
    },
    steps: withReverse(withArchiveSchema(toSteps(up.changes, ctx), schema, 'up'), downSteps),
    down: downSteps,
  };
}

/** The archive schema is made before the first step that moves something there, and removed (empty again) after
 * the last step going back. */
function withArchiveSchema(steps: PlanStep[], schema: string | undefined, direction: 'up' | 'down'): PlanStep[] {
  if (!schema || !steps.some((s) => s.usesArchive)) return steps;
  const create = `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`;
  const drop = `DROP SCHEMA IF EXISTS ${quoteIdent(schema)}`;
  const step = (statements: string[], reverse: string[]): PlanStep => ({
    key: changeKey.archive(schema),
    op: direction === 'up' ? 'create' : 'drop',
    kind: 'archive',
    id: `archive:${schema}`,
    statements,
    reverse,
    hazards: [],
    nonTransactional: false,
  });
  return direction === 'up' ? [step([create], [drop]), ...steps] : [...steps, step([drop], [create])];
}

export function planHazards(steps: readonly PlanStep[]): Hazard[] {
  return [...new Set(steps.flatMap((s) => s.hazards))].sort();
}

/** A plan whose first steps are the declared renames: `base` is `current` with them done (see state/renamed). */
export function planWithRenames(
  current: Model,
  base: Model,
  to: Model,
  renames: readonly Rename[],
  settings: PlanSettings = {},
): Plan {
  const rest = plan(base, to, settings);
  const r = renameSteps(renames, current);
  return {
    fromHash: schemaHash(current),
    toHash: rest.toHash,
    steps: [...r.up, ...rest.steps],
    down: [...rest.down, ...r.down],
  };
}
