// Statements of a desired state whose effect the model does not hold: a property no kind compares (an owner, a
// statistics target, a tablespace), or something that is not schema (roles, rows). They run on the dev database
// like any other, but no plan carries them to a target, so the user is told where each one is.
import type { Node } from '@pgsql/types';

const OWNER = 'ownership (OWNER TO)';
const AUTHORIZATION = 'ownership (CREATE SCHEMA … AUTHORIZATION)';

/** What `unmodelled` says of owners, which the model holds when owners are managed (Scope.owners). */
export const OWNERSHIP: readonly string[] = [OWNER, AUTHORIZATION];

// ALTER TABLE … subcommands of properties no kind compares, by what the user is told.
const TABLE_COMMANDS: Readonly<Record<string, string>> = {
  AT_ChangeOwner: OWNER,
  AT_SetOptions: 'column options (ALTER COLUMN … SET (n_distinct …))',
  AT_ResetOptions: 'column options (ALTER COLUMN … RESET)',
  AT_SetTableSpace: 'a tablespace (SET TABLESPACE)',
  AT_SetAccessMethod: 'a table access method (SET ACCESS METHOD)',
  AT_ClusterOn: 'a clustering index (CLUSTER ON)',
  AT_DropCluster: 'a clustering index (SET WITHOUT CLUSTER)',
  AT_GenericOptions: 'foreign-data options (OPTIONS)',
  AT_AlterColumnGenericOptions: 'foreign-data options (OPTIONS)',
};

// Whole statements, by their parse-tree node.
const STATEMENTS: Readonly<Record<string, string>> = {
  AlterOwnerStmt: OWNER,
  SecLabelStmt: 'a security label (SECURITY LABEL)',
  CreateRoleStmt: 'a role (not run: roles belong to the server, not to a schema)',
  GrantRoleStmt: 'a role membership (GRANT role TO role)',
  InsertStmt: 'rows (INSERT: a desired state holds the schema, not data)',
  UpdateStmt: 'rows (UPDATE: a desired state holds the schema, not data)',
  DeleteStmt: 'rows (DELETE: a desired state holds the schema, not data)',
  CopyStmt: 'rows (COPY: a desired state holds the schema, not data)',
};

/** Names of options whose values are secrets (a user mapping's password): never read, never written by a plan. */
export const SECRET_OPTION = /(pass|secret|token|key)/i;

const secretOptions = (options: readonly Node[] | undefined): string[] =>
  (options ?? []).flatMap((o) =>
    'DefElem' in o && o.DefElem.defname && SECRET_OPTION.test(o.DefElem.defname) ? [o.DefElem.defname] : [],
  );

/** What a statement sets that no plan carries (one entry per property), or [] when the model holds all of it. */
export function unmodelled(tree: Node | undefined): string[] {
  if (!tree) return [];
  const [type] = Object.keys(tree);
  const whole = type ? STATEMENTS[type] : undefined;
  if (whole) return [whole];
  const mapping =
    'CreateUserMappingStmt' in tree
      ? tree.CreateUserMappingStmt.options
      : 'AlterUserMappingStmt' in tree
        ? tree.AlterUserMappingStmt.options
        : undefined;
  const secrets = secretOptions(mapping);
  if (secrets.length)
    return [
      `a secret of a user mapping (${secrets.join(', ')}: migrations never carry it; set it from a secret store)`,
    ];
  if ('CreateSchemaStmt' in tree && tree.CreateSchemaStmt.authrole) return [AUTHORIZATION];
  if (!('AlterTableStmt' in tree)) return [];
  const found = (tree.AlterTableStmt.cmds ?? []).flatMap((c) => {
    const sub = 'AlterTableCmd' in c ? c.AlterTableCmd.subtype : undefined;
    const what = sub ? TABLE_COMMANDS[sub] : undefined;
    return what ? [what] : [];
  });
  return [...new Set(found)];
}
