// The desired state as a model: parse, run on the dev database, read back.
import type { Model, UnmanagedObject } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import { introspect, introspectUnmanaged } from '../introspect/introspect.js';
import { readCustomScripts, readSourceFiles, type SourceFile } from './files.js';
import { conversionsOf, executeSources, extensionsOf, parseSources, renamesOf, type ParsedSource } from './load-sql.js';
import type { Conversion } from '../model/conversion.js';
import { withConversions } from '../objects/table/conversions.js';
import type { Rename } from './renames.js';
import { namedRoles } from '../sql/parse.js';
import { OWNERSHIP, unmodelled } from '../sql/unmodelled.js';
import { skipped } from '../sql/outside.js';

export interface DesiredSource {
  readonly sources: readonly ParsedSource[];
  /** The `_custom/` scripts: run on the dev database after the state is read, never part of its model. */
  readonly custom?: readonly ParsedSource[];
  readonly extensions: readonly string[];
  readonly renames?: readonly Rename[];
  readonly conversions?: readonly Conversion[];
}

/** Reads and parses every file; throws file:line:column on a syntax error, before any database is used. */
export async function readDesired(schemaPath: string): Promise<DesiredSource> {
  return parseDesired(readSourceFiles(schemaPath), readCustomScripts(schemaPath));
}

/** Parses files already read. */
export async function parseDesired(
  files: readonly SourceFile[],
  customFiles: readonly SourceFile[] = [],
): Promise<DesiredSource> {
  const sources = await parseSources(files);
  const custom = await parseSources(customFiles);
  return {
    sources,
    ...(custom.length ? { custom } : {}),
    extensions: extensionsOf([...sources, ...custom]),
    renames: renamesOf(sources),
    conversions: conversionsOf(sources),
  };
}

export async function loadDesired(dev: DevDatabase, desired: DesiredSource, scope: Scope): Promise<Model> {
  await dev.reset();
  // CREATE ROLE is not run (sql/outside.ts): the roles a state names are made on PGlite, created there or not.
  await dev.addRoles?.(namedRoles(desired.sources.flatMap((s) => s.statements.filter((st) => !skipped(st.tree)))));
  await executeSources(dev.db, desired.sources);
  const read = withConversions(await introspect(dev.db, scope), desired.conversions ?? []);
  const statements = unmodelledStatements(desired.sources).filter((u) => !scope.owners || !OWNERSHIP.includes(u.type));
  const model = statements.length ? { ...read, unmanaged: [...(read.unmanaged ?? []), ...statements] } : read;
  return desired.custom?.length ? { ...model, custom: await runCustom(dev, desired.custom, read, scope) } : model;
}

/** Runs the `_custom/` scripts on the dev database holding the desired state (an error names its place) and says
 * which objects they made: the ones no kind manages that were not there before. */
async function runCustom(
  dev: DevDatabase,
  custom: readonly ParsedSource[],
  read: Model,
  scope: Scope,
): Promise<UnmanagedObject[]> {
  await executeSources(dev.db, custom);
  const key = (u: UnmanagedObject) => `${u.type} ${u.identity}`;
  const before = new Set((read.unmanaged ?? []).map(key));
  return (await introspectUnmanaged(dev.db, scope)).filter((u) => !before.has(key(u)));
}

/** Statements that set what no plan carries (an owner, a statistics target, rows), each with its place. */
function unmodelledStatements(sources: readonly ParsedSource[]): UnmanagedObject[] {
  return sources.flatMap((src) =>
    src.statements.flatMap((s) =>
      unmodelled(s.tree).map((what) => {
        const at = s.locate();
        return { type: what, identity: `at ${at.file}:${at.line}:${at.column}`, schema: null, dependsOn: [] };
      }),
    ),
  );
}
