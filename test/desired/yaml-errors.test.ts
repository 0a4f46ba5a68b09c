// Bad YAML desired state: every error names file:line:column and what was expected, and nothing runs.
import { describe, expect, it } from 'vitest';
import { parseSources } from '../../src/desired/load-sql.js';

const table = (columns: string, extra = '') => `tables:\n  - name: t\n    columns:\n${columns}${extra}`;
const col = (body: string) => `      - name: a\n${body}`;

const cases: { name: string; yaml: string; at: string; message: string | RegExp }[] = [
  {
    name: 'YAML syntax: bad indentation',
    yaml: 'tables:\n  - name: t\n   columns: [\n',
    at: '3:1',
    message: /Sequence item without - indicator|bad indentation/i,
  },
  {
    name: 'YAML syntax: unclosed quote',
    yaml: 'tables:\n  - name: "t\n',
    at: '3:1',
    message: /Missing closing "quote/,
  },
  {
    name: 'YAML syntax: duplicate key',
    yaml: 'tables:\n  - name: t\n    name: u\n',
    at: '3:5',
    message: /Map keys must be unique/,
  },
  { name: 'YAML syntax: tab indentation', yaml: 'tables:\n\t- name: t\n', at: '2:1', message: /tab/i },
  {
    name: 'a list at the top',
    yaml: '- name: t\n',
    at: '1:1',
    message: 'expected a mapping with keys such as tables, enums, views, functions',
  },
  {
    name: 'unknown top-level key',
    yaml: 'tabels:\n  - name: t\n',
    at: '1:1',
    message: 'file: Unrecognized key: "tabels"',
  },
  {
    name: 'unknown table key',
    yaml: 'tables:\n  - name: t\n    colums: []\n',
    at: '3:5',
    message: 'tables.0: Unrecognized key: "colums"',
  },
  {
    name: 'unknown column key',
    yaml: table(col('        type: int\n        nullabel: false\n')),
    at: '6:9',
    message: 'tables.0.columns.0: Unrecognized key: "nullabel"',
  },
  {
    name: 'tables is not a list',
    yaml: 'tables:\n  name: t\n',
    at: '2:3',
    message: /tables: Invalid input: expected array, received object/,
  },
  {
    name: 'table without a name',
    yaml: 'tables:\n  - columns: []\n',
    at: '2:5',
    message: /tables\.0\.name: Invalid input: expected string, received undefined/,
  },
  { name: 'empty table name', yaml: 'tables:\n  - name: ""\n', at: '2:11', message: 'tables.0.name: a name' },
  {
    name: 'name over 63 bytes',
    yaml: `tables:\n  - name: ${'x'.repeat(64)}\n`,
    at: '2:11',
    message: 'tables.0.name: a name of at most 63 bytes',
  },
  {
    name: 'column without a type',
    yaml: table(col('        nullable: false\n')),
    at: '4:9',
    message: /tables\.0\.columns\.0\.type: Invalid input: expected string, received undefined/,
  },
  {
    name: 'nullable is not a boolean',
    yaml: table(col('        type: int\n        nullable: "no"\n')),
    at: '6:19',
    message: 'tables.0.columns.0.nullable: Invalid input: expected boolean, received string',
  },
  {
    name: 'identity of the wrong kind',
    yaml: table(col('        type: int\n        identity: sometimes\n')),
    at: '6:19',
    message: /tables\.0\.columns\.0\.identity: /,
  },
  {
    name: 'default that closes its expression and adds a statement',
    yaml: table(col('        type: int\n        default: "1); drop table x; --"\n')),
    at: '6:18',
    message: 'tables.0.columns.0.default: expected a single SQL expression, got "1); drop table x; --"',
  },
  {
    name: 'default with a FROM clause',
    yaml: table(col('        type: int\n        default: "1) FROM pg_class --"\n')),
    at: '6:18',
    message: /tables\.0\.columns\.0\.default: expected a single SQL expression/,
  },
  {
    name: 'default with a syntax error',
    yaml: table(col('        type: int\n        default: "1 +"\n')),
    at: '6:18',
    message: /tables\.0\.columns\.0\.default: expected a single SQL expression: syntax error/,
  },
  {
    name: 'type with an injected statement',
    yaml: table(col('        type: "int; drop table x"\n')),
    at: '5:15',
    message: /tables\.0\.columns\.0\.type: expected a data type: syntax error at or near ";"/,
  },
  {
    name: 'type with a constraint smuggled in',
    yaml: table(col('        type: "int primary key"\n')),
    at: '5:15',
    message: 'tables.0.columns.0.type: expected a data type, got "int primary key"',
  },
  {
    name: 'check that is two expressions',
    yaml: table(col('        type: int\n'), '    checks:\n      - expression: "a > 0, a < 9"\n'),
    at: '7:21',
    message: 'tables.0.checks.0.expression: expected a single SQL expression, got "a > 0, a < 9"',
  },
  {
    name: 'index without columns',
    yaml: table(col('        type: int\n'), '    indexes:\n      - name: i\n        columns: []\n'),
    at: '8:18',
    message: 'tables.0.indexes.0.columns: at least one column or expression',
  },
  {
    name: 'index method unknown',
    yaml: table(
      col('        type: int\n'),
      '    indexes:\n      - name: i\n        columns: [a]\n        method: bree\n',
    ),
    at: '9:17',
    message: 'tables.0.indexes.0.method: btree, hash, gist, gin, spgist or brin',
  },
  {
    name: 'index element with both column and expression',
    yaml: table(
      col('        type: int\n'),
      '    indexes:\n      - name: i\n        columns:\n          - column: a\n            expression: lower(a)\n',
    ),
    at: '9:13',
    message: 'tables.0.indexes.0.columns.0: exactly one of column or expression',
  },
  {
    name: 'partial index predicate that is a statement',
    yaml: table(
      col('        type: int\n'),
      '    indexes:\n      - name: i\n        columns: [a]\n        where: "true; delete from t"\n',
    ),
    at: '9:16',
    message: /tables\.0\.indexes\.0\.where: expected a single SQL expression/,
  },
  {
    name: 'foreign key without referenced columns',
    yaml: table(col('        type: int\n'), '    foreignKeys:\n      - columns: [a]\n        references: {table: p}\n'),
    at: '8:21',
    message: /tables\.0\.foreignKeys\.0\.references\.columns: Invalid input: expected array/,
  },
  {
    name: 'on delete action unknown',
    yaml: table(col('        type: int\n        references: {table: p, onDelete: explode}\n')),
    at: '6:42',
    message: 'tables.0.columns.0.references.onDelete: one of no action, restrict, cascade, set null, set default',
  },
  {
    name: 'grant of an unknown privilege',
    yaml: 'tables:\n  - name: t\n    grants:\n      - role: app\n        privileges: [select, drop]\n',
    at: '5:30',
    message:
      'tables.0.grants.0.privileges.1: one of select, insert, update, delete, truncate, references, trigger, all',
  },
  {
    name: 'policy command unknown',
    yaml: 'tables:\n  - name: t\n    policies:\n      - name: p\n        command: upsert\n',
    at: '5:18',
    message: 'tables.0.policies.0.command: all, select, insert, update or delete',
  },
  {
    name: 'trigger timing unknown',
    yaml: 'tables:\n  - name: t\n    triggers:\n      - name: g\n        timing: during\n        events: [insert]\n        function: f\n',
    at: '5:17',
    message: 'tables.0.triggers.0.timing: before, after or instead of',
  },
  {
    name: 'trigger function that is not a name',
    yaml: 'tables:\n  - name: t\n    triggers:\n      - name: g\n        timing: before\n        events: [insert]\n        function: "f(); drop table t"\n',
    at: '7:19',
    message:
      'tables.0.triggers.0.function: expected a function name such as schema.touch_updated_at, got "f(); drop table t"',
  },
  {
    name: 'view query that is two statements',
    yaml: 'views:\n  - name: v\n    query: "select 1; drop table t"\n',
    at: '3:12',
    message: 'views.0.query: expected a single SELECT query, got "select 1; drop table t"',
  },
  {
    name: 'view query that is not a query',
    yaml: 'views:\n  - name: v\n    query: "delete from t"\n',
    at: '3:12',
    message: 'views.0.query: expected a single SELECT query, got "delete from t"',
  },
  {
    name: 'function without a body',
    yaml: 'functions:\n  - name: f\n    language: sql\n',
    at: '2:5',
    message: /functions\.0\.body: Invalid input: expected string, received undefined/,
  },
  {
    name: 'function arguments that do not parse',
    yaml: 'functions:\n  - name: f\n    args: "a int,"\n    language: sql\n    body: select 1\n',
    at: '3:11',
    message: /functions\.0\.args: expected a function argument list and result type: syntax error/,
  },
  {
    name: 'function language with a space',
    yaml: 'functions:\n  - name: f\n    language: "sql security definer"\n    body: select 1\n',
    at: '3:15',
    message: 'functions.0.language: expected a language name, got "sql security definer"',
  },
  {
    name: 'enum without values',
    yaml: 'enums:\n  - name: e\n    values: []\n',
    at: '3:13',
    message: 'enums.0.values: at least one value',
  },
  {
    name: 'partition bound that is not a bound',
    yaml: 'tables:\n  - name: p1\n    partitionOf: {table: p, bound: "values 1"}\n',
    at: '3:36',
    message: /tables\.0\.partitionOf\.bound: expected a partition bound/,
  },
  {
    name: 'exclusion operator that is not an operator',
    yaml: 'tables:\n  - name: r\n    exclusions:\n      - elements: [{column: c, operator: "&&; drop"}]\n',
    at: '4:42',
    message: 'tables.0.exclusions.0.elements.0.operator: expected an operator such as && or =, got "&&; drop"',
  },
  {
    name: 'sql escape hatch with two statements',
    yaml: 'sql:\n  - "create table a (x int); create table b (y int)"\n',
    at: '2:5',
    message: 'sql.0: expected a single SQL statement, got 2 statements',
  },
  {
    name: 'sequence cache below one',
    yaml: 'sequences:\n  - name: s\n    cache: 0\n',
    at: '3:12',
    message: /sequences\.0\.cache: Too small/,
  },
];

describe('bad YAML', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  for (const c of cases) {
    it(c.name, async () => {
      const err = await parseSources([{ path: 'schema/bad.yaml', text: c.yaml }]).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err, 'an error').toBeInstanceOf(Error);
      const message = (err as Error).message;
      expect(message.startsWith(`schema/bad.yaml:${c.at}: `), message).toBe(true);
      const detail = message.slice(`schema/bad.yaml:${c.at}: `.length);
      if (typeof c.message === 'string') expect(detail).toBe(c.message);
      else expect(detail).toMatch(c.message);
    });
  }
});
