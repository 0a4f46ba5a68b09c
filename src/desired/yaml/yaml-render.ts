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

/** Where a file's statements, renames and conversions are collected, with the helpers that check fragments at their
 * place in the document. */
class Emitter {
  readonly out: YamlStatement[] = [];
  readonly renames: Rename[] = [];
  readonly conversions: Conversion[] = [];
  readonly fileSchema: string;
  constructor(
    readonly d: LocatedDocument,
    y: YamlFile,
  ) {
    this.fileSchema = y.schema ?? 'public';
  }

  frag<T>(check: (s: string) => T, value: string, path: Path): T {
    try {
      return check(value);
    } catch (err) {
      if (!(err instanceof FragmentError)) throw err;
      throw new LocatedError(this.d.at(path), `${path.join('.')}: ${err.message}`);
    }
  }

  /** A fragment checked by the parser, kept with its place for error positions. */
  checked(check: (s: string) => string, value: string, path: Path): [string, Path] {
    return [this.frag(check, value, path), path];
  }

  stmt(path: Path, ...parts: (string | [string, Path])[]): void {
    const b = new Builder(this.d, path);
    for (const p of parts) {
      if (typeof p === 'string') b.add(p);
      else b.add(p[0], p[1]);
    }
    this.out.push(b.done());
  }

  /** A rename declared by `renamedFrom` at `path` (of the table's entry or of its column's). */
  rename(kind: Rename['kind'], t: YamlTable, from: string, to: string, path: Path): void {
    const schema = t.schema ?? this.fileSchema;
    this.renames.push({ kind, schema, table: t.name, from, to, at: this.d.at([...path, 'renamedFrom']) });
  }

  comment(what: string, text: string | undefined, path: Path): void {
    if (text !== undefined) this.stmt([...path, 'comment'], `COMMENT ON ${what} IS ${quoteLiteral(text)}`);
  }

  grants(what: string, list: readonly YamlGrant[] | undefined, path: Path): void {
    list?.forEach((g, i) =>
      this.stmt(
        [...path, 'grants', i],
        `GRANT ${g.privileges.map((p) => p.toUpperCase()).join(', ')} ON ${what} TO ${role(g.role)}${
          g.withGrantOption ? ' ' + 'WITH GRANT OPTION' : ''
        }`,
      ),
    );
  }
}

export function renderYaml(
  d: LocatedDocument,
  y: YamlFile,
): { statements: YamlStatement[]; renames: Rename[]; conversions: Conversion[] } {
  const em = new Emitter(d, y);
  renderTypes(em, y);
  y.functions?.forEach((f, i) => renderFunction(em, f, ['functions', i]));
  y.tables?.forEach((t, i) => renderTable(em, t, ['tables', i]));
  y.tables?.forEach((t, i) => renderTableExtras(em, t, ['tables', i]));
  y.views?.forEach((v, i) => renderView(em, v, ['views', i]));
  y.sql?.forEach((s, i) => em.stmt(['sql', i], em.checked(checkStatement, s, ['sql', i])));
  return { statements: em.out, renames: em.renames, conversions: em.conversions };
}

/** Schemas, extensions and the types tables use: enums, domains, sequences. */
function renderTypes(em: Emitter, y: YamlFile): void {
  y.schemas?.forEach((s, i) => {
    if (s.name !== 'public') em.stmt(['schemas', i], `CREATE SCHEMA ${quoteIdent(s.name)}`);
    em.comment(`SCHEMA ${quoteIdent(s.name)}`, s.comment, ['schemas', i]);
  });
  y.extensions?.forEach((e, i) =>
    em.stmt(
      ['extensions', i],
      `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)}${e.schema ? ` SCHEMA ${quoteIdent(e.schema)}` : ''}`,
    ),
  );
  y.enums?.forEach((e, i) => {
    const name = qualify(e.schema ?? em.fileSchema, e.name);
    em.stmt(['enums', i], `CREATE TYPE ${name} AS ENUM (${e.values.map(quoteLiteral).join(', ')})`);
    em.comment(`TYPE ${name}`, e.comment, ['enums', i]);
  });
  y.domains?.forEach((t, i) => {
    const p: Path = ['domains', i];
    const name = qualify(t.schema ?? em.fileSchema, t.name);
    em.stmt(
      p,
      `CREATE DOMAIN ${name} AS `,
      em.checked(checkType, t.type, [...p, 'type']),
      ...(t.default !== undefined ? [` DEFAULT `, em.checked(checkExpression, t.default, [...p, 'default'])] : []),
      t.notNull ? ' NOT NULL' : '',
      ...(t.checks ?? []).flatMap((c, j): (string | [string, Path])[] => [
        ` CONSTRAINT ${quoteIdent(c.name)} CHECK (`,
        [em.frag(checkExpression, c.expression, [...p, 'checks', j, 'expression']), [...p, 'checks', j]],
        ')',
      ]),
    );
    em.comment(`DOMAIN ${name}`, t.comment, p);
  });
  y.sequences?.forEach((s, i) => {
    const name = qualify(s.schema ?? em.fileSchema, s.name);
    const opts = [
      s.type && `AS ${s.type}`,
      s.start !== undefined && `START WITH ${s.start}`,
      s.increment !== undefined && `INCREMENT BY ${s.increment}`,
      s.min !== undefined && `MINVALUE ${s.min}`,
      s.max !== undefined && `MAXVALUE ${s.max}`,
      s.cache !== undefined && `CACHE ${s.cache}`,
      s.cycle && 'CYCLE',
    ].filter(Boolean);
    em.stmt(['sequences', i], `CREATE SEQUENCE ${name}${opts.length ? ` ${opts.join(' ')}` : ''}`);
    em.comment(`SEQUENCE ${name}`, s.comment, ['sequences', i]);
  });
}

function renderFunction(em: Emitter, f: YamlFunction, p: Path): void {
  const name = qualify(f.schema ?? em.fileSchema, f.name);
  const procedure = f.kind === 'procedure';
  em.frag((s) => checkSignature(s, procedure ? undefined : (f.returns ?? 'void')), f.args ?? '', [...p, 'args']);
  const head = `CREATE ${procedure ? 'PROCEDURE' : 'FUNCTION'} ${name}(${f.args ?? ''})${
    procedure ? '' : ` RETURNS ` + `${f.returns ?? 'void'}`
  }`;
  const lang = em.frag((s) => checkName(s, 'a language name'), f.language, [...p, 'language']);
  const attrs = [
    `LANGUAGE ${lang}`,
    !procedure && f.volatility?.toUpperCase(),
    f.security === 'definer' && 'SECURITY DEFINER',
    f.strict && 'STRICT',
  ]
    .filter(Boolean)
    .join(' ');
  em.stmt(p, `${head} ${attrs} AS `, [dollarQuote(f.body), [...p, 'body']]);
  em.comment(`${procedure ? 'PROCEDURE' : 'FUNCTION'} ${name}(${f.args ?? ''})`, f.comment, p);
}

function columnSql(em: Emitter, t: YamlTable, c: YamlColumn, p: Path): (string | [string, Path])[] {
  const parts: (string | [string, Path])[] = [
    `  ${quoteIdent(c.name)} `,
    em.checked(checkType, c.type, [...p, 'type']),
  ];
  if (c.collation)
    parts.push(
      ` COLLATE ${typeof c.collation === 'string' ? quoteIdent(c.collation) : qualify(c.collation.schema, c.collation.name)}`,
    );
  if (c.generated !== undefined)
    parts.push(' GENERATED ALWAYS AS (', em.checked(checkExpression, c.generated, [...p, 'generated']), ') STORED');
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
  if (c.default !== undefined) parts.push(' DEFAULT ', em.checked(checkExpression, c.default, [...p, 'default']));
  if (c.nullable === false) parts.push(' NOT NULL');
  if (c.primaryKey) parts.push(' PRIMARY KEY');
  if (c.unique) parts.push(' UNIQUE');
  if (c.check !== undefined) parts.push(' CHECK (', em.checked(checkExpression, c.check, [...p, 'check']), ')');
  if (c.renamedFrom) em.rename('column', t, c.renamedFrom, c.name, p);
  if (c.using !== undefined) {
    const both = typeof c.using === 'string' ? { up: c.using, down: undefined } : c.using;
    const up = em.frag(checkExpression, both.up, [...p, 'using', ...(typeof c.using === 'string' ? [] : ['up'])]);
    const down = both.down !== undefined ? em.frag(checkExpression, both.down, [...p, 'using', 'down']) : null;
    em.conversions.push({
      schema: t.schema ?? em.fileSchema,
      table: t.name,
      column: c.name,
      up,
      down,
      at: em.d.at([...p, 'using']),
    });
  }
  return parts;
}

function renderTable(em: Emitter, t: YamlTable, p: Path): void {
  const name = qualify(t.schema ?? em.fileSchema, t.name);
  const parts: (string | [string, Path])[] = [`CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE ${name} `];
  if (t.renamedFrom) em.rename('table', t, t.renamedFrom, t.name, p);
  if (t.partitionOf) {
    parts.push(
      `PARTITION OF ${qualify(t.partitionOf.schema ?? t.schema ?? em.fileSchema, t.partitionOf.table)} `,
      em.checked(checkBound, t.partitionOf.bound, [...p, 'partitionOf', 'bound']),
    );
    t.columns?.forEach((c, j) => {
      if (c.renamedFrom) columnSql(em, t, c, [...p, 'columns', j]);
    });
  } else {
    const elements: (string | [string, Path])[][] = (t.columns ?? []).map((c, j) =>
      columnSql(em, t, c, [...p, 'columns', j]),
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
        [em.frag(checkExpression, c.expression, [...p, 'checks', j, 'expression']), [...p, 'checks', j]],
        `)${c.noInherit ? ' NO INHERIT' : ''}`,
      ]),
    );
    t.exclusions?.forEach((x, j) => {
      const q: Path = [...p, 'exclusions', j];
      const elems = x.elements.map((e, k) => {
        const at: Path = [...q, 'elements', k];
        const element = e.column
          ? quoteIdent(e.column)
          : `(${em.frag(checkExpression, e.expression ?? '', [...at, 'expression'])})`;
        return `${element} WITH ${em.frag(checkOperator, e.operator, [...at, 'operator'])}`;
      });
      elements.push([
        `  ${named(x.name)}EXCLUDE USING ${x.using ?? 'gist'} (${elems.join(', ')})`,
        ...(x.where ? [' WHERE (', em.checked(checkExpression, x.where, [...q, 'where']), ')'] : []),
      ]);
    });
    parts.push('(\n');
    elements.forEach((e, j) => parts.push(...e, j < elements.length - 1 ? ',\n' : '\n'));
    parts.push(')');
  }
  if (t.partitionBy) parts.push(' PARTITION BY ', em.checked(checkPartitionKey, t.partitionBy, [...p, 'partitionBy']));
  em.stmt(p, ...parts);
}

// Foreign keys, indexes, triggers, policies, grants and comments come after every table of the file, so tables
// may refer to each other in any order (and in cycles).
function renderTableExtras(em: Emitter, t: YamlTable, p: Path): void {
  const schema = t.schema ?? em.fileSchema;
  const name = qualify(schema, t.name);
  const fk = (
    cols: readonly string[],
    r: NonNullable<YamlColumn['references']>,
    q: Path,
    extra: string,
    conName?: string,
  ) =>
    em.stmt(
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
    em.stmt(
      [...p, 'constraints', j],
      `ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(c.name)} `,
      em.checked(checkConstraint, c.definition, [...p, 'constraints', j, 'definition']),
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
  t.indexes?.forEach((x, j) => renderIndex(em, x, name, schema, [...p, 'indexes', j]));
  t.triggers?.forEach((g, j) => {
    const q: Path = [...p, 'triggers', j];
    const fn = em.frag((s) => checkName(s, 'a function name such as schema.touch_updated_at'), g.function, [
      ...q,
      'function',
    ]);
    em.stmt(
      q,
      `CREATE TRIGGER ${quoteIdent(g.name)} ${g.timing.toUpperCase()} ${g.events.map((e) => e.toUpperCase()).join(' OR ')} ` +
        `ON ${name} FOR EACH ${(g.forEach ?? 'row').toUpperCase()}`,
      ...(g.when ? [' WHEN (', em.checked(checkExpression, g.when, [...q, 'when']), ')'] : []),
      ` EXECUTE FUNCTION ${fn.includes('.') ? qualify(...(fn.split('.') as [string, string])) : quoteIdent(fn)}()`,
    );
    em.comment(`TRIGGER ${quoteIdent(g.name)} ON ${name}`, g.comment, q);
  });
  if (t.rowLevelSecurity) em.stmt([...p, 'rowLevelSecurity'], `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`);
  if (t.rowLevelSecurity === 'force')
    em.stmt([...p, 'rowLevelSecurity'], `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`);
  t.policies?.forEach((pol, j) => {
    const q: Path = [...p, 'policies', j];
    em.stmt(
      q,
      `CREATE POLICY ${quoteIdent(pol.name)} ON ${name} AS ${pol.permissive === false ? 'RESTRICTIVE' : 'PERMISSIVE'} FOR ` +
        `${(pol.command ?? 'all').toUpperCase()} TO ${(pol.roles ?? ['public']).map(role).join(', ')}`,
      ...(pol.using ? [' USING (', em.checked(checkExpression, pol.using, [...q, 'using']), ')'] : []),
      ...(pol.withCheck ? [' WITH CHECK (', em.checked(checkExpression, pol.withCheck, [...q, 'withCheck']), ')'] : []),
    );
  });
  em.grants(`TABLE ${name}`, t.grants, p);
  em.comment(`TABLE ${name}`, t.comment, p);
  t.columns?.forEach((c, j) => em.comment(`COLUMN ${name}.${quoteIdent(c.name)}`, c.comment, [...p, 'columns', j]));
}

function renderIndex(em: Emitter, x: YamlIndex, on: string, schema: string, p: Path): void {
  const elems = x.columns.map((e, k) => {
    if (typeof e === 'string') return quoteIdent(e);
    const base = e.column
      ? quoteIdent(e.column)
      : `(${em.frag(checkExpression, e.expression ?? '', [...p, 'columns', k, 'expression'])})`;
    const opclass = e.opclass
      ? ` ${em.frag((s) => checkName(s, 'an operator class name'), e.opclass, [...p, 'columns', k, 'opclass'])}`
      : '';
    return `${base}${opclass}${e.order ? ` ${e.order.toUpperCase()}` : ''}${e.nulls ? ` NULLS ${e.nulls.toUpperCase()}` : ''}`;
  });
  em.stmt(
    p,
    `CREATE ${x.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(x.name)} ON ${on} USING ${x.method ?? 'btree'} (${elems.join(', ')})`,
    x.include?.length ? ` INCLUDE (${x.include.map(quoteIdent).join(', ')})` : '',
    x.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '',
    ...(x.where ? [' WHERE (', em.checked(checkExpression, x.where, [...p, 'where']), ')'] : []),
  );
  em.comment(`INDEX ${qualify(schema, x.name)}`, x.comment, p);
}

function renderView(em: Emitter, v: YamlView, p: Path): void {
  const schema = v.schema ?? em.fileSchema;
  const name = qualify(schema, v.name);
  const kind = v.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
  em.stmt(p, `CREATE ${kind} ${name} AS `, em.checked(checkQuery, v.query, [...p, 'query']));
  v.indexes?.forEach((x, j) => renderIndex(em, x, name, schema, [...p, 'indexes', j]));
  em.grants(`TABLE ${name}`, v.grants, p);
  em.comment(`${kind} ${name}`, v.comment, p);
}
