// An online plan (docs/zero-downtime.md): the changes a kind can make online (objects/<kind>, `online`) become
// expand, backfill and build steps, then a contract that `apply` runs only when told to; everything else the
// desired state changes is planned as usual and runs first (what names a renamed table by its new name: after the
// contract). Two ways back: the down section from the contracted state (in place, then the archive's exact values),
// and `down-expanded` from the expanded one.
import { PlanError } from '../errors.js';
import type { DbObject, Model } from '../model/model.js';
import { makeModel } from '../model/model.js';
import { changeKey } from '../model/change-key.js';
import type { OnlineChange, Rendered } from '../objects/kind.js';
import { kindOf } from '../objects/registry.js';
import { diffContext } from '../diff/diff.js';
import { ensureParser } from '../sql/parse.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import { versionSchema } from '../model/online.js';
import { plan, planWithRenames, type PlanSettings } from './plan.js';
import type { Rename } from '../model/rename.js';
import type { Plan, PlanStep } from './types.js';

export interface OnlinePlan extends Plan {
  /** The changes made online, said in the plan (`public.acct.id integer → bigint`). */
  readonly online: readonly string[];
}

function step(c: OnlineChange, part: string, r: Rendered, kind: string, extra: Partial<PlanStep> = {}): PlanStep {
  return {
    key: changeKey.alter(c.id, `online-${part}`),
    op: 'alter',
    kind,
    id: c.id,
    statements: r.statements,
    reverse: [],
    hazards: r.hazards,
    nonTransactional: r.nonTransactional ?? false,
    ...extra,
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The changes of `from` → `to` that a kind makes online; undefined when none needs it. */
async function onlineChanges(
  from: Model,
  to: Model,
  renames: readonly Rename[],
  settings: PlanSettings,
  version: string,
) {
  await ensureParser();
  const diff = diffContext(from, to);
  const users = new Map<string, DbObject[]>();
  for (const o of from.objects)
    for (const k of kindOf(o).columnRefs?.(o) ?? []) users.set(k, [...(users.get(k) ?? []), o]);
  const ctx = {
    diff,
    version,
    renames,
    archiveSchema: settings.archiveSchema,
    usersOf: (k: string) => users.get(k) ?? [],
  };
  const changes: { c: OnlineChange; kind: string }[] = [];
  const refused: string[] = [];
  for (const o of to.objects) {
    const was = diff.fromById.get(o.id);
    if (!was || was.kind !== o.kind) continue;
    const r = kindOf(o).online?.(was, o, ctx);
    if (typeof r === 'string') refused.push(r);
    else if (r) changes.push({ c: r, kind: o.kind });
  }
  if (refused.length)
    throw new PlanError(
      `these changes cannot be planned online (plan without --online to change them in place):\n  ${refused.join('\n  ')}`,
    );
  return changes;
}

/** The online plan of `from` → `to`, or undefined when nothing in it needs one (the plan is then as usual).
 * `renamed` is `from` with the declared column `renames` done (the renames are made by the contract). */
export async function planOnline(
  from: Model,
  renamed: Model,
  to: Model,
  renames: readonly Rename[],
  settings: PlanSettings,
  version: string,
  /** The same change planned in place, when the caller has it already. */
  inPlace?: Plan,
): Promise<OnlinePlan | undefined> {
  const changes = await onlineChanges(renamed, to, renames, settings, version);
  if (changes.length === 0) return undefined;
  const whole =
    inPlace ?? (renames.length ? planWithRenames(from, renamed, to, renames, settings) : plan(from, to, settings));
  const settled = new Map(changes.map(({ c }) => [c.id, c.settled]));
  const rest = plan(
    makeModel(
      renamed.objects.map((o) => settled.get(o.id) ?? o),
      renamed.unmanaged,
    ),
    to,
    settings,
  );
  const vs = quoteIdent(versionSchema(version));
  const first = changes[0] as { c: OnlineChange; kind: string };
  const schemaStep = (part: string, sql: string, extra: Partial<PlanStep> = {}) =>
    step(first.c, part, { statements: [sql], hazards: [] }, first.kind, extra);
  const contract = { phase: 'contract' as const };
  // The rest names a renamed table by its new name, which it has only once the contract renamed it: those steps run
  // after the contract, and the way back from the expanded state has nothing of theirs to undo.
  // (Both spellings: ours, and the catalog's in definitions it prints, `public.account(id)`.) An object dropped and
  // created again goes late whole: its drop waits for its create.
  const named = renames
    .filter((r) => r.kind !== 'column')
    .map(
      (r) => new RegExp(`${escape(qualify(r.schema, r.to))}|(?<![\\w".])${escape(`${r.schema}.${r.to}`)}(?![\\w"])`),
    );
  const lateIds = new Set(
    rest.steps.filter((s) => named.some((n) => s.statements.some((x) => n.test(x)))).map((s) => s.id),
  );
  const late = (s: PlanStep) => lateIds.has(s.id);
  const lateUndone = new Set(rest.steps.filter(late).flatMap((s) => (s.undoes ? [s.undoes] : [])));
  const up: PlanStep[] = [
    ...rest.steps.filter((s) => !late(s)),
    // Each expand in a transaction of its own, which locks the table first: the steps before it may lock what the
    // applications lock after the table (its sequence), and the two orders would deadlock.
    ...changes.map(({ c, kind }) => step(c, 'expand', c.expand, kind, { newTransaction: true })),
    ...changes.flatMap(({ c, kind }) =>
      c.backfill ? [step(c, 'backfill', { ...c.backfill, nonTransactional: true }, kind, { backfill: true })] : [],
    ),
    ...changes.flatMap(({ c, kind }) => c.build.map((r, n) => step(c, `build-${n + 1}`, r, kind))),
    ...changes.flatMap(({ c, kind }) => (c.archive ? [step(c, 'archive', c.archive, kind, contract)] : [])),
    // The contract starts a transaction of its own also where the expand ends in one (the same segments whether
    // apply stops at the contract or not: a resumed run counts them alike).
    ...changes.map(({ c, kind }, n) => step(c, 'swap', c.swap, kind, { ...contract, newTransaction: n === 0 })),
    schemaStep('drop-version-schema', `DROP SCHEMA IF EXISTS ${vs}`, contract),
    ...rest.steps.filter(late).map((s) => ({ ...s, ...contract })),
    ...changes.flatMap(({ c, kind }) => c.validate.map((r, n) => step(c, `validate-${n + 1}`, r, kind, contract))),
  ];
  // From the contracted state: the in-place way back, then the archive's exact values, before the archive goes.
  const restores = changes.flatMap(({ c, kind }) => (c.restore ? [step(c, 'restore', c.restore, kind)] : []));
  // After the in-place way back (the renames back too): the archive's exact values, then the archive schema goes.
  const archive = whole.down.filter((s) => s.kind === 'archive');
  const down = [
    ...whole.down.filter((s) => s.kind !== 'archive'),
    ...restores,
    ...(archive.length
      ? archive
      : restores.length && settings.archiveSchema
        ? [schemaStep('drop-archive', `DROP SCHEMA IF EXISTS ${quoteIdent(settings.archiveSchema)}`)]
        : []),
  ];
  const downExpanded = [
    ...changes.map(({ c, kind }) => step(c, 'undo-expand', c.undoExpand, kind)),
    schemaStep('undo-version-schema', `DROP SCHEMA IF EXISTS ${vs}`),
    ...rest.down.filter((s) => !lateUndone.has(s.key.replace(/#\d+$/, ''))),
  ];
  return {
    get fromHash() {
      return whole.fromHash;
    },
    get toHash() {
      return whole.toHash;
    },
    steps: up,
    down,
    downExpanded,
    rewrites: changes.flatMap(({ c }) => c.rewrites ?? []),
    online: changes.flatMap(({ c }) => c.what),
  };
}
