// Collations. Columns that differ across server versions (colliculocale in 15-16, colllocale from 17) are read
// through to_jsonb so one query works on every supported version.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { schemaFilter, notFromExtension, scopeParams } from '../shared/scope.js';
import { collationId, schemaId } from '../shared/ids.js';
import { rendered, sameData, unexpected } from '../shared/simple.js';

export interface CollationObject extends DbObject {
  readonly kind: 'collation';
  readonly schema: string;
  readonly provider: 'libc' | 'icu' | 'builtin';
  readonly deterministic: boolean;
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly locale: string | null;
  readonly rules: string | null;
  /** collencoding = -1: usable with any encoding, as collations copied from C or POSIX are. */
  readonly anyEncoding: boolean;
}

const QUERY = `
SELECT c.collname AS name, n.nspname AS schema, c.collprovider AS provider, c.collisdeterministic AS deterministic,
  c.collencoding = -1 AS any_encoding,
  j->>'collcollate' AS lc_collate, j->>'collctype' AS lc_ctype,
  coalesce(j->>'colllocale', j->>'colliculocale') AS locale, j->>'collicurules' AS rules
FROM pg_catalog.pg_collation c
JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
CROSS JOIN LATERAL to_jsonb(c) j
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_collation', 'c.oid')}`;

const PROVIDERS: Record<string, CollationObject['provider']> = { c: 'libc', i: 'icu', b: 'builtin' };

export const collationKind: ObjectKind<CollationObject> = {
  kind: 'collation',
  covers: ['collation'],
  async introspect(db, scope) {
    const rows = await db.query<{
      name: string;
      schema: string;
      provider: string;
      deterministic: boolean;
      lc_collate: string | null;
      lc_ctype: string | null;
      locale: string | null;
      rules: string | null;
      any_encoding: boolean;
    }>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const provider = PROVIDERS[r.provider] ?? 'libc';
      return {
        kind: 'collation',
        id: collationId(r.schema, r.name),
        schema: r.schema,
        name: r.name,
        provider,
        deterministic: r.deterministic,
        // Before 15, ICU collations stored the locale in collcollate/collctype.
        lcCollate: provider === 'libc' ? r.lc_collate : null,
        lcCtype: provider === 'libc' ? r.lc_ctype : null,
        locale: provider === 'libc' ? null : (r.locale ?? r.lc_collate),
        rules: r.rules,
        anyEncoding: r.any_encoding,
      };
    });
  },
  dependencies: (c) => [schemaId(c.schema)],
  compare: (from, to) => (sameData(from, to) ? [] : 'recreate'),
  render(change) {
    const c = changedObject(change);
    const name = qualify(c.schema, c.name);
    const builtin =
      c.lcCollate === c.lcCtype && (c.lcCollate === 'C' || c.lcCollate === 'POSIX') ? c.lcCollate : undefined;
    if (change.op === 'create' && c.provider === 'libc' && c.anyEncoding && builtin) {
      // Only a copy keeps "any encoding"; CREATE COLLATION with lc_* options binds it to the database encoding.
      return rendered([`CREATE COLLATION ${name} FROM pg_catalog.${quoteIdent(builtin)}`]);
    }
    if (change.op === 'create') {
      const opts = [`provider = ${c.provider}`];
      if (c.provider === 'libc') {
        opts.push(`lc_collate = ${quoteLiteral(c.lcCollate ?? '')}`, `lc_ctype = ${quoteLiteral(c.lcCtype ?? '')}`);
      } else {
        opts.push(`locale = ${quoteLiteral(c.locale ?? '')}`);
      }
      if (c.rules) opts.push(`rules = ${quoteLiteral(c.rules)}`);
      if (!c.deterministic) opts.push('deterministic = false');
      return rendered([`CREATE COLLATION ${name} (${opts.join(', ')})`]);
    }
    if (change.op === 'drop') return rendered([`DROP COLLATION ${name}`]);
    return unexpected(change);
  },
};
