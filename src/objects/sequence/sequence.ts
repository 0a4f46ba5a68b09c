// Sequences (identity sequences belong to their column and are not listed here). OWNED BY is its own change:
// set after the owning table exists, cleared before that table or column goes, so no drop cascades by surprise.
import type { AlterObject, ObjectKind, DiffContext } from '../kind.js';
import { changedObject } from '../kind.js';
import { type DbObject, isKind, objectOf } from '../../model/model.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { schemaFilter, notFromExtension, scopeParams } from '../shared/scope.js';
import { schemaId, sequenceId, tableId, relationSlot } from '../shared/ids.js';
import { rendered, sameData, unexpected } from '../shared/simple.js';
import { alterChange, createChange, dropChange } from '../shared/change.js';
import { defaultSequenceName, namedSequence, rangeGuard, renameIdentitySequence, valueSource } from './position.js';
import { doBlock } from '../../sql/do-block.js';
import type { SequenceOptions } from './options.js';
import { isTable } from '../table/table-model.js';

export interface SequenceObject extends DbObject, SequenceOptions {
  readonly kind: 'sequence';
  readonly schema: string;
  readonly ownedBy: { readonly schema: string; readonly table: string; readonly column: string } | null;
}

export const isSequence = isKind<SequenceObject>('sequence');

const QUERY = `
SELECT n.nspname AS schema, c.relname AS name, pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
  s.seqcache::text AS cache, s.seqcycle AS cycle,
  own.nspname AS owner_schema, own.relname AS owner_table, own.attname AS owner_column, own.deptype
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN LATERAL (
  SELECT tn.nspname, t.relname, a.attname, d.deptype
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
    AND d.deptype IN ('a', 'i')
  LIMIT 1) own ON true
WHERE c.relkind = 'S' AND own.deptype IS DISTINCT FROM 'i'
  AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

interface Row {
  schema: string;
  name: string;
  data_type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  owner_schema: string | null;
  owner_table: string | null;
  owner_column: string | null;
}

type Owner = SequenceObject['ownedBy'];

function movesWithOwner(s: SequenceObject, ctx: DiffContext, direction: 'up' | 'down'): boolean {
  const a = ctx.archive;
  return (
    s.ownedBy !== null &&
    a !== undefined &&
    a.direction === direction &&
    a.objects.has(tableId(s.ownedBy.schema, s.ownedBy.table))
  );
}
interface SetOptions {
  readonly type: 'options';
}
interface SetOwner {
  readonly type: 'owner';
  readonly owner: Owner;
}
interface Rename {
  readonly type: 'rename';
}

/** The same sequence under another name: it serves the same column with the same options (a table renamed with
 * its serial key), so it is renamed and keeps its position instead of starting again at 1. An owned sequence lives
 * in its table's schema (PostgreSQL moves it with the table), so only its name can differ. */
function renamedFrom(
  s: SequenceObject,
  from: readonly DbObject[],
  toById: ReadonlyMap<string, DbObject>,
): SequenceObject | undefined {
  if (!s.ownedBy) return undefined;
  const same = (o: SequenceObject) =>
    o.schema === s.schema && sameData(o.ownedBy, s.ownedBy) && sameData(options(o), options(s));
  return from.filter(isSequence).find((o) => !toById.has(o.id) && same(o));
}

const identityOn = (byId: DiffContext['fromById'], o: NonNullable<Owner>) =>
  objectOf(byId, tableId(o.schema, o.table), isTable)?.columns.some((c) => c.name === o.column && c.identity) === true;
const columnOf = (byId: DiffContext['fromById'], o: NonNullable<Owner>) =>
  objectOf(byId, tableId(o.schema, o.table), isTable)?.columns.find((c) => c.name === o.column);

/** The sequence's column lives on and draws its values from elsewhere (an identity, another sequence): the plan
 * carries the position there (see position.ts), so dropping this sequence loses nothing the column needs. */
function handedOver(s: SequenceObject, ctx: DiffContext): boolean {
  const o = objectOf(ctx.fromById, s.id, isSequence)?.ownedBy;
  const now = o ? columnOf(ctx.toById, o) : undefined;
  const source = now ? valueSource(now) : null;
  return source !== null && !(source.type === 'sequence' && source.name === `${s.schema}.${s.name}`);
}

const identitySeq = (o: NonNullable<Owner>) =>
  `pg_catalog.pg_get_serial_sequence(${quoteLiteral(qualify(o.schema, o.table))}, ${quoteLiteral(o.column)})`;

/** A serial's sequence dropped for the identity that replaced it: the identity was made while the sequence held the
 * name PostgreSQL gives an identity's sequence (`<table>_<column>_seq`), so it got another (`…_seq1`); it takes the
 * name now, as a database built from the desired state has it. */
function takeNameBack(s: SequenceObject, ctx: DiffContext): string[] {
  const o = objectOf(ctx.fromById, s.id, isSequence)?.ownedBy;
  if (!o || s.name !== defaultSequenceName(o.table, o.column) || !identityOn(ctx.toById, o)) return [];
  return [
    doBlock([
      `BEGIN IF ${identitySeq(o)} IS NOT NULL THEN` +
        ` EXECUTE pg_catalog.format('ALTER SEQUENCE %s RENAME TO %I', ${identitySeq(o)}, ${quoteLiteral(s.name)}); END IF; END`,
    ]),
  ];
}

/** An identity of the sequence's column going away may hold the sequence's name (both are `<table>_<column>_seq`):
 * that sequence goes with the identity later in the plan, so it steps aside now. */
function clearIdentityName(s: SequenceObject, ctx: DiffContext): string[] {
  // The create carries the sequence without its owner (set by a change of its own): the target state has it.
  const o = objectOf(ctx.toById, s.id, isSequence)?.ownedBy;
  if (!o || !identityOn(ctx.fromById, o)) return [];
  return [renameIdentitySequence(o.schema, o.table, o.column, s.name, `${s.name.slice(0, 50)}_sfm_identity`)];
}

const ownerTable = (o: Owner) => (o ? [tableId(o.schema, o.table)] : []);
const options = (s: SequenceObject): SequenceOptions => ({
  dataType: s.dataType,
  start: s.start,
  increment: s.increment,
  min: s.min,
  max: s.max,
  cache: s.cache,
  cycle: s.cycle,
});

function ownerChange(from: SequenceObject, to: SequenceObject): AlterObject<SequenceObject, SetOwner> {
  return alterChange(from, to, { type: 'owner', owner: to.ownedBy } satisfies SetOwner, {
    after: ownerTable(to.ownedBy),
    before: ownerTable(from.ownedBy),
  });
}

export const sequenceKind: ObjectKind<SequenceObject, SetOptions | SetOwner | Rename> = {
  kind: 'sequence',
  covers: ['sequence'],
  async introspect(db, scope) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'sequence',
      id: sequenceId(r.schema, r.name),
      schema: r.schema,
      name: r.name,
      dataType: r.data_type,
      start: r.start,
      increment: r.increment,
      min: r.min,
      max: r.max,
      cache: r.cache,
      cycle: r.cycle,
      ownedBy:
        r.owner_table && r.owner_schema && r.owner_column
          ? { schema: r.owner_schema, table: r.owner_table, column: r.owner_column }
          : null,
    }));
  },
  dependencies: (s) => [schemaId(s.schema)],
  slot: (s) => relationSlot(s.schema, s.name),
  compare(from, to) {
    const changes: AlterObject<SequenceObject, SetOptions | SetOwner>[] = [];
    if (!sameData(options(from), options(to))) {
      const action: SetOptions = { type: 'options' };
      changes.push(alterChange(from, to, action, { after: [], before: [] }));
    }
    if (!sameData(from.ownedBy, to.ownedBy)) changes.push(ownerChange(from, to));
    return changes;
  },
  creates(s, ctx) {
    const was = renamedFrom(s, ctx.from.objects, ctx.toById);
    if (was) {
      return [
        alterChange(
          was,
          s,
          { type: 'rename' } satisfies Rename,
          { after: [schemaId(s.schema)], before: [] },
          { visible: true },
        ),
      ];
    }
    const bare: SequenceObject = { ...s, ownedBy: null };
    const create = createChange(bare, [schemaId(s.schema)]);
    // An owned sequence comes back from the archive with its table.
    if (movesWithOwner(s, ctx, 'down')) return [{ ...createChange(s, []), implied: true }];
    return s.ownedBy ? [create, ownerChange(bare, s)] : [create];
  },
  drops(s, ctx) {
    // Renamed: the create side carries it (see creates).
    if (ctx.to.objects.some((o) => isSequence(o) && !ctx.fromById.has(o.id) && renamedFrom(o, [s], ctx.toById)))
      return [];
    const bare: SequenceObject = { ...s, ownedBy: null };
    const drop = dropChange(bare, [schemaId(s.schema)]);
    // An owned sequence moves to the archive with its table (ALTER TABLE … SET SCHEMA takes it along).
    if (movesWithOwner(s, ctx, 'up')) return [{ ...dropChange(s, []), implied: true }];
    return s.ownedBy ? [ownerChange(s, bare), drop] : [drop];
  },
  render(change, ctx) {
    const s = changedObject(change);
    const name = qualify(s.schema, s.name);
    const opts =
      `AS ${s.dataType} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} ` +
      `CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`;
    if (change.op === 'create') return rendered([...clearIdentityName(s, ctx), `CREATE SEQUENCE ${name} ${opts}`]);
    if (change.op === 'drop') {
      return rendered([`DROP SEQUENCE ${name}`, ...takeNameBack(s, ctx)], handedOver(s, ctx) ? [] : ['DELETES_DATA']);
    }
    const action = change.action;
    if (action.type === 'rename')
      return rendered([`ALTER SEQUENCE ${qualify(s.schema, change.from.name)} RENAME TO ${quoteIdent(s.name)}`]);
    if (action.type === 'options') {
      // A narrower range may exclude the current position: that stops the step (never a silent restart, which
      // would hand out values that rows hold); a sequence that never handed out one moves to the new start.
      const from = change.from;
      const narrower = BigInt(s.min) > BigInt(from.min) || BigInt(s.max) < BigInt(from.max);
      const alter = `ALTER SEQUENCE ${name} ${opts}`;
      const guard = rangeGuard(
        namedSequence(s.schema, s.name),
        `${s.schema}.${s.name}`,
        s,
        `${alter} RESTART WITH ${s.start}`,
      );
      return rendered(narrower ? [guard, alter] : [alter]);
    }
    if (action.type !== 'owner') unexpected(change);
    const o = action.owner;
    return rendered([
      `ALTER SEQUENCE ${name} OWNED BY ${o ? `${qualify(o.schema, o.table)}.${quoteIdent(o.column)}` : 'NONE'}`,
    ]);
  },
};
