// A column type change planned online (docs/zero-downtime.md): beside the old column a new one of the new type,
// kept equal to it by a trigger on every write from either application version; a version schema of views in
// which the new application sees the new column under the old name; a backfill in key batches; copies of the
// column's indexes and keys built concurrently; and, when the new application runs everywhere, a contract that swaps
// the names in one short transaction. Which application wrote a row is told by its search_path: the new one puts
// the version schema first (docs/zero-downtime.md says how, through PgBouncer too).
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { versionSchema } from '../../model/online.js';
import { rewriteColumns } from '../../sql/rewrite-columns.js';
import type { OnlineChange, OnlineContext, Rendered } from '../kind.js';
import { isConstraint, type ConstraintObject } from '../constraint/constraint.js';
import { isIndex, type IndexObject } from '../index/index.js';
import { isSequence } from '../sequence/sequence.js';
import { columnKey, constraintId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import type { Column, TableObject } from './table-model.js';
import { typeChangeCost, typeShape } from './type-change.js';

const MAX_NAME = 63;
const name = (text: string) => text.slice(0, MAX_NAME);

interface Changed {
  readonly from: Column;
  readonly to: Column;
  /** The new column's name until the contract. */
  readonly temp: string;
  readonly up: string;
  readonly down: string;
}

/** A key or index on a changed column, copied onto the new column. */
interface Copy {
  readonly of: IndexObject | ConstraintObject;
  readonly temp: string;
  readonly unique: boolean;
  readonly method: string;
  readonly columns: readonly string[];
}

/** A plain column list `(a, "b c")`: the names, or undefined when it holds anything else. */
function plainColumns(list: string): string[] | undefined {
  const out: string[] = [];
  for (const part of list.split(',').map((x) => x.trim())) {
    const m = /^(?:"((?:[^"]|"")+)"|([a-z_][a-z0-9_$]*))$/.exec(part);
    if (!m) return undefined;
    out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
  }
  return out;
}

function copyOf(o: IndexObject | ConstraintObject, temp: string): Copy | undefined {
  if (isIndex(o)) {
    const m = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ USING (\w+) \(([^()]*)\)$/.exec(o.definition);
    const columns = m ? plainColumns(m[3] ?? '') : undefined;
    return m && columns ? { of: o, temp, unique: m[1] !== undefined, method: m[2] ?? 'btree', columns } : undefined;
  }
  const m = /^(PRIMARY KEY|UNIQUE) \(([^()]*)\)$/.exec(o.definition);
  const columns = m ? plainColumns(m[2] ?? '') : undefined;
  return m && columns ? { of: o, temp, unique: true, method: 'btree', columns } : undefined;
}

/** The column's type changes, and not only in name (PostgreSQL would rewrite the table). */
const retyped = (from: Column, to: Column) =>
  from.type !== to.type && typeChangeCost(typeShape(from.type), typeShape(to.type)) !== 'none';

/** The type stays, a declared conversion gives the existing rows new values, and what makes it needed changes: the
 * column becomes NOT NULL (`-- sfm:using coalesce(note, '')`), or its default changes and the rows that had the old
 * one take the new one (`-- sfm:using CASE WHEN state = 'new' THEN 'open' ELSE state END`). Once applied, neither
 * differs any more: the declaration left in the file plans nothing again. */
const rewritten = (from: Column, to: Column) =>
  from.type === to.type && to.using !== undefined && (from.notNull !== to.notNull || from.default !== to.default);

/** Why a column's change cannot go online, or undefined. */
function columnBlocker(t: TableObject, from: Column, to: Column): string | undefined {
  const at = `${t.schema}.${t.name}.${to.name}`;
  if (from.identity || to.identity) return `${at} is an identity column`;
  if (from.generated || to.generated) return `${at} is a generated column`;
  if (to.using && to.using.down === null && from.type !== to.type)
    return `${at} declares no way back (-- sfm:using-down): the old application's column cannot be kept in step`;
  return undefined;
}

/** A view column: the table's column under its name for the new version (a column renamed later: `old AS new`). */
function viewColumn(col: string, phys: (c: string) => string): string {
  return phys(col) === col ? quoteIdent(col) : `${quoteIdent(phys(col))} AS ${quoteIdent(col)}`;
}

/** A table or columns only renamed: the new version sees the new names through the view, and the contract renames
 * (the table last). */
function onlineRenames(
  from: TableObject,
  renamed: readonly Column[],
  phys: (c: string) => string,
  physTable: string,
  ctx: OnlineContext,
): OnlineChange {
  const table = qualify(from.schema, physTable);
  const view = qualify(versionSchema(ctx.version), from.name);
  const at = `${from.schema}.${from.name}`;
  return {
    id: from.id,
    what: [
      ...(physTable !== from.name ? [`${from.schema}.${physTable} renamed to ${from.name}`] : []),
      ...renamed.map((c) => `${at}.${phys(c.name)} renamed to ${c.name}`),
    ],
    settled: from,
    expand: rendered([
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(versionSchema(ctx.version))}`,
      `CREATE VIEW ${view} WITH (security_invoker = true) AS SELECT ${from.columns
        .map((c) => viewColumn(c.name, phys))
        .join(', ')} FROM ${table}`,
    ]),
    build: [],
    swap: rendered([
      `DROP VIEW ${view}`,
      ...renamed.map((c) => `ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(phys(c.name))} TO ${quoteIdent(c.name)}`),
      ...(physTable !== from.name ? [`ALTER TABLE ${table} RENAME TO ${quoteIdent(from.name)}`] : []),
    ]),
    validate: [],
    undoExpand: rendered([`DROP VIEW IF EXISTS ${view}`]),
  };
}

/** What uses the changed columns: keys and plain indexes are copied onto the new columns, and the foreign keys
 * pointing at the keys are made again; anything else is a reason the change cannot go online. */
function columnUsers(
  from: TableObject,
  changed: readonly Changed[],
  ctx: OnlineContext,
): { copies: Copy[]; inbound: ConstraintObject[] } | string {
  const at = `${from.schema}.${from.name}`;
  const copies: Copy[] = [];
  const inbound: ConstraintObject[] = [];
  for (const c of changed) {
    for (const user of ctx.usersOf(columnKey(from.schema, from.name, c.to.name))) {
      if (copies.some((x) => x.of.id === user.id)) continue;
      const same = sameData(user, ctx.diff.toById.get(user.id));
      const copy =
        (isIndex(user) || (isConstraint(user) && (user.type === 'p' || user.type === 'u'))) && same
          ? copyOf(user, name(`sfm_${ctx.version}_${copies.length + 1}`))
          : undefined;
      if (!copy)
        return `${user.id} uses ${at}.${c.to.name}: change it in a migration of its own, or the column in place`;
      copies.push(copy);
    }
  }
  const constraints = ctx.diff.from.objects.filter(isConstraint);
  for (const copy of copies) {
    if (!isConstraint(copy.of)) continue;
    const key = constraintId(copy.of.schema, copy.of.table, copy.of.name);
    for (const fk of constraints.filter((x) => x.type === 'f' && x.references.includes(key))) {
      if (!sameData(fk, ctx.diff.toById.get(fk.id)))
        return `${fk.id} points at ${at} and changes too: change it in a migration of its own`;
      inbound.push(fk);
    }
  }
  return { copies, inbound };
}

/** The sync trigger's body. A write from the new version (the version schema on its search_path) fills the old
 * columns by the way back; any other write fills the new ones. An UPDATE of a row the backfill has not reached yet
 * (the new version deployed before apply finished) gets the new value from the old one first, so the way back does
 * not blank the old column. */
function syncBody(from: TableObject, changed: readonly Changed[], phys: (c: string) => string, vs: string): string {
  const overNew = new Map(from.columns.map((c) => [c.name, `NEW.${quoteIdent(phys(c.name))}`]));
  const downNew = new Map([...overNew, ...changed.map((c) => [c.to.name, `NEW.${quoteIdent(c.temp)}`] as const)]);
  const temp = (c: Changed) => quoteIdent(c.temp);
  return [
    `BEGIN`,
    // The backfill sets the new columns itself.
    `IF pg_catalog.current_setting('sfm.backfill', true) = 'on' THEN RETURN NEW; END IF;`,
    `IF ${quoteLiteral(vs)} = ANY (pg_catalog.current_schemas(false)) THEN`,
    ...changed.flatMap((c) => [
      `  IF TG_OP = 'UPDATE' AND NEW.${temp(c)} IS NULL AND OLD.${temp(c)} IS NULL THEN`,
      `    NEW.${temp(c)} := ${rewriteColumns(c.up, overNew)};`,
      `  END IF;`,
      `  NEW.${quoteIdent(phys(c.to.name))} := ${rewriteColumns(c.down, downNew)};`,
    ]),
    `ELSE`,
    ...changed.map((c) => `  NEW.${temp(c)} := ${rewriteColumns(c.up, overNew)};`),
    `END IF;`,
    `RETURN NEW;`,
    `END`,
  ].join('\n');
}

export function onlineTableChange(
  from: TableObject,
  to: TableObject,
  ctx: OnlineContext,
): OnlineChange | string | undefined {
  const changed = to.columns.flatMap((c): Changed[] => {
    const was = from.columns.find((x) => x.name === c.name);
    if (!was || was.inherited || !(retyped(was, c) || rewritten(was, c))) return [];
    return [
      {
        from: was,
        to: c,
        temp: name(`sfm_new_${c.name}`),
        up: c.using?.up ?? `${quoteIdent(c.name)}::${c.type}`,
        down: c.using?.down ?? `${quoteIdent(c.name)}::${was.type}`,
      },
    ];
  });
  // `from` has the declared renames done (the plan is made from it); until the contract the table has the old names.
  const phys = (col: string) =>
    ctx.renames.find((r) => r.kind === 'column' && r.schema === from.schema && r.table === from.name && r.to === col)
      ?.from ?? col;
  const renamed = from.columns.filter((c) => phys(c.name) !== c.name && !changed.some((x) => x.to.name === c.name));
  const physTable =
    ctx.renames.find((r) => r.kind !== 'column' && r.schema === from.schema && r.to === from.name)?.from ?? from.name;
  if (changed.length === 0 && renamed.length === 0 && physTable === from.name) return undefined;
  const table = qualify(from.schema, from.name);
  const at = `${from.schema}.${from.name}`;
  if (changed.length === 0) return onlineRenames(from, renamed, phys, physTable, ctx);
  if (physTable !== from.name)
    return `${at} is renamed and has columns whose type changes: plan the rename and the type change apart`;
  if (from.partitionKey || from.partitionOf || from.inherits.length)
    return `${at} is partitioned or inherits: its column types change in place`;
  for (const c of changed) {
    const why = columnBlocker(from, c.from, c.to);
    if (why) return why;
    if (from.columns.some((x) => x.name === c.temp)) return `${at} already has a column ${c.temp}`;
  }
  const objects = ctx.diff.from.objects;
  const keyed = objects.filter(isConstraint).filter((k) => k.schema === from.schema && k.table === from.name);
  const hasKey =
    keyed.some((k) => k.type === 'p') ||
    keyed.some((k) => k.type === 'u' && k.columns.every((n) => from.columns.find((c) => c.name === n)?.notNull));
  if (!hasKey)
    return `${at} has no primary key or unique key of NOT NULL columns: a backfill has no order to go in batches by`;

  const users = columnUsers(from, changed, ctx);
  if (typeof users === 'string') return users;
  const { copies, inbound } = users;
  const names = new Set(changed.map((c) => c.to.name));
  const vs = versionSchema(ctx.version);
  const fn = qualify(from.schema, name(`sfm_sync_${ctx.version}_${from.name}`));
  const trigger = quoteIdent(name(`sfm_sync_${ctx.version}`));
  const view = qualify(vs, from.name);
  const check = (c: Changed) => quoteIdent(name(`sfm_nn_${c.temp}`));
  const body = syncBody(from, changed, phys, vs);
  const viewColumns = from.columns.map((c) => {
    const ch = changed.find((x) => x.to.name === c.name);
    return ch ? `${quoteIdent(ch.temp)} AS ${quoteIdent(c.name)}` : viewColumn(c.name, phys);
  });
  const expand = rendered([
    ...changed.map(
      (c) =>
        `ALTER TABLE ${table} ADD COLUMN ${quoteIdent(c.temp)} ${c.to.type}${c.to.collation ? ` COLLATE ${c.to.collation}` : ''}`,
    ),
    ...changed
      .filter((c) => c.to.notNull)
      .map(
        (c) => `ALTER TABLE ${table} ADD CONSTRAINT ${check(c)} CHECK (${quoteIdent(c.temp)} IS NOT NULL) NOT VALID`,
      ),
    `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $sfm$\n${body}\n$sfm$`,
    `CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(vs)}`,
    `CREATE VIEW ${view} WITH (security_invoker = true) AS SELECT ${viewColumns.join(', ')} FROM ${table}`,
    ...changed
      .filter((c) => c.to.default !== null)
      .map((c) => `ALTER VIEW ${view} ALTER COLUMN ${quoteIdent(c.to.name)} SET DEFAULT ${c.to.default}`),
  ]);
  const overOld = new Map(from.columns.map((c) => [c.name, quoteIdent(phys(c.name))]));
  // Only rows nobody wrote since the expand: the trigger gave those their new values, which a conversion there and
  // back (of what the new version wrote) could round.
  const unwritten = changed.map((c) => `${quoteIdent(c.temp)} IS NULL`).join(' AND ');
  const backfill = rendered([
    `UPDATE ${table} SET ${changed.map((c) => `${quoteIdent(c.temp)} = ${rewriteColumns(c.up, overOld)}`).join(', ')} ` +
      `WHERE ${unwritten}`,
  ]);
  const nonTx = (statements: string[]): Rendered => ({ ...rendered(statements), nonTransactional: true });
  const tempOf = (col: string) => changed.find((c) => c.to.name === col)?.temp ?? phys(col);
  const build = [
    ...changed.filter((c) => c.to.notNull).map((c) => nonTx([`ALTER TABLE ${table} VALIDATE CONSTRAINT ${check(c)}`])),
    ...copies.map((k) =>
      nonTx([
        `CREATE ${k.unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY ${quoteIdent(k.temp)} ON ${table} USING ${k.method} ` +
          `(${k.columns.map((c) => quoteIdent(tempOf(c))).join(', ')})`,
      ]),
    ),
  ];
  const fkTable = (fk: ConstraintObject) => qualify(fk.schema, fk.table);
  const key = keyed.find((k) => k.type === 'p') ?? keyed.find((k) => k.type === 'u');
  const keyColumns = key ? (plainColumns(/\(([^()]*)\)/.exec(key.definition)?.[1] ?? '') ?? key.columns) : [];
  const archived = ctx.archiveSchema ? qualify(ctx.archiveSchema, name(`${from.name}__online`)) : undefined;
  const kept = [...new Set([...keyColumns, ...names])].map((c) => quoteIdent(phys(c)));
  const archive =
    archived && ctx.archiveSchema
      ? nonTx([
          `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(ctx.archiveSchema)}`,
          `CREATE TABLE ${archived} AS SELECT ${kept.join(', ')} FROM ${table}`,
        ])
      : undefined;
  const owned = objects
    .filter(isSequence)
    .filter((s) => s.ownedBy?.schema === from.schema && s.ownedBy.table === from.name && names.has(s.ownedBy.column));
  // The view first: the new version's queries lock it before the table, and taking the two the other way round would
  // deadlock with them.
  const swap = rendered([
    `DROP VIEW ${view}`,
    ...inbound.map((fk) => `ALTER TABLE ${fkTable(fk)} DROP CONSTRAINT ${quoteIdent(fk.name)}`),
    `DROP TRIGGER ${trigger} ON ${table}`,
    `DROP FUNCTION ${fn}()`,
    ...owned.map(
      (s) =>
        `ALTER SEQUENCE ${qualify(s.schema, s.name)} OWNED BY ${table}.${quoteIdent(tempOf(s.ownedBy?.column ?? ''))}`,
    ),
    ...changed.map((c) => `ALTER TABLE ${table} DROP COLUMN ${quoteIdent(phys(c.to.name))}`),
    ...renamed.map((c) => `ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(phys(c.name))} TO ${quoteIdent(c.name)}`),
    ...changed.flatMap((c) => [
      `ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(c.temp)} TO ${quoteIdent(c.to.name)}`,
      ...(c.to.notNull
        ? [
            `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(c.to.name)} SET NOT NULL`,
            `ALTER TABLE ${table} DROP CONSTRAINT ${check(c)}`,
          ]
        : []),
      ...(c.to.default !== null
        ? [`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(c.to.name)} SET DEFAULT ${c.to.default}`]
        : []),
    ]),
    ...copies.map((k) =>
      isConstraint(k.of)
        ? `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(k.of.name)} ${k.of.type === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} ` +
          `USING INDEX ${quoteIdent(k.temp)}`
        : `ALTER INDEX ${qualify(from.schema, k.temp)} RENAME TO ${quoteIdent(k.of.name)}`,
    ),
    ...inbound.map(
      (fk) =>
        `ALTER TABLE ${fkTable(fk)} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition.replace(/ NOT VALID$/, '')} NOT VALID`,
    ),
  ]);
  const validate = inbound.map((fk) =>
    nonTx([`ALTER TABLE ${fkTable(fk)} VALIDATE CONSTRAINT ${quoteIdent(fk.name)}`]),
  );
  const undoExpand = rendered([
    `DROP VIEW IF EXISTS ${view}`,
    ...copies.map((k) => `DROP INDEX IF EXISTS ${qualify(from.schema, k.temp)}`),
    `DROP TRIGGER IF EXISTS ${trigger} ON ${table}`,
    `DROP FUNCTION IF EXISTS ${fn}()`,
    ...changed.map((c) => `ALTER TABLE ${table} DROP COLUMN IF EXISTS ${quoteIdent(c.temp)}`),
  ]);
  // After the in-place way back (renames undone too), a value not changed since the contract gets its exact old
  // value again (a conversion there and back may round it).
  const restoreOne = (c: Changed) => {
    const [col, old] = [quoteIdent(phys(c.to.name)), `a.${quoteIdent(phys(c.to.name))}`];
    const there = rewriteColumns(c.up, new Map([[c.to.name, old]]));
    const back = rewriteColumns(c.down, new Map([[c.to.name, `(${there})`]]));
    return `${col} = CASE WHEN t.${col} IS NOT DISTINCT FROM (${back}) THEN ${old} ELSE t.${col} END`;
  };
  const join = keyColumns.map((k) => `t.${quoteIdent(phys(k))} = a.${quoteIdent(phys(k))}`).join(' AND ');
  const restore =
    archived && keyColumns.length
      ? rendered([
          `UPDATE ${table} AS t SET ${changed.map(restoreOne).join(', ')} FROM ${archived} AS a WHERE ${join}`,
          `DROP TABLE ${archived}`,
        ])
      : undefined;
  const settled: TableObject = {
    ...from,
    columns: from.columns.map((c) => changed.find((x) => x.to.name === c.name)?.to ?? c),
  };
  return {
    id: from.id,
    what: [
      ...changed.map((c) =>
        c.from.type === c.to.type
          ? `${at}.${c.to.name} rewritten by its declared conversion`
          : `${at}.${c.to.name} ${c.from.type} → ${c.to.type}`,
      ),
      ...renamed.map((c) => `${at}.${phys(c.name)} renamed to ${c.name}`),
    ],
    settled,
    rewrites: changed.filter((c) => c.from.type === c.to.type).map((c) => columnKey(from.schema, from.name, c.to.name)),
    expand,
    backfill,
    build,
    ...(archive ? { archive } : {}),
    swap,
    validate,
    undoExpand,
    ...(restore ? { restore } : {}),
  };
}
