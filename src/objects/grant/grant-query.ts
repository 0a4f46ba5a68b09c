// One query over every ACL column: relations, columns, functions, schemas and types.
import { idPartsSql, tableOrViewIdSql } from '../shared/ids.js';
import { notFromExtension, notInternal, schemaFilter } from '../shared/scope.js';

export interface GrantRow {
  target: string;
  object_type: 'TABLE' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'SCHEMA' | 'TYPE';
  schema: string | null;
  object_name: string;
  args: string | null;
  column: string | null;
  grantee: string;
  privileges: string[];
}

const GRANTEE = `CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid = a.grantee) END`;
const PRIV = `a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END`;

export const GRANT_QUERY = `
WITH acl AS (
  SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view:' WHEN c.relkind = 'S' THEN 'sequence:' ELSE 'table:' END
      || ${idPartsSql('n.nspname', 'c.relname')} AS target,
    CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS object_type, n.nspname AS schema, c.relname AS object_name,
    NULL::text AS args, NULL::text AS column, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL aclexplode(c.relacl) a
  -- A relation's default ACL grants only its owner, whose rows are left out anyway: only explicit ACLs are read.
  WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition AND a.grantee <> c.relowner
    AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
  UNION ALL
  SELECT ${tableOrViewIdSql()},
    'TABLE', n.nspname, c.relname, NULL, att.attname, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_attribute att JOIN pg_catalog.pg_class c ON c.oid = att.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL aclexplode(att.attacl) a
  WHERE att.attacl IS NOT NULL AND att.attnum > 0 AND NOT att.attisdropped AND a.grantee <> c.relowner
    AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
  UNION ALL
  SELECT 'function:' || ${idPartsSql('n.nspname', 'p.proname')} || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
    CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, p.proname,
    pg_catalog.pg_get_function_identity_arguments(p.oid), NULL, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
  WHERE p.prokind IN ('f', 'p') AND a.grantee <> p.proowner
    AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_proc', 'p.oid')} AND ${notInternal('pg_proc', 'p.oid')}
  UNION ALL
  SELECT 'schema:' || ${idPartsSql('n.nspname')}, 'SCHEMA', NULL, n.nspname, NULL, NULL, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_namespace n
  CROSS JOIN LATERAL aclexplode(n.nspacl) a
  WHERE n.nspacl IS NOT NULL AND a.grantee <> n.nspowner AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_namespace', 'n.oid')}
  UNION ALL
  SELECT 'type:' || ${idPartsSql('n.nspname', 't.typname')}, 'TYPE', n.nspname, t.typname, NULL, NULL, a.grantee,
    a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_class tr ON tr.oid = t.typrelid
  CROSS JOIN LATERAL aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a
  WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND tr.relkind = 'c'))
    AND a.grantee <> t.typowner AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
  UNION ALL
  -- PUBLIC may hold a default right on functions and types; a row for it even when revoked, so that re-creating
  -- the object (which brings the default back) knows to revoke it again.
  SELECT 'function:' || ${idPartsSql('n.nspname', 'p.proname')} || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
    CASE WHEN p.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, p.proname,
    pg_catalog.pg_get_function_identity_arguments(p.oid), NULL, 0, NULL, NULL
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p') AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_proc', 'p.oid')} AND
    ${notInternal('pg_proc', 'p.oid')}
  UNION ALL
  SELECT 'type:' || ${idPartsSql('n.nspname', 't.typname')}, 'TYPE', n.nspname, t.typname, NULL, NULL, 0, NULL, NULL
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_class tr ON tr.oid = t.typrelid
  WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND tr.relkind = 'c'))
    AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
)
SELECT target, object_type, schema, object_name, args, "column", ${GRANTEE.replace(/a\.grantee/g, 'acl.grantee')} AS grantee,
  coalesce(array_agg(${PRIV.replace(/a\./g, 'acl.')} ORDER BY privilege_type) FILTER (WHERE privilege_type IS NOT NULL), '{}') AS privileges
FROM acl
GROUP BY target, object_type, schema, object_name, args, "column", acl.grantee`;
