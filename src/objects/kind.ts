// The contract every object kind fulfils; the stage modules (introspect, diff, plan, render) only know this.
import type { DbObject, Model, ObjectId } from '../model/model.js';
import type { Queryable } from '../db/queryable.js';
import type { CatalogRefs } from './shared/depends.js';
import type { Hazard } from '../model/hazard.js';
import type { Scope } from '../model/scope.js';
import type { Resource } from '../model/resource.js';
import type { Rename } from '../model/rename.js';

interface ChangeBase {
  readonly kind: string;
  readonly id: ObjectId;
  /** Stable graph vertex id, unique within a plan (model/change-key.ts). */
  readonly key: string;
  /** Ordering (model/resource.ts): runs after the changes that provide these and before those that release them. */
  readonly needs: readonly Resource[];
  readonly provides: readonly Resource[];
  readonly releases: readonly Resource[];
  /** Needs that hold where they make no cycle (what a SQL function body calls or reads: references that pg_depend
   * does not record and that may be mutual). */
  readonly wants?: readonly Resource[];
  /** A drop done implicitly by PostgreSQL when the parent is dropped: kept in the graph, renders no SQL. */
  readonly implied?: boolean;
  /** Among creates that are free to run, this one goes after the others (a tie-break, not a constraint: untracked
   * dependencies such as SQL bodies). */
  readonly late?: boolean;
}

/** Changes are typed by the object they carry: a kind's hooks see `Change<ItsObject>` and need no casts. */
export interface CreateObject<T extends DbObject = DbObject> extends ChangeBase {
  readonly op: 'create';
  readonly object: T;
}

export interface DropObject<T extends DbObject = DbObject> extends ChangeBase {
  readonly op: 'drop';
  readonly object: T;
}

/** A kind-specific in-place change; `action` is the kind's own typed description. */
export interface AlterObject<
  T extends DbObject = DbObject,
  A extends { readonly type: string } = { readonly type: string },
> extends ChangeBase {
  readonly op: 'alter';
  readonly from: T;
  readonly to: T;
  readonly action: A;
  /** The change swaps the object for a new one under the same name (an enum re-created with its columns
   * re-pointed): dependents other than the ones the change itself handles are re-created around it. */
  readonly replacesIdentity?: boolean;
  /** The alter finishes the object's create (a partition's index attached to its parent's): where the plan drops
   * and creates the object again, it runs after the create, not before the drop. */
  readonly finishesCreate?: boolean;
}

/** An action of a kind's alter changes: `type` names it. */
type Action = { readonly type: string };

export type Change<T extends DbObject = DbObject, A extends Action = Action> =
  | CreateObject<T>
  | DropObject<T>
  | AlterObject<T, A>;

/** The object a change leaves in place (the new one for an alter). */
export const changedObject = <T extends DbObject>(c: Change<T>): T => (c.op === 'alter' ? c.to : c.object);

export interface Rendered {
  readonly statements: readonly string[];
  readonly hazards: readonly Hazard[];
  /** Statements that PostgreSQL cannot run inside a transaction block, or that must not hold their lock for
   * longer than themselves (VALIDATE CONSTRAINT after ADD … NOT VALID). */
  readonly nonTransactional?: boolean;
  /** Further steps of the same change that run after this one, each in its own segment (see exec/segments.ts). */
  readonly followUps?: readonly Rendered[];
  /** The statements use the plan's archive schema (which the plan then creates first, or drops last when going back). */
  readonly usesArchive?: boolean;
  /** A declared hazard that does not occur under a condition the plan cannot see (the session that applies it):
   * said in the hazard's detail, and kept when the proof does not see it happen. */
  readonly unless?: Partial<Record<Hazard, string>>;
  /** Hazards a reader (or a linter) would expect of these statements that do not occur, and why: said in the file. */
  readonly absent?: Partial<Record<Hazard, string>>;
  /** What a declared hazard means for this change, where its general wording says too little. */
  readonly reasons?: Partial<Record<Hazard, string>>;
  /** Queries the dev database must run without error before the plan is written (a cast the step relies on). */
  readonly checks?: readonly Precondition[];
}

export interface Precondition {
  readonly sql: string;
  /** SQLSTATEs that mean the step cannot run; other errors leave the question open (the proof answers it). */
  readonly failsOn: readonly string[];
  /** What the user is told, with PostgreSQL's error after it. */
  readonly message: string;
}

/** What the diff stage hands a kind: both whole models, for changes that depend on other objects. */
export interface DiffContext {
  readonly from: Model;
  readonly to: Model;
  readonly fromById: ReadonlyMap<ObjectId, DbObject>;
  readonly toById: ReadonlyMap<ObjectId, DbObject>;
  /** Objects dropped and created again by this diff (known once the differ has decided). */
  readonly recreated: ReadonlySet<ObjectId>;
  /** Drops that keep the data (`drops: archive`); absent in `delete` mode. */
  readonly archive?: ArchiveContext;
}

/**
 * The plan's archive: the schema `sfm_archive_<version>` of its migration, and the data-holding objects it moves
 * there instead of dropping them (direction `up`), or moves back (`down`, the same set seen from the other side).
 * Dropped columns are copied there by their kind, matched to their rows by a key.
 */
export interface ArchiveContext {
  readonly schema: string;
  readonly direction: 'up' | 'down';
  readonly objects: ReadonlySet<ObjectId>;
}

/** What an online change (docs/zero-downtime.md) is planned with. */
export interface OnlineContext {
  readonly diff: DiffContext;
  /** The migration's version: names its version schema (`sfm_v<version>`) and its helpers. */
  readonly version: string;
  /** `drops: archive`: where the contract keeps the old values (absent: it does not). */
  readonly archiveSchema?: string | undefined;
  /** Declared renames: the models have them done; the table has the old names until the contract. */
  readonly renames: readonly Rename[];
  /** The objects of the current state that use a column (`columnKey`), by their kinds' columnRefs. */
  readonly usersOf: (column: string) => readonly DbObject[];
}

/** An object changed online instead of in place: expand, backfill, contract, and the ways back. */
export interface OnlineChange {
  readonly id: ObjectId;
  /** What the change is, for the plan's summary (`public.acct.id integer → bigint`). */
  readonly what: readonly string[];
  /** The object as the rest of the plan sees it before it runs: already changed (the rest is planned from it). */
  readonly settled: DbObject;
  /** Columns (`columnKey`) of the same type whose values the change rewrites by a declared conversion. */
  readonly rewrites?: readonly string[];
  /** In the expand's transaction. */
  readonly expand: Rendered;
  /** The backfill: one UPDATE, run in key batches. */
  readonly backfill?: Rendered;
  /** After the backfill, each outside a transaction (VALIDATE, CREATE INDEX CONCURRENTLY). */
  readonly build: readonly Rendered[];
  /** Before the swap, on its own: the old values copied to the archive. */
  readonly archive?: Rendered;
  /** The swap, in the contract's one transaction: the new column takes the old one's name, keys and indexes. */
  readonly swap: Rendered;
  /** After the swap, each outside a transaction (VALIDATE of foreign keys added NOT VALID). */
  readonly validate: readonly Rendered[];
  /** The way back from the expanded state. */
  readonly undoExpand: Rendered;
  /** After the in-place way back from the contracted state: values the conversion lost, from the archive. */
  readonly restore?: Rendered;
}

/** A kind, typed by its objects `T` and the actions `A` of its alter changes. */
export interface ObjectKind<T extends DbObject = DbObject, A extends Action = Action> {
  readonly kind: string;
  /** The catalog entries this kind manages, by the type the coverage scan gives them (introspect/coverage.ts):
   * entries of types no kind covers are reported as not managed. */
  readonly covers?: readonly string[];
  /** One catalog query for every object of this kind in scope; dependencies come from `refs` (pg_depend, read
   * once for all kinds) by the oids the query returns. */
  introspect(db: Queryable, scope: Scope, refs: CatalogRefs): Promise<T[]>;
  /** Objects this one needs to exist (in the same model). */
  dependencies(obj: T): ObjectId[];
  /** The object whose drop also drops this one (a table for its indexes), if any. */
  parent?(obj: T): ObjectId | undefined;
  /** `schema.table.column` keys of the columns this object uses. */
  columnRefs?(obj: T): string[];
  /** Changes for an object present on both sides: [] when equal, 'recreate' when it must be dropped and created. */
  compare(from: T, to: T, ctx: DiffContext): AlterObject<T, A>[] | 'recreate';
  /** Changes that create a new object (default: one CreateObject). */
  creates?(obj: T, ctx: DiffContext): Change[];
  /** Changes that drop an object (default: one DropObject). */
  drops?(obj: T, ctx: DiffContext): Change[];
  /** Column keys an alter change drops or re-creates, so that dependents are re-created with it. */
  rebuiltColumns?(change: AlterObject<T, A>): string[];
  /** Column keys whose type an alter change changes. */
  retypedColumns?(change: AlterObject<T, A>): string[];
  /** Dependents of this kind must be re-created when a column they use changes type (views). */
  readonly dependsOnColumnTypes?: boolean;
  /** False for kinds that hold data: the differ refuses to re-create them implicitly. */
  readonly recreatable?: boolean;
  /** See ChangeBase.late. */
  readonly createLate?: boolean;
  /** For kinds that hold rows a drop can keep (`drops: archive`): why this object cannot be archived by this plan
   * (seen from the plan that drops it), or undefined when it can. Kinds without it are never archived. */
  archiveBlocker?(obj: T, ctx: DiffContext, dropped: ReadonlySet<ObjectId>): string | undefined;
  /** The name this object takes in a namespace shared with other kinds (relations and types): its create waits for
   * the drop of another object holding it (model/resource.ts `name`). */
  slot?(obj: T): string;
  render(change: Change<T, A>, ctx: DiffContext): Rendered;
  /** When `to` is `from` under another name (same place, same definition): the statement that renames it. The
   * differ then plans a rename instead of a drop and a create (nothing rebuilt). */
  renameTo?(from: T, to: T): string | undefined;
  /** A short human description of an alter change (for drift reports); default: the action type. */
  describe?(change: AlterObject<T, A>): string;
  /** The same object reduced to what equality means (for hashes). */
  normalize?(obj: T): unknown;
  /** Plans the change from `from` to `to` online (expand, backfill, contract): undefined when nothing of it needs
   * that; a string saying why not when it cannot be done online. */
  online?(from: T, to: T, ctx: OnlineContext): OnlineChange | string | undefined;
}
