// Statements whose effect reaches outside the dev database: the server's roles, databases, tablespaces and
// configuration, its files and programs, or another server. A desired state runs on a dev database that may be a
// temporary database on the target's own server, so one such statement in a schema file would change the target's
// server during a `plan --dry-run` (a `DROP DATABASE` there dropped the database; an `ALTER ROLE` changed the role).
// They are refused, with their place, before any database is used. CREATE ROLE is not run either (see `skipped`).
// A DO block or a function can still reach anywhere; what runs is the user's own code there.
import type { Node, ObjectType } from '@pgsql/types';

const SERVER_OBJECTS: ReadonlySet<ObjectType> = new Set([
  'OBJECT_DATABASE',
  'OBJECT_ROLE',
  'OBJECT_TABLESPACE',
  'OBJECT_PARAMETER_ACL',
  'OBJECT_SUBSCRIPTION',
]);

const ROLES = 'roles belong to the server; create and change them outside the desired state';
const DATABASES = 'databases and their settings belong to the server, not to a schema';
const TABLESPACES = 'tablespaces belong to the server';

// Whole statements, by their parse-tree node: what the user is told.
const STATEMENTS: Readonly<Record<string, string>> = {
  CreatedbStmt: `CREATE DATABASE: ${DATABASES}`,
  DropdbStmt: `DROP DATABASE: ${DATABASES}`,
  AlterDatabaseStmt: `ALTER DATABASE: ${DATABASES}`,
  AlterDatabaseSetStmt: `ALTER DATABASE … SET: ${DATABASES}`,
  AlterDatabaseRefreshCollStmt: `ALTER DATABASE … REFRESH COLLATION VERSION: ${DATABASES}`,
  DropRoleStmt: `DROP ROLE: ${ROLES}`,
  AlterRoleStmt: `ALTER ROLE: ${ROLES}`,
  AlterRoleSetStmt: `ALTER ROLE … SET: ${ROLES}`,
  GrantRoleStmt: `GRANT/REVOKE of a role membership: ${ROLES}`,
  ReassignOwnedStmt: `REASSIGN OWNED: ${ROLES}`,
  DropOwnedStmt: `DROP OWNED: ${ROLES}`,
  CreateTableSpaceStmt: `CREATE TABLESPACE: ${TABLESPACES}`,
  DropTableSpaceStmt: `DROP TABLESPACE: ${TABLESPACES}`,
  AlterTableSpaceOptionsStmt: `ALTER TABLESPACE: ${TABLESPACES}`,
  AlterSystemStmt: 'ALTER SYSTEM: it changes the configuration of the whole server',
  CreateSubscriptionStmt:
    'CREATE SUBSCRIPTION: it would connect to the publisher and make a replication slot there; subscriptions are ' +
    'not managed',
  AlterSubscriptionStmt: 'ALTER SUBSCRIPTION: subscriptions are not managed',
  DropSubscriptionStmt: 'DROP SUBSCRIPTION: it would drop the replication slot on the publisher',
  LoadStmt: 'LOAD: it loads a library into the server',
};

/** Why a statement may not run on a dev database, or undefined when its effect stays in the database. */
export function outsideEffect(tree: Node | undefined): string | undefined {
  if (!tree) return undefined;
  const [type] = Object.keys(tree);
  const whole = type ? STATEMENTS[type] : undefined;
  if (whole) return whole;
  if ('CopyStmt' in tree && (tree.CopyStmt.filename !== undefined || tree.CopyStmt.is_program))
    return `COPY ${tree.CopyStmt.is_program ? '… PROGRAM' : 'with a file'}: it runs on the server's file system`;
  const onServer = (what: string, t: ObjectType | undefined) =>
    t && SERVER_OBJECTS.has(t)
      ? `${what} on a ${t.slice(7).toLowerCase().replace('_acl', '')}: ${serverWhy(t)}`
      : undefined;
  if ('RenameStmt' in tree) return onServer('RENAME', tree.RenameStmt.renameType);
  if ('AlterOwnerStmt' in tree) return onServer('OWNER TO', tree.AlterOwnerStmt.objectType);
  if ('CommentStmt' in tree) return onServer('COMMENT', tree.CommentStmt.objtype);
  if ('SecLabelStmt' in tree) return onServer('SECURITY LABEL', tree.SecLabelStmt.objtype);
  if ('GrantStmt' in tree) return onServer('GRANT/REVOKE', tree.GrantStmt.objtype);
  return undefined;
}

function serverWhy(t: ObjectType): string {
  if (t === 'OBJECT_ROLE') return ROLES;
  if (t === 'OBJECT_DATABASE') return DATABASES;
  if (t === 'OBJECT_TABLESPACE') return TABLESPACES;
  if (t === 'OBJECT_SUBSCRIPTION') return 'subscriptions are not managed';
  return 'server parameters belong to the server';
}

/** Statements a desired state may hold that are not run on the dev database: CREATE ROLE (roles belong to the
 * server: on a server's dev database the role must exist already, on PGlite the roles a state names are made). */
export const skipped = (tree: Node | undefined): boolean => tree !== undefined && 'CreateRoleStmt' in tree;
