// YAML desired state → SQL statements, each remembering the YAML node it came from (and the nodes of its parts),
// so that an error of the dev database points at the line that caused it.
import { LocatedError, type SourceLocation } from '../../errors.js';
import type { Rename } from '../renames.js';
import type { Conversion } from '../../model/conversion.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import type { LocatedDocument } from '../../yaml/document.js';
import type { YamlColumn, YamlFile, YamlFunction, YamlGrant, YamlIndex, YamlTable, YamlView } from './yaml-schema.js';
import {
  FragmentError,
  checkBound,
  checkExpression,
  checkName,
  checkOperator,
  checkPartitionKey,
  checkQuery,
  checkSignature,
  checkConstraint,
  checkStatement,
  checkType,
  dollarQuote,
} from './yaml-fragments.js';

type Path = readonly (string | number)[];

export interface YamlStatement {
  readonly sql: string;
  readonly at: SourceLocation;
  /** Parts of `sql` that come from a more precise node than the statement's. */
  readonly spans: readonly { readonly start: number; readonly end: number; readonly at: SourceLocation }[];
}

class Builder {
  private text = '';
  private readonly spans: { start: number; end: number; at: SourceLocation }[] = [];
  constructor(
    private readonly d: LocatedDocument,
    private readonly path: Path,
  ) {}
  add(s: string, path?: Path): this {
    if (path) this.spans.push({ start: this.text.length, end: this.text.length + s.length, at: this.d.at(path) });
    this.text += s;
    return this;
  }
  done(): YamlStatement {
    return { sql: this.text, at: this.d.at(this.path), spans: this.spans };
  }
}

const ROLE_KEYWORDS = new Set(['public', 'current_user', 'session_user', 'current_role']);
const role = (r: string) => (ROLE_KEYWORDS.has(r.toLowerCase()) ? r.toUpperCase() : quoteIdent(r));

export function renderYaml(
  d: LocatedDocument,
  y: YamlFile,
): { statements: YamlStatement[]; renames: Rename[]; conversions: Conversion[] } {
  const out: YamlStatement[] = [];
  const renames: Rename[] = [];
  const conversions: Conversion[] = [];
  const fileSchema = y.schema ?? 'public';
  const frag = <T>(check: (s: string) => T, value: string, path: Path): T => {
    try {
      return check(value);
    } catch (err) {
      if (!(err instanceof FragmentError)) throw err;
      throw new LocatedError(d.at(path), `${path.join('.')}: ${err.message}`);
    }
  };
  /** A fragment checked by the parser, kept with its place for error positions. */
  const checked = (check: (s: string) => string, value: string, path: Path): [string, Path] => [
    frag(check, value, path),
    path,
  ];
  const stmt = (path: Path, ...parts: (string | [string, Path])[]) => {
    const b = new Builder(d, path);
    for (const p of parts) {
      if (typeof p === 'string') b.add(p);
      else b.add(p[0], p[1]);
    }
    out.push(b.done());
  };
  const comment = (what: string, text: string | undefined, path: Path) => {
    if (text !== undefined) stmt([...path, 'comment'], `COMMENT ON ${what} IS ${quoteLiteral(text)}`);
  };
  const grants = (what: string, list: readonly YamlGrant[] | undefined, path: Path) =>
    list?.forEach((g, i) =>
      stmt(
        [...path, 'grants', i],
        `GRANT ${g.privileges.map((p) => p.toUpperCase()).join(', ')} ON ${what} TO ${role(g.role)}${
          g.withGrantOption ? ' ' + 'WITH GRANT OPTION' : ''
        }`,
      ),
    );

  y.schemas?.forEach((s, i) => {
    if (s.name !== 'public') stmt(['schemas', i], `CREATE SCHEMA ${quoteIdent(s.name)}`);
    comment(`SCHEMA ${quoteIdent(s.name)}`, s.comment, ['schemas', i]);
  });
  y.extensions?.forEach((e, i) =>
    stmt(
      ['extensions', i],
      `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)}${e.schema ? ` SCHEMA ${quoteIdent(e.schema)}` : ''}`,
    ),
  );
  y.enums?.forEach((e, i) => {
    const name = qualify(e.schema ?? fileSchema, e.name);
    stmt(['enums', i], `CREATE TYPE ${name} AS ENUM (${e.values.map(quoteLiteral).join(', ')})`);
    comment(`TYPE ${name}`, e.comment, ['enums', i]);
  });
  y.domains?.forEach((t, i) => {
    const p: Path = ['domains', i];
    const name = qualify(t.schema ?? fileSchema, t.name);
    stmt(
      p,
      `CREATE DOMAIN ${name} AS `,
      checked(checkType, t.type, [...p, 'type']),
      ...(t.default !== undefined ? [` DEFAULT `, checked(checkExpression, t.default, [...p, 'default'])] : []),
      t.notNull ? ' NOT NULL' : '',
      ...(t.checks ?? []).flatMap((c, j): (string | [string, Path])[] => [
        ` CONSTRAINT ${quoteIdent(c.name)} CHECK (`,
        [frag(checkExpression, c.expression, [...p, 'checks', j, 'expression']), [...p, 'checks', j]],
        ')',
      ]),
    );
    comment(`DOMAIN ${name}`, t.comment, p);
  });
  y.sequences?.forEach((s, i) => {
    const name = qualify(s.schema ?? fileSchema, s.name);
    const opts = [
      s.type && `AS ${s.type}`,
      s.start !== undefined && `START WITH ${s.start}`,
      s.increment !== undefined && `INCREMENT BY ${s.increment}`,
      s.min !== undefined && `MINVALUE ${s.min}`,
      s.max !== undefined && `MAXVALUE ${s.max}`,
      s.cache !== undefined && `CACHE ${s.cache}`,
      s.cycle && 'CYCLE',
    ].filter(Boolean);
    stmt(['sequences', i], `CREATE SEQUENCE ${name}${opts.length ? ` ${opts.join(' ')}` : ''}`);
    comment(`SEQUENCE ${name}`, s.comment, ['sequences', i]);
  });
  y.functions?.forEach((f, i) => renderFunction(f, ['functions', i]));
  y.tables?.forEach((t, i) => renderTable(t, ['tables', i]));
  y.tables?.forEach((t, i) => renderTableExtras(t, ['tables', i]));
  y.views?.forEach((v, i) => renderView(v, ['views', i]));
  y.sql?.forEach((s, i) => stmt(['sql', i], checked(checkStatement, s, ['sql', i])));
  return { statements: out, renames, conversions };

  function renderFunction(f: YamlFunction, p: Path): void {
    const name = qualify(f.schema ?? fileSchema, f.name);
    const procedure = f.kind === 'procedure';
    frag((s) => checkSignature(s, procedure ? undefined : (f.returns ?? 'void')), f.args ?? '', [...p, 'args']);
    const head = `CREATE ${procedure ? 'PROCEDURE' : 'FUNCTION'} ${name}(${f.args ?? ''})${
      procedure ? '' : ` RETURNS ` + `${f.returns ?? 'void'}`
    }`;
    const lang = frag((s) => checkName(s, 'a language name'), f.language, [...p, 'language']);
    const attrs = [
      `LANGUAGE ${lang}`,
      !procedure && f.volatility?.toUpperCase(),
      f.security === 'definer' && 'SECURITY DEFINER',
      f.strict && 'STRICT',
    ]
      .filter(Boolean)
      .join(' ');
    stmt(p, `${head} ${attrs} AS `, [dollarQuote(f.body), [...p, 'body']]);
    comment(`${procedure ? 'PROCEDURE' : 'FUNCTION'} ${name}(${f.args ?? ''})`, f.comment, p);
  }

  function columnSql(t: YamlTable, c: YamlColumn, p: Path): (string | [string, Path])[] {
    const parts: (string | [string, Path])[] = [`  ${quoteIdent(c.name)} `, checked(checkType, c.type, [...p, 'type'])];
    if (c.collation)
      parts.push(
        ` COLLATE ${typeof c.collation === 'string' ? quoteIdent(c.collation) : qualify(c.collation.schema, c.collation.name)}`,
      );
    if (c.generated !== undefined)
      parts.push(' GENERATED ALWAYS AS (', checked(checkExpression, c.generated, [...p, 'generated']), ') STORED');
    if (c.identity !== undefined) {
      const id = typeof c.identity === 'string' ? { generation: c.identity } : c.identity;
      const o = id as {
        start?: number | string;
        increment?: number | string;
        min?: number | string;
        max?: number | string;
        cache?: number | string;
        cycle?: boolean;
      };
      const opts = [
        o.start !== undefined && `START WITH ${o.start}`,
        o.increment !== undefined && `INCREMENT BY ${o.increment}`,
        o.min !== undefined && `MINVALUE ${o.min}`,
        o.max !== undefined && `MAXVALUE ${o.max}`,
        o.cache !== undefined && `CACHE ${o.cache}`,
        o.cycle !== undefined && (o.cycle ? 'CYCLE' : 'NO CYCLE'),
      ].filter(Boolean);
      parts.push(` GENERATED ${id.generation.toUpperCase()} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`);
    }
    if (c.default !== undefined) parts.push(' DEFAULT ', checked(checkExpression, c.default, [...p, 'default']));
    if (c.nullable === false) parts.push(' NOT NULL');
    if (c.primaryKey) parts.push(' PRIMARY KEY');
    if (c.unique) parts.push(' UNIQUE');
    if (c.check !== undefined) parts.push(' CHECK (', checked(checkExpression, c.check, [...p, 'check']), ')');
    if (c.renamedFrom)
      renames.push({
        kind: 'column',
        schema: t.schema ?? fileSchema,
        table: t.name,
        from: c.renamedFrom,
        to: c.name,
        at: d.at([...p, 'renamedFrom']),
      });
    if (c.using !== undefined) {
      const both = typeof c.using === 'string' ? { up: c.using, down: undefined } : c.using;
      const up = frag(checkExpression, both.up, [...p, 'using', ...(typeof c.using === 'string' ? [] : ['up'])]);
      const down = both.down !== undefined ? frag(checkExpression, both.down, [...p, 'using', 'down']) : null;
      conversions.push({
        schema: t.schema ?? fileSchema,
        table: t.name,
        column: c.name,
        up,
        down,
        at: d.at([...p, 'using']),
      });
    }
    return parts;
  }

  function renderTable(t: YamlTable, p: Path): void {
    const name = qualify(t.schema ?? fileSchema, t.name);
    const parts: (string | [string, Path])[] = [`CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE ${name} `];
    if (t.renamedFrom)
      renames.push({
        kind: 'table',
        schema: t.schema ?? fileSchema,
        table: t.name,
        from: t.renamedFrom,
        to: t.name,
        at: d.at([...p, 'renamedFrom']),
      });
    if (t.partitionOf) {
      parts.push(
        `PARTITION OF ${qualify(t.partitionOf.schema ?? t.schema ?? fileSchema, t.partitionOf.table)} `,
        checked(checkBound, t.partitionOf.bound, [...p, 'partitionOf', 'bound']),
      );
      t.columns?.forEach((c, j) => {
        if (c.renamedFrom) columnSql(t, c, [...p, 'columns', j]);
      });
    } else {
      const elements: (string | [string, Path])[][] = (t.columns ?? []).map((c, j) =>
        columnSql(t, c, [...p, 'columns', j]),
      );
      const cols = (list: readonly string[]) => list.map(quoteIdent).join(', ');
      const named = (n: string | undefined) => (n ? `CONSTRAINT ${quoteIdent(n)} ` : '');
      if (t.primaryKey) {
        const pk = Array.isArray(t.primaryKey) ? { columns: t.primaryKey, name: undefined } : t.primaryKey;
        elements.push([`  ${named(pk.name)}PRIMARY KEY (${cols(pk.columns)})`]);
      }
      t.uniques?.forEach((u) =>
        elements.push([
          `  ${named(u.name)}UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${cols(u.columns)})${
            u.deferrable ? ' ' + 'DEFERRABLE' : ''
          }`,
        ]),
      );
      t.checks?.forEach((c, j) =>
        elements.push([
          `  ${named(c.name)}CHECK (`,
          [frag(checkExpression, c.expression, [...p, 'checks', j, 'expression']), [...p, 'checks', j]],
          `)${c.noInherit ? ' NO INHERIT' : ''}`,
        ]),
      );
      t.exclusions?.forEach((x, j) => {
        const q: Path = [...p, 'exclusions', j];
        const elems = x.elements.map((e, k) => {
          const at: Path = [...q, 'elements', k];
          const element = e.column
            ? quoteIdent(e.column)
            : `(${frag(checkExpression, e.expression ?? '', [...at, 'expression'])})`;
          return `${element} WITH ${frag(checkOperator, e.operator, [...at, 'operator'])}`;
        });
        elements.push([
          `  ${named(x.name)}EXCLUDE USING ${x.using ?? 'gist'} (${elems.join(', ')})`,
          ...(x.where ? [' WHERE (', checked(checkExpression, x.where, [...q, 'where']), ')'] : []),
        ]);
      });
      parts.push('(\n');
      elements.forEach((e, j) => parts.push(...e, j < elements.length - 1 ? ',\n' : '\n'));
      parts.push(')');
    }
    if (t.partitionBy) parts.push(' PARTITION BY ', checked(checkPartitionKey, t.partitionBy, [...p, 'partitionBy']));
    stmt(p, ...parts);
  }

  // Foreign keys, indexes, triggers, policies, grants and comments come after every table of the file, so tables
  // may refer to each other in any order (and in cycles).
  function renderTableExtras(t: YamlTable, p: Path): void {
    const schema = t.schema ?? fileSchema;
    const name = qualify(schema, t.name);
    const fk = (
      cols: readonly string[],
      r: NonNullable<YamlColumn['references']>,
      q: Path,
      extra: string,
      conName?: string,
    ) =>
      stmt(
        q,
        `ALTER TABLE ${name} ADD ${conName ? `CONSTRAINT ${quoteIdent(conName)} ` : ''}FOREIGN KEY ` +
          `(${cols.map(quoteIdent).join(', ')}) REFERENCES ${qualify(r.schema ?? schema, r.table)}`,
        r.columns ? ` (${r.columns.map(quoteIdent).join(', ')})` : '',
        r.onDelete ? ` ON DELETE ${r.onDelete.toUpperCase()}` : '',
        r.onUpdate ? ` ON UPDATE ${r.onUpdate.toUpperCase()}` : '',
        extra,
      );
    t.columns?.forEach((c, j) => {
      if (c.references) fk([c.name], c.references, [...p, 'columns', j, 'references'], '');
    });
    t.constraints?.forEach((c, j) =>
      stmt(
        [...p, 'constraints', j],
        `ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(c.name)} `,
        checked(checkConstraint, c.definition, [...p, 'constraints', j, 'definition']),
      ),
    );
    t.foreignKeys?.forEach((f, j) =>
      fk(
        f.columns,
        f.references,
        [...p, 'foreignKeys', j],
        `${f.match === 'full' ? ' MATCH FULL' : ''}${f.deferrable ? ' DEFERRABLE' : ''}${f.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}`,
        f.name,
      ),
    );
    t.indexes?.forEach((x, j) => renderIndex(x, name, schema, [...p, 'indexes', j]));
    t.triggers?.forEach((g, j) => {
      const q: Path = [...p, 'triggers', j];
      const fn = frag((s) => checkName(s, 'a function name such as schema.touch_updated_at'), g.function, [
        ...q,
        'function',
      ]);
      stmt(
        q,
        `CREATE TRIGGER ${quoteIdent(g.name)} ${g.timing.toUpperCase()} ${g.events.map((e) => e.toUpperCase()).join(' OR ')} ` +
          `ON ${name} FOR EACH ${(g.forEach ?? 'row').toUpperCase()}`,
        ...(g.when ? [' WHEN (', checked(checkExpression, g.when, [...q, 'when']), ')'] : []),
        ` EXECUTE FUNCTION ${fn.includes('.') ? qualify(...(fn.split('.') as [string, string])) : quoteIdent(fn)}()`,
      );
      comment(`TRIGGER ${quoteIdent(g.name)} ON ${name}`, g.comment, q);
    });
    if (t.rowLevelSecurity) stmt([...p, 'rowLevelSecurity'], `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`);
    if (t.rowLevelSecurity === 'force')
      stmt([...p, 'rowLevelSecurity'], `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`);
    t.policies?.forEach((pol, j) => {
      const q: Path = [...p, 'policies', j];
      stmt(
        q,
        `CREATE POLICY ${quoteIdent(pol.name)} ON ${name} AS ${pol.permissive === false ? 'RESTRICTIVE' : 'PERMISSIVE'} FOR ` +
          `${(pol.command ?? 'all').toUpperCase()} TO ${(pol.roles ?? ['public']).map(role).join(', ')}`,
        ...(pol.using ? [' USING (', checked(checkExpression, pol.using, [...q, 'using']), ')'] : []),
        ...(pol.withCheck ? [' WITH CHECK (', checked(checkExpression, pol.withCheck, [...q, 'withCheck']), ')'] : []),
      );
    });
    grants(`TABLE ${name}`, t.grants, p);
    comment(`TABLE ${name}`, t.comment, p);
    t.columns?.forEach((c, j) => comment(`COLUMN ${name}.${quoteIdent(c.name)}`, c.comment, [...p, 'columns', j]));
  }

  function renderIndex(x: YamlIndex, on: string, schema: string, p: Path): void {
    const elems = x.columns.map((e, k) => {
      if (typeof e === 'string') return quoteIdent(e);
      const base = e.column
        ? quoteIdent(e.column)
        : `(${frag(checkExpression, e.expression ?? '', [...p, 'columns', k, 'expression'])})`;
      const opclass = e.opclass
        ? ` ${frag((s) => checkName(s, 'an operator class name'), e.opclass, [...p, 'columns', k, 'opclass'])}`
        : '';
      return `${base}${opclass}${e.order ? ` ${e.order.toUpperCase()}` : ''}${e.nulls ? ` NULLS ${e.nulls.toUpperCase()}` : ''}`;
    });
    stmt(
      p,
      `CREATE ${x.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(x.name)} ON ${on} USING ${x.method ?? 'btree'} (${elems.join(', ')})`,
      x.include?.length ? ` INCLUDE (${x.include.map(quoteIdent).join(', ')})` : '',
      x.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '',
      ...(x.where ? [' WHERE (', checked(checkExpression, x.where, [...p, 'where']), ')'] : []),
    );
    comment(`INDEX ${qualify(schema, x.name)}`, x.comment, p);
  }

  function renderView(v: YamlView, p: Path): void {
    const schema = v.schema ?? fileSchema;
    const name = qualify(schema, v.name);
    const kind = v.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
    stmt(p, `CREATE ${kind} ${name} AS `, checked(checkQuery, v.query, [...p, 'query']));
    v.indexes?.forEach((x, j) => renderIndex(x, name, schema, [...p, 'indexes', j]));
    grants(`TABLE ${name}`, v.grants, p);
    comment(`${kind} ${name}`, v.comment, p);
  }
}
