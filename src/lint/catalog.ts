// Every lint rule with its stable id: why it matters, how to fix it, and its default severity (a rule that names a
// hazard is an error when the file's header does not declare it and a note when it does; see lint.ts).

export type Severity = 'error' | 'warning' | 'note';

export interface Rule {
  readonly why: string;
  readonly fix: string;
  /** For rules without a hazard. */
  readonly severity: Severity;
}

export const RULES = {
  syntax: {
    why: 'PostgreSQL cannot parse the statement',
    fix: 'correct the SQL at the place shown',
    severity: 'error',
  },
  layout: {
    why: 'apply reads the header and the up and down sections',
    fix: 'keep the "-- +sfm up" and "-- +sfm down" markers and the header lines sfm-schema writes',
    severity: 'error',
  },
  drop: {
    why: 'the rows go with the table or schema',
    fix: 'use drops: archive (the default), or declare DELETES_DATA',
    severity: 'error',
  },
  'drop-column': {
    why: 'the values go with the column, and clients that still read it fail',
    fix: 'use drops: archive, or declare DELETES_DATA',
    severity: 'error',
  },
  'drop-index': {
    why: 'DROP INDEX takes ACCESS EXCLUSIVE on the table: every read and write waits behind it',
    fix: 'DROP INDEX CONCURRENTLY in a "-- +sfm no-transaction" step',
    severity: 'warning',
  },
  'drop-constraint': {
    why: 'the guarantee it gave is gone for every later write (and a dropped key takes its index)',
    fix: 'make sure no application relies on it; a key used by foreign keys needs them dropped first',
    // No data goes and PostgreSQL refuses to drop a key a foreign key needs: said, not warned (lint.rules raises it).
    severity: 'note',
  },
  truncate: { why: 'TRUNCATE deletes every row', fix: 'declare DELETES_DATA if meant', severity: 'error' },
  'delete-all': {
    why: 'DELETE without WHERE empties the table',
    fix: 'add a WHERE, or declare DELETES_DATA',
    severity: 'error',
  },
  'update-all': {
    why: 'an UPDATE of every row locks them all and writes a new version of each in one transaction',
    fix: 'update in keyset batches in a hand-written data migration',
    severity: 'warning',
  },
  'column-type': {
    why: 'a type change rewrites the table and its indexes under ACCESS EXCLUSIVE, unless it only widens',
    fix: 'widen only (varchar(n) → longer or text, numeric precision up), or add a new column and backfill it',
    severity: 'warning',
  },
  'column-collation': {
    why: 'a collation change rebuilds the column’s indexes under lock',
    fix: 'build the new indexes CONCURRENTLY beside the old ones first',
    severity: 'warning',
  },
  persistence: {
    why: 'SET LOGGED / UNLOGGED rewrites the table under ACCESS EXCLUSIVE',
    fix: 'create the table with the persistence it needs',
    severity: 'error',
  },
  'set-not-null': {
    why: 'SET NOT NULL scans the table under ACCESS EXCLUSIVE',
    fix: 'ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (no scan)',
    severity: 'error',
  },
  'validating-constraint': {
    why: 'a CHECK or FOREIGN KEY added valid scans the table under a lock that blocks writes',
    fix: 'add it NOT VALID and VALIDATE it in a step of its own',
    severity: 'error',
  },
  'constraint-index': {
    why: 'a UNIQUE, PRIMARY KEY or EXCLUDE constraint builds its index under ACCESS EXCLUSIVE',
    fix: 'CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX',
    severity: 'error',
  },
  'add-column-rewrite': {
    why: 'an identity, stored generated or volatile default column added to a table rewrites it',
    fix: 'add the column bare, set the default after, and backfill in batches',
    severity: 'error',
  },
  'add-column-required': {
    why: 'a NOT NULL column without a default fails on a table that has rows',
    fix: 'give it a default (a constant adds without a rewrite), or add it nullable and backfill first',
    severity: 'warning',
  },
  'index-build': {
    why: 'CREATE INDEX blocks writes to the table while it builds',
    fix: 'CREATE INDEX CONCURRENTLY in a "-- +sfm no-transaction" step',
    severity: 'error',
  },
  'concurrently-in-transaction': {
    why: 'CONCURRENTLY (and VACUUM) cannot run inside a transaction block',
    fix: 'mark the step with "-- +sfm no-transaction"',
    severity: 'error',
  },
  rename: {
    why: 'running clients of the previous version still use the old name',
    fix: 'expand/contract: add the new name beside the old (a view or a column kept in sync), switch, then drop',
    severity: 'warning',
  },
  cluster: {
    why: 'CLUSTER rewrites the table under ACCESS EXCLUSIVE',
    fix: 'use pg_repack or a rebuild beside it',
    severity: 'error',
  },
  'vacuum-full': {
    why: 'VACUUM FULL rewrites the table under ACCESS EXCLUSIVE',
    fix: 'plain VACUUM, or pg_repack',
    severity: 'error',
  },
  reindex: {
    why: 'REINDEX without CONCURRENTLY blocks writes (and reads using the index) while it rebuilds',
    fix: 'REINDEX … CONCURRENTLY in a "-- +sfm no-transaction" step',
    severity: 'warning',
  },
  'trigger-existing-table': {
    why: 'a new trigger changes what every write to a table in use does, from the moment it commits',
    fix: 'make sure both application versions write rows the trigger accepts',
    severity: 'note',
  },
  'enum-value-order': {
    why: 'a value added BEFORE or AFTER another changes the sort order of existing values for ORDER BY',
    fix: 'add new values at the end unless the order is wanted',
    severity: 'note',
  },
  'transaction-nesting': {
    why: 'apply runs each segment in its own transaction: BEGIN or COMMIT in the file breaks that',
    fix: 'remove them; mark steps that must run outside a transaction with "-- +sfm no-transaction"',
    severity: 'error',
  },
  'timeout-disabled': {
    why: 'apply sets lock_timeout and statement_timeout; a file that turns them off can wait forever and queue traffic',
    fix: 'leave the timeouts to apply (--lock-timeout, --statement-timeout)',
    severity: 'warning',
  },
  'identifier-length': {
    why: 'PostgreSQL truncates names longer than 63 bytes, so two long names can become the same',
    fix: 'use a name of at most 63 bytes',
    severity: 'error',
  },
  'type-char': {
    why: 'char(n) pads with spaces and is no faster than text',
    fix: 'use text or varchar',
    severity: 'note',
  },
  'type-serial': {
    why: 'serial makes a sequence the table does not own as an identity does (grants, copies, dumps)',
    fix: 'use GENERATED ALWAYS AS IDENTITY',
    severity: 'note',
  },
  'type-int-key': {
    why: 'a 32-bit key runs out at 2.1 billion rows, and changing it later rewrites the table and its references',
    fix: 'use bigint for keys',
    severity: 'note',
  },
  'type-timestamp': {
    why: 'timestamp without time zone stores wall-clock time that depends on the writer’s zone',
    fix: 'use timestamptz',
    severity: 'note',
  },
  'live-not-null': {
    why: 'rows of the target hold NULL in the column: SET NOT NULL (or its check) fails there',
    fix: 'backfill the NULLs first, in batches, in a hand-written data migration',
    severity: 'error',
  },
  'live-unique': {
    why: 'rows of the target repeat the key: the unique index or constraint cannot be built there',
    fix: 'remove the duplicates first, or choose another key',
    severity: 'error',
  },
  'partitioned-index': {
    why: 'an index on a partitioned table cannot be built CONCURRENTLY: every partition blocks writes while it builds',
    fix: 'CREATE INDEX … ON ONLY the parent, CREATE INDEX CONCURRENTLY on each partition, then ALTER INDEX … ATTACH PARTITION',
    severity: 'warning',
  },
  'live-rows': {
    why: 'a data step locks and writes every row it touches, in one transaction',
    fix: 'above some thousands of rows, update in keyset batches',
    severity: 'note',
  },
  'type-json': { why: 'json keeps the text and cannot be indexed like jsonb', fix: 'use jsonb', severity: 'note' },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export const isRuleId = (id: string): id is RuleId => id in RULES;
