// SQL for tables: CREATE TABLE, DROP TABLE and the ALTER TABLE steps of a column change, in an order that
// PostgreSQL accepts (identity needs NOT NULL first; a default must go before an identity is added, …).
import type { DiffContext, Precondition, Rendered } from '../kind.js';
import type { Hazard } from '../../model/hazard.js';
import { archiveColumn, archiveKey, restoreColumn } from './table-archive.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { doBlock } from '../../sql/do-block.js';
import { isConstraint } from '../constraint/constraint.js';
import { isTable, type Column, type IdentityOptions, type TableObject } from './table-model.js';
import { objectOf } from '../../model/model.js';
import type { TableColumnsAction, TablePersistenceAction } from './table-compare.js';
import { sameData } from '../shared/simple.js';
import { carryPosition, identitySequence, rangeGuard, sameSource, valueSource } from '../sequence/position.js';
import { typeChangeCost, typeShape, type TypeChangeCost, type TypeShape } from './type-change.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { isDomain } from '../domain/domain.js';

function identityOptions(o: IdentityOptions): string {
  return (
    `START WITH ${o.start} INCREMENT BY ${o.increment} MINVALUE ${o.min} MAXVALUE ${o.max} CACHE ${o.cache} ` +
    `${o.cycle ? 'CYCLE' : 'NO CYCLE'}`
  );
}

function columnDefinition(c: Column): string {
  const parts = [quoteIdent(c.name), c.type];
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.generated)
    parts.push(`GENERATED ALWAYS AS (${c.generated.expression})${c.generated.stored ? ' STORED' : ' VIRTUAL'}`);
  else if (c.identity)
    parts.push(`GENERATED ${c.identity.generation} AS IDENTITY (${identityOptions(c.identity.options)})`);
  else if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

const STORAGE = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' } as const;

/** A column's settings that CREATE TABLE and ADD COLUMN do not take (storage, statistics target, compression),
 * as ALTER COLUMN clauses: those that differ from `was` (a new column: from the defaults). A type change may
 * reset some of them to the new type's defaults, so after one every setting either side has is said again. */
function columnSettings(c: Column, was?: Column): string[] {
  const retyped = was !== undefined && was.type !== c.type;
  const differs = <K extends 'statistics' | 'compression'>(k: K) =>
    retyped ? c[k] !== null || was[k] !== null : c[k] !== (was?.[k] ?? null);
  const storage = retyped
    ? !c.storageIsDefault || !was.storageIsDefault
    : was
      ? was.storage !== c.storage
      : !c.storageIsDefault;
  const out: string[] = [];
  if (storage) out.push(`SET STORAGE ${STORAGE[c.storage]}`);
  if (differs('statistics')) out.push(`SET STATISTICS ${c.statistics ?? -1}`);
  if (differs('compression')) out.push(`SET COMPRESSION ${c.compression ?? 'DEFAULT'}`);
  return out.map((s) => `ALTER COLUMN ${quoteIdent(c.name)} ${s}`);
}

const NO_PROPERTIES = {
  rowSecurity: false,
  forceRowSecurity: false,
  options: [],
  replicaIdentity: 'd',
  replicaIndex: null,
} as const;

export function renderCreateTable(t: TableObject): Rendered {
  const name = qualify(t.schema, t.name);
  const by = t.partitionKey ? ` PARTITION BY ${t.partitionKey}` : '';
  let create: string;
  if (t.partitionOf) {
    create =
      `CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE ${name} PARTITION OF ` +
      `${qualify(t.partitionOf.schema, t.partitionOf.table)} ${t.partitionOf.bound}${by}`;
  } else {
    const cols = t.columns
      .filter((c) => !c.inherited)
      .map((c) => `  ${columnDefinition(c)}`)
      .join(',\n');
    const inherits = t.inherits.length
      ? ` INHERITS (${t.inherits.map((p) => qualify(p.schema, p.name)).join(', ')})`
      : '';
    create = `CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE ${name} (${cols ? `\n${cols}\n` : ''})${inherits}${by}`;
  }
  const props = renderProperties({ ...t, ...NO_PROPERTIES }, t);
  const settings = t.columns
    .filter((c) => !c.inherited)
    .flatMap((c) => columnSettings(c))
    .map((s) => `ALTER TABLE ${name} ${s}`);
  return { statements: [create, ...settings, ...props.statements], hazards: [] };
}

/** Row-level security, storage options and replica identity. */
export function renderProperties(from: TableObject, to: TableObject): Rendered {
  const table = `ALTER TABLE ${qualify(to.schema, to.name)}`;
  const out: string[] = [];
  if (from.rowSecurity !== to.rowSecurity)
    out.push(`${table} ${to.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
  if (from.forceRowSecurity !== to.forceRowSecurity)
    out.push(`${table} ${to.forceRowSecurity ? '' : 'NO '}FORCE ROW LEVEL SECURITY`);
  const key = (o: string) => o.slice(0, o.indexOf('='));
  const reset = from.options.filter((o) => !to.options.some((x) => key(x) === key(o))).map(key);
  const set = to.options.filter((o) => !from.options.includes(o));
  if (reset.length) out.push(`${table} RESET (${reset.join(', ')})`);
  if (set.length) out.push(`${table} SET (${set.join(', ')})`);
  if (from.replicaIdentity !== to.replicaIdentity || from.replicaIndex !== to.replicaIndex) {
    const how = { d: 'DEFAULT', n: 'NOTHING', f: 'FULL', i: `USING INDEX ${quoteIdent(to.replicaIndex ?? '')}` }[
      to.replicaIdentity
    ];
    out.push(`${table} REPLICA IDENTITY ${how}`);
  }
  return { statements: out, hazards: [] };
}

/** DETACH … CONCURRENTLY leaves the partition bound behind as a CHECK constraint of a name PostgreSQL chooses:
 * dropped again by being the one check of the table that neither state has. */
function dropBoundCheck(t: TableObject, ctx: DiffContext): string {
  const known = [...ctx.fromById.values(), ...ctx.toById.values()].flatMap((o) =>
    isConstraint(o) && o.schema === t.schema && o.table === t.name ? [quoteLiteral(o.name)] : [],
  );
  return doBlock([
    'DECLARE c text; BEGIN',
    `  FOR c IN SELECT conname FROM pg_catalog.pg_constraint WHERE conrelid = ${quoteLiteral(qualify(t.schema, t.name))}::regclass`,
    `    AND contype = 'c' AND conname <> ALL (ARRAY[${known.join(', ')}]::text[]) LOOP`,
    `    EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', ${quoteLiteral(qualify(t.schema, t.name))}, c);`,
    '  END LOOP;',
    'END',
  ]);
}

/** The parent has a DEFAULT partition (DETACH … CONCURRENTLY is refused then). */
const hasDefaultPartition = (parent: ObjectId, byId: ReadonlyMap<ObjectId, DbObject>) =>
  [...byId.values()].some((o) => isTable(o) && o.partitionOf?.parent === parent && o.partitionOf.bound === 'DEFAULT');

export function renderPartition(from: TableObject, to: TableObject, ctx?: DiffContext): Rendered {
  const out: string[] = [];
  const name = qualify(to.schema, to.name);
  const was = from.partitionOf;
  // DETACH takes ACCESS EXCLUSIVE on the parent (every query of it waits); CONCURRENTLY (PostgreSQL 14+, outside a
  // transaction) only SHARE UPDATE EXCLUSIVE, but not beside a DEFAULT partition.
  if (was && ctx && !to.partitionOf && !hasDefaultPartition(was.parent, ctx.fromById)) {
    const detach = `ALTER TABLE ${qualify(was.schema, was.table)} DETACH PARTITION ${name} CONCURRENTLY`;
    return {
      statements: [detach],
      hazards: [],
      nonTransactional: true,
      followUps: [{ statements: [dropBoundCheck(to, ctx)], hazards: [] }],
    };
  }
  if (was) out.push(`ALTER TABLE ${qualify(was.schema, was.table)} DETACH PARTITION ${name}`);
  // A detach here (beside a DEFAULT partition) holds ACCESS EXCLUSIVE on the parent; an attach, on the partition.
  if (to.partitionOf)
    out.push(
      `ALTER TABLE ${qualify(to.partitionOf.schema, to.partitionOf.table)} ATTACH PARTITION ${name} ${to.partitionOf.bound}`,
    );
  return { statements: out, hazards: out.length ? ['ACCESS_EXCLUSIVE_LOCK'] : [] };
}

export function renderInherits(from: TableObject, to: TableObject): Rendered {
  const table = `ALTER TABLE ${qualify(to.schema, to.name)}`;
  const same = (a: { schema: string; name: string }, b: { schema: string; name: string }) =>
    a.schema === b.schema && a.name === b.name;
  return {
    statements: [
      ...from.inherits
        .filter((p) => !to.inherits.some((q) => same(p, q)))
        .map((p) => `${table} NO INHERIT ${qualify(p.schema, p.name)}`),
      ...to.inherits
        .filter((p) => !from.inherits.some((q) => same(p, q)))
        .map((p) => `${table} INHERIT ${qualify(p.schema, p.name)}`),
    ],
    hazards: [],
  };
}

export function renderDropTable(t: TableObject): Rendered {
  return { statements: [`DROP TABLE ${qualify(t.schema, t.name)}`], hazards: ['DELETES_DATA'] };
}

const baseOf = (type: string) => type.replace(/\(.*\)/, '').replace(/\[\]$/, '');

/** The column's type as the rewrite rules see it: a domain by its base type and whether it has constraints. */
function shapeOf(c: Column, byId: ReadonlyMap<ObjectId, DbObject> | undefined): TypeShape & { domain: boolean } {
  const ref = byId && !c.typeIsArray ? objectOf(byId, c.typeRef, isDomain) : undefined;
  if (ref) return { ...typeShape(ref.baseType, ref.notNull || ref.checks.length > 0), domain: true };
  return { ...typeShape(c.type), domain: false };
}

/** What a type change costs; a declared conversion is an expression of its own, so it rewrites. */
function retypeCost(from: Column, to: Column, ctx: DiffContext | undefined): TypeChangeCost {
  if (from.type === to.type) return 'none';
  if (to.using?.up !== undefined || from.using?.down !== undefined) return 'rewrite';
  return typeChangeCost(shapeOf(from, ctx?.fromById), shapeOf(to, ctx?.toById));
}

/** USING for a type change: the declared conversion (forward: the new column's `up`; back: the old one's `down`),
 * or a cast, where enum and other user types go through text, as no direct cast exists between them. A domain over
 * the same or a binary-compatible base needs none: the implicit conversion keeps the storage, a cast through text
 * would rewrite the table. */
function usingCast(from: Column, to: Column, ctx: DiffContext | undefined): string {
  const declared = to.using?.up ?? from.using?.down;
  if (declared !== undefined && declared !== null) return ` USING (${declared})`;
  const col = quoteIdent(to.name);
  if (baseOf(from.type) === baseOf(to.type) && from.typeIsArray === to.typeIsArray) return '';
  const [was, now] = [shapeOf(from, ctx?.fromById), shapeOf(to, ctx?.toById)];
  if ((was.domain || now.domain) && typeChangeCost(was, { ...now, constrained: false }) === 'none') return '';
  const viaText = from.typeRef !== null || to.typeRef !== null;
  return ` USING ${col}${viaText ? `::text${to.typeIsArray ? '[]' : ''}` : ''}::${to.type}`;
}

/** A plain cast between two built-in types must exist (42846: cannot cast), or a conversion must be declared. */
function castCheck(t: TableObject, from: Column, to: Column): Precondition[] {
  const declared = to.using?.up ?? from.using?.down;
  if ((declared !== undefined && declared !== null) || from.typeRef !== null || to.typeRef !== null) return [];
  if (baseOf(from.type) === baseOf(to.type) && from.typeIsArray === to.typeIsArray) return [];
  const back = from.using !== undefined;
  const where = `${t.schema}.${t.name}.${to.name}`;
  const how = back
    ? `declare the way back: in SQL, a comment "-- sfm:using-down <expression>" on the column's line; in YAML, "using: {up: ` +
      `…, down: <expression>}"`
    : `declare the conversion: in SQL, a comment "-- sfm:using <expression>" on the column's line (an expression over the ` +
      `old columns, e.g. -- sfm:using ${quoteIdent(to.name)}::text::${to.type}); in YAML, "using: <expression>" on the column`;
  return [
    {
      sql: `SELECT NULL::${from.type}::${to.type}`,
      failsOn: ['42846'],
      message:
        `column ${where} changes from ${from.type} to ${to.type}${back ? ' and back in the down steps' : ''}, and ` +
        `PostgreSQL has no cast for that; ${how}`,
    },
  ];
}

/** The key by which a column that only one side has is archived (up) or restored (down), if any. */
function archivedBy(
  t: TableObject,
  c: Column,
  a: TableColumnsAction,
  ctx: DiffContext | undefined,
  direction: 'up' | 'down',
) {
  if (ctx?.archive?.direction !== direction) return undefined;
  const withIt = objectOf(direction === 'up' ? ctx.fromById : ctx.toById, t.id, isTable);
  const without = objectOf(direction === 'up' ? ctx.toById : ctx.fromById, t.id, isTable);
  if (!withIt || !without || without.columns.some((x) => x.name === c.name)) return undefined;
  const key = archiveKey(withIt, c, a, direction === 'up' ? ctx.from : ctx.to);
  return key ? { key, schema: ctx.archive.schema, table: withIt } : undefined;
}

export function renderColumns(t: TableObject, a: TableColumnsAction, ctx?: DiffContext): Rendered {
  const table = `ALTER TABLE ${qualify(t.schema, t.name)}`;
  const out: string[] = [];
  const hazards = new Set<Hazard>();
  const col = (c: Column) => `${table} ALTER COLUMN ${quoteIdent(c.name)}`;
  const notNullLater: Column[] = [];
  let usesArchive = false;
  for (const c of a.drops) {
    // drops: archive keeps the values with the key that finds their rows again.
    const kept = archivedBy(t, c, a, ctx, 'up');
    if (kept) {
      out.push(archiveColumn(kept.table, c, kept.key, kept.schema));
      usesArchive = true;
    } else hazards.add('DELETES_DATA');
    out.push(`${table} DROP COLUMN ${quoteIdent(c.name)}`);
  }
  for (const c of a.recreates) {
    out.push(`${table} DROP COLUMN ${quoteIdent(c.name)}`);
    hazards.add('DELETES_DATA');
  }
  // A column whose values come from another sequence now carries the position over (see sequence/position.ts):
  // from an identity before the identity and its sequence go, otherwise once the new source is in place.
  const carry = (from: Column, to: Column) => {
    const [was, now] = [valueSource(from), valueSource(to)];
    return now && !sameSource(was, now)
      ? carryPosition({ schema: t.schema, table: t.name, column: to.name, from: was, to: now })
      : undefined;
  };
  const fromIdentity = (from: Column, to: Column) => from.identity !== null && !to.identity;
  // First take away what blocks the other changes.
  for (const { from, to } of a.alters) {
    const early = fromIdentity(from, to) ? carry(from, to) : undefined;
    if (early) out.push(early);
    if (from.identity && !to.identity) out.push(`${col(to)} DROP IDENTITY`);
    if (from.generated && !to.generated) out.push(`${col(to)} DROP EXPRESSION`);
    if (from.default !== null && from.default !== to.default) out.push(`${col(to)} DROP DEFAULT`);
  }
  const checks: Precondition[] = [];
  const retyped: Column[] = [];
  const unlessUtc: string[] = [];
  const keepsStorage: string[] = [];
  for (const { from, to } of a.alters) {
    if (from.type !== to.type || from.collation !== to.collation) {
      const collate = to.collation ? ` COLLATE ${to.collation}` : from.collation ? ' COLLATE pg_catalog."default"' : '';
      out.push(`${col(to)} TYPE ${to.type}${collate}${usingCast(from, to, ctx)}`);
      const cost = retypeCost(from, to, ctx);
      if (cost !== 'none') {
        hazards.add('TABLE_REWRITE');
        hazards.add('ACCESS_EXCLUSIVE_LOCK');
      }
      if (cost === 'rewrite-unless-utc') unlessUtc.push(`${t.schema}.${t.name}.${to.name}`);
      if (cost === 'none')
        keepsStorage.push(
          from.type === to.type
            ? `${to.name}: a collation change keeps the storage (indexes on the column are rebuilt)`
            : `${to.name}: ${from.type} → ${to.type} keeps the storage (binary-compatible or only widening)`,
        );
      if (from.type !== to.type) retyped.push(to);
      checks.push(...castCheck(t, from, to));
    }
    if (from.notNull && !to.notNull) out.push(`${col(to)} DROP NOT NULL`);
    // An identity column is NOT NULL (introspection reports it so): SET NOT NULL runs before ADD IDENTITY below.
    if (!from.notNull && to.notNull) {
      if (!t.partitionKey && !(to.identity && !from.identity)) notNullLater.push(to);
      else {
        out.push(`${col(to)} SET NOT NULL`);
        hazards.add('ACCESS_EXCLUSIVE_LOCK');
      }
    }
  }
  const defaultsLater: Column[] = [];
  const restores: string[] = [];
  for (const c of a.adds) {
    const kept = archivedBy(t, c, a, ctx, 'down');
    if (!kept) continue;
    // Back from the archive: added nullable, filled by key, then NOT NULL again.
    out.push(`${table} ADD COLUMN ${columnDefinition({ ...c, notNull: false })}`);
    out.push(...columnSettings(c).map((s) => `${table} ${s}`));
    restores.push(...restoreColumn(t, c, kept.key, kept.schema));
    if (c.notNull && !t.partitionKey) notNullLater.push(c);
    else if (c.notNull) restores.push(`${col(c)} SET NOT NULL`);
    usesArchive = true;
  }
  for (const c of [...a.adds.filter((x) => !archivedBy(t, x, a, ctx, 'down')), ...a.recreates]) {
    // A volatile default gives each existing row its own value, which rewrites the table under its lock. A
    // nullable column is added bare instead and gets its default after: existing rows keep NULL, new rows get it.
    const bare = c.defaultVolatile && !c.notNull && !c.identity && !c.generated;
    out.push(`${table} ADD COLUMN ${columnDefinition(bare ? { ...c, default: null } : c)}`);
    if (bare) defaultsLater.push(c);
    out.push(...columnSettings(c).map((s) => `${table} ${s}`));
    if (c.generated?.stored || (c.defaultVolatile && !bare) || c.identity) {
      hazards.add('TABLE_REWRITE');
      hazards.add('ACCESS_EXCLUSIVE_LOCK');
    }
    if (c.notNull && c.default === null && !c.identity && !c.generated) hazards.add('CORRECTNESS');
  }
  for (const c of defaultsLater) out.push(`${col(c)} SET DEFAULT ${c.default}`);
  out.push(...restores);
  for (const { from, to } of a.alters) {
    // Virtual on both sides (table-compare.ts): computed when read, so nothing is rewritten.
    if (from.generated && to.generated && from.generated.expression !== to.generated.expression)
      out.push(`${col(to)} SET EXPRESSION AS (${to.generated.expression})`);
    if (to.default !== null && from.default !== to.default) out.push(`${col(to)} SET DEFAULT ${to.default}`);
    out.push(...columnSettings(to, from).map((s) => `${table} ${s}`));
    if (to.identity && !from.identity) {
      out.push(
        `${col(to)} ADD GENERATED ${to.identity.generation} AS IDENTITY (${identityOptions(to.identity.options)})`,
      );
    } else if (to.identity && from.identity) {
      if (to.identity.generation !== from.identity.generation)
        out.push(`${col(to)} SET GENERATED ${to.identity.generation}`);
      if (!sameData(to.identity.options, from.identity.options)) {
        const o = to.identity.options;
        const set =
          `${col(to)} SET INCREMENT BY ${o.increment} SET MINVALUE ${o.min} SET MAXVALUE ${o.max} SET START WITH ` +
          `${o.start} SET CACHE ${o.cache} SET ${o.cycle ? 'CYCLE' : 'NO CYCLE'}`;
        const p = from.identity.options;
        if (BigInt(o.min) > BigInt(p.min) || BigInt(o.max) < BigInt(p.max)) {
          const label = `of ${t.schema}.${t.name}.${to.name}`;
          out.push(rangeGuard(identitySequence(t.schema, t.name, to.name), label, o, `${set} RESTART WITH ${o.start}`));
        }
        out.push(set);
      }
    }
    const late = fromIdentity(from, to) ? undefined : carry(from, to);
    if (late) out.push(late);
  }
  // A new type leaves the column without planner statistics until autovacuum comes by.
  const analyze: Rendered[] = retyped.length
    ? [
        {
          statements: [`ANALYZE ${qualify(t.schema, t.name)} (${retyped.map((c) => quoteIdent(c.name)).join(', ')})`],
          hazards: [],
        },
      ]
    : [];
  const followUps = [...(notNullLater.length ? setNotNullOnline(table, notNullLater, out) : []), ...analyze];
  return {
    statements: out,
    hazards: [...hazards],
    ...(unlessUtc.length
      ? {
          unless: {
            TABLE_REWRITE:
              `${unlessUtc.join(', ')}: timestamp ↔ timestamptz keeps the storage only when the session's TimeZone is ` +
              `UTC (the plan cannot know the session that applies it)`,
          },
        }
      : {}),
    ...(keepsStorage.length ? { absent: { TABLE_REWRITE: keepsStorage.join('; ') } } : {}),
    ...(followUps.length ? { followUps } : {}),
    ...(checks.length ? { checks } : {}),
    ...(usesArchive ? { usesArchive } : {}),
  };
}

/**
 * SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock, unless a validated CHECK (col IS NOT NULL) already
 * proves it. So: add that check NOT VALID (appended to `first`), validate it outside a transaction (a lock that lets
 * reads and writes go on), then SET NOT NULL without a scan and drop the check.
 */
function setNotNullOnline(table: string, cols: readonly Column[], first: string[]): Rendered[] {
  const check = (c: Column) => quoteIdent(`sfm_${c.name}_not_null`.slice(0, 63));
  first.push(
    ...cols.map((c) => `${table} ADD CONSTRAINT ${check(c)} CHECK (${quoteIdent(c.name)} IS NOT NULL) NOT VALID`),
  );
  return [
    { statements: cols.map((c) => `${table} VALIDATE CONSTRAINT ${check(c)}`), hazards: [], nonTransactional: true },
    {
      statements: cols.flatMap((c) => [
        `${table} ALTER COLUMN ${quoteIdent(c.name)} SET NOT NULL`,
        `${table} DROP CONSTRAINT ${check(c)}`,
      ]),
      hazards: [],
    },
  ];
}

export function renderPersistence(t: TableObject, a: TablePersistenceAction): Rendered {
  return {
    statements: [`ALTER TABLE ${qualify(t.schema, t.name)} SET ${a.unlogged ? 'UNLOGGED' : 'LOGGED'}`],
    hazards: ['TABLE_REWRITE', 'ACCESS_EXCLUSIVE_LOCK'],
  };
}
